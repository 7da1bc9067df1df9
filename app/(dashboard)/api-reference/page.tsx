import { openApiDocument } from "@/lib/web/openapi-document.ts";
import { requireSessionActor } from "@/lib/web/session.ts";
import { listOperations, namedSchemas, type OpenApi } from "./_components/openapi-outline.ts";
import { MethodBadge, OperationView } from "./_components/operation-view.tsx";
import { SchemaView } from "./_components/schema-view.tsx";

export const metadata = { title: "API reference · Countersign" };

/**
 * The agent API reference, rendered on the server from the same OpenAPI document the API serves
 * at /api/v1/openapi.json — no client script, no asset from anywhere else.
 */
export default async function ApiReferencePage() {
  await requireSessionActor("/api-reference");
  const doc = openApiDocument() as unknown as OpenApi;
  const operations = listOperations(doc);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-lg font-semibold">API reference</h1>
        <p className="text-sm text-slate-700">
          {doc.info.title} {doc.info.version}. {doc.info.description}
        </p>
        <p className="text-sm text-slate-700">
          Machine-readable:{" "}
          <a href="/api/v1/openapi.json" className="font-mono text-sky-800 underline underline-offset-2">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1). Receipt keys:{" "}
          <a href="/.well-known/jwks.json" className="font-mono text-sky-800 underline underline-offset-2">
            /.well-known/jwks.json
          </a>
          . MCP: <code className="font-mono">POST /api/mcp</code>.
        </p>
      </header>

      <nav aria-label="Endpoints" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-sm font-semibold">Endpoints</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {operations.map((op) => (
            <li key={op.id} className="flex flex-wrap items-center gap-2">
              <MethodBadge method={op.method} />
              <a href={`#${op.id}`} className="font-mono text-[13px] text-slate-900 underline-offset-2 hover:underline">
                {op.path}
              </a>
              <span className="text-slate-600">{op.summary}</span>
            </li>
          ))}
        </ul>
      </nav>

      {operations.map((op) => (
        <OperationView key={op.id} op={op} doc={doc} />
      ))}

      <section aria-labelledby="schemas-title" className="space-y-4">
        <h2 id="schemas-title" className="text-base font-semibold">
          Schemas
        </h2>
        {namedSchemas(doc).map(([name, schema]) => (
          <section
            key={name}
            id={`schema-${name}`}
            aria-labelledby={`schema-${name}-title`}
            className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
            data-testid="api-schema"
          >
            <h3 id={`schema-${name}-title`} className="font-mono text-sm font-semibold">
              {name}
            </h3>
            <div className="mt-2">
              <SchemaView schema={schema} doc={doc} />
            </div>
          </section>
        ))}
      </section>
    </div>
  );
}
