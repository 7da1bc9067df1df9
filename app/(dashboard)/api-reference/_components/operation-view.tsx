import { constraints, type OpenApi, type Operation } from "./openapi-outline.ts";
import { SchemaView, TypeLabel } from "./schema-view.tsx";

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900 ring-sky-200",
  POST: "bg-emerald-100 text-emerald-900 ring-emerald-200",
  DELETE: "bg-rose-100 text-rose-900 ring-rose-200",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-block w-14 rounded px-1.5 py-0.5 text-center font-mono text-xs font-semibold ring-1 ${METHOD_STYLE[method] ?? "bg-slate-100 text-slate-900 ring-slate-200"}`}
    >
      {method}
    </span>
  );
}

/** One endpoint: how to call it and what comes back. */
export function OperationView({ op, doc }: { op: Operation; doc: OpenApi }) {
  const ok = op.responses.filter((r) => r.status.startsWith("2"));
  const errors = op.responses.filter((r) => !r.status.startsWith("2"));
  return (
    <section
      id={op.id}
      aria-labelledby={`${op.id}-title`}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="api-operation"
    >
      <h2 id={`${op.id}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
        <MethodBadge method={op.method} />
        <code className="font-mono text-sm">{op.path}</code>
      </h2>
      <p className="mt-1 text-sm text-slate-700">{op.summary}</p>
      <p className="mt-1 text-xs text-slate-500">
        {op.agentAuth ? "Auth: Authorization: Bearer <agent API key>" : "Auth: reviewer session cookie, same origin only — not for agents"}
      </p>

      {op.parameters.length > 0 && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold">Parameters</h3>
          <table className="mt-1 w-full text-left text-sm">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Name</th>
                <th className="py-1 pr-3 font-medium">In</th>
                <th className="py-1 font-medium">Type</th>
              </tr>
            </thead>
            <tbody>
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100 align-baseline">
                  <td className="py-1 pr-3 font-mono text-[13px]">
                    {p.name}
                    {p.required && <span className="ml-1 text-xs text-rose-800">required</span>}
                  </td>
                  <td className="py-1 pr-3 text-slate-600">{p.in}</td>
                  <td className="py-1">
                    {p.schema && <TypeLabel schema={p.schema} doc={doc} />}{" "}
                    <span className="text-xs text-slate-500">{p.schema ? constraints(p.schema).join(" · ") : ""}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {op.body && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold">
            Request body <span className="font-normal text-slate-500">(application/json)</span>
          </h3>
          <div className="mt-1">
            <SchemaView schema={op.body} doc={doc} />
          </div>
        </div>
      )}

      <div className="mt-3">
        <h3 className="text-sm font-semibold">Responses</h3>
        <ul className="mt-1 space-y-1 text-sm">
          {ok.map((r) => (
            <li key={r.status} className="flex flex-wrap items-baseline gap-2">
              <span className="font-mono text-xs font-semibold text-emerald-800">{r.status}</span>
              <span className="text-slate-700">{r.description}</span>
              {r.schema && <TypeLabel schema={r.schema} doc={doc} />}
            </li>
          ))}
          {errors.length > 0 && (
            <li className="flex flex-wrap items-baseline gap-2">
              <span className="font-mono text-xs font-semibold text-rose-800">{errors.map((r) => r.status).join(" · ")}</span>
              <span className="text-slate-700">errors, as</span>
              <a href="#schema-Error" className="font-mono text-xs text-sky-800 underline underline-offset-2">
                Error
              </a>
            </li>
          )}
        </ul>
      </div>
    </section>
  );
}
