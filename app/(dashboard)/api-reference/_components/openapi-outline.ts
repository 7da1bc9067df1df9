// Reads the OpenAPI 3.1 document into what the reference page shows. Only what our generator
// (zod-openapi) emits is handled; anything else still renders, as its raw keyword.

export type Schema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};

export type Parameter = { in: string; name: string; required?: boolean; description?: string; schema?: Schema };
type Media = { content?: Record<string, { schema?: Schema }> };
type RawOperation = {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: Media;
  responses?: Record<string, Media & { description?: string }>;
  security?: unknown[];
};
export type OpenApi = {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
};

export type Operation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  /** False for the reviewer-only decision endpoint (its own `security`, the session cookie). */
  agentAuth: boolean;
  parameters: Parameter[];
  body: Schema | null;
  responses: { status: string; description: string; schema: Schema | null }[];
};

const METHODS = ["get", "post", "put", "patch", "delete"];

export function listOperations(doc: OpenApi): Operation[] {
  const base = doc.servers?.[0]?.url ?? "";
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => {
      const op = item[method]!;
      return {
        id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-$/, ""),
        method: method.toUpperCase(),
        path: base + path,
        summary: op.summary ?? "",
        agentAuth: !Array.isArray(op.security) || op.security.some((s) => typeof s === "object" && s !== null && "apiKey" in s),
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.["application/json"]?.schema ?? null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({
          status,
          description: r.description ?? "",
          schema: r.content?.["application/json"]?.schema ?? null,
        })),
      };
    }),
  );
}

export const refName = (ref: string) => ref.replace(/^#\/components\/schemas\//, "");

/** Named schemas get their own section; generated helper schemas (`__schemaN`) are inlined. */
export function namedSchemas(doc: OpenApi): [string, Schema][] {
  return Object.entries(doc.components?.schemas ?? {}).filter(([name]) => !name.startsWith("__"));
}

const JSON_TYPES = ["array", "boolean", "null", "number", "object", "string"];

/** zod's `z.json()`: a union of every JSON type, recursively. */
export function isAnyJson(schema: Schema): boolean {
  const types = (schema.anyOf ?? []).map((s) => (typeof s.type === "string" ? s.type : "")).sort();
  return JSON.stringify(types) === JSON.stringify(JSON_TYPES);
}

/** Constraints worth a reader's attention, as short phrases. */
export function constraints(s: Schema): string[] {
  const out: string[] = [];
  if (s.format) out.push(s.format);
  if (s.minLength !== undefined) out.push(`≥ ${s.minLength} chars`);
  if (s.maxLength !== undefined) out.push(`≤ ${s.maxLength} chars`);
  if (s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER) out.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) out.push(`≤ ${s.maximum}`);
  // Formats (uuid, date-time) carry generated regexes that say nothing more to a reader.
  if (s.pattern && !s.format) out.push(`matches ${s.pattern}`);
  if (s.default !== undefined) out.push(`default ${JSON.stringify(s.default)}`);
  return out;
}
