import { constraints, isAnyJson, refName, type OpenApi, type Schema } from "./openapi-outline.ts";

const code = "rounded bg-slate-100 px-1 font-mono text-xs text-slate-800";

/** A one-line type: `string`, `integer`, `Request`, `string | null`, `"a" | "b"`, `array of …`. */
function TypeLabel({ schema, doc }: { schema: Schema; doc: OpenApi }) {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const target = doc.components?.schemas?.[name];
    if (name.startsWith("__") && target && isAnyJson(target)) return <span className={code}>any JSON</span>;
    return (
      <a href={`#schema-${name}`} className="font-mono text-xs text-sky-800 underline underline-offset-2">
        {name}
      </a>
    );
  }
  if (isAnyJson(schema)) return <span className={code}>any JSON</span>;
  if (schema.enum) return <span className={code}>{schema.enum.map((v) => JSON.stringify(v)).join(" | ")}</span>;
  if (schema.const !== undefined) return <span className={code}>{JSON.stringify(schema.const)}</span>;
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    return (
      <span className="inline-flex flex-wrap items-baseline gap-1">
        {union.map((s, i) => (
          <span key={i} className="inline-flex items-baseline gap-1">
            {i > 0 && <span className="text-xs text-slate-500">or</span>}
            <TypeLabel schema={s} doc={doc} />
          </span>
        ))}
      </span>
    );
  }
  if (schema.type === "array" && schema.items) {
    return (
      <span className="inline-flex items-baseline gap-1">
        <span className="text-xs text-slate-500">array of</span>
        <TypeLabel schema={schema.items} doc={doc} />
      </span>
    );
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return <span className={code}>{type}</span>;
}

/** Object members of a schema, if it (or one branch of a nullable union) has properties. */
function membersOf(schema: Schema): Schema | null {
  if (schema.properties) return schema;
  const branch = (schema.anyOf ?? schema.oneOf ?? []).find((s) => s.properties);
  if (branch) return branch;
  if (schema.type === "array" && schema.items?.properties) return schema.items;
  return null;
}

/** A schema as a nested list of its fields: name, required, type, constraints, description. */
export function SchemaView({ schema, doc, depth = 0 }: { schema: Schema; doc: OpenApi; depth?: number }) {
  const object = membersOf(schema);
  if (!object?.properties || depth > 6) {
    return (
      <p className="text-sm">
        <TypeLabel schema={schema} doc={doc} />
        {schema.description && <span className="ml-2 text-slate-600">{schema.description}</span>}
      </p>
    );
  }
  const required = new Set(object.required ?? []);
  return (
    <ul className={`space-y-1.5 text-sm ${depth > 0 ? "mt-1.5 border-l border-slate-200 pl-4" : ""}`}>
      {Object.entries(object.properties).map(([name, prop]) => {
        const nested = membersOf(prop);
        const notes = constraints(prop);
        return (
          <li key={name}>
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
              <span className="font-mono text-[13px] font-semibold text-slate-900">{name}</span>
              <TypeLabel schema={prop} doc={doc} />
              <span className={`text-xs ${required.has(name) ? "font-medium text-rose-800" : "text-slate-500"}`}>
                {required.has(name) ? "required" : "optional"}
              </span>
              {notes.length > 0 && <span className="text-xs text-slate-500">{notes.join(" · ")}</span>}
            </div>
            {prop.description && <p className="text-slate-600">{prop.description}</p>}
            {nested && <SchemaView schema={nested} doc={doc} depth={depth + 1} />}
          </li>
        );
      })}
      {object.additionalProperties === false && depth === 0 && <li className="text-xs text-slate-500">No other fields are accepted.</li>}
    </ul>
  );
}

export { TypeLabel };
