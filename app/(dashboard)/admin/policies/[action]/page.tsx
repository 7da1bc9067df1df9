import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { getPolicyEditor } from "@/lib/domain/policies/get-policy-editor.ts";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";
import { PolicyEditor } from "./_components/policy-editor.tsx";
import { RestoreButton } from "./_components/restore-button.tsx";

export const metadata = { title: "Policy · Countersign" };

/** Top-level payload fields of the action type's schema, offered by the condition builder. */
function schemaFields(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties ?? {};
  return Object.keys(properties).map((k) => `payload.${k}`);
}

export default async function PolicyPage({ params }: { params: Promise<{ action: string }> }) {
  const { action } = await params;
  const actor = await requireSessionActor(`/admin/policies/${action}`);
  const view = await getPolicyEditor({ actor, action: decodeURIComponent(action) }).catch(forbiddenToPage);
  const editing = view.draft ?? view.published;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/admin/policies" className="text-sm text-slate-600 hover:text-slate-900">
          ← Policies
        </Link>
        <h1 className="text-lg font-semibold">{view.actionType.name}</h1>
        <span className="font-mono text-sm text-slate-500">{view.actionType.key}</span>
        <Link href={`/admin/action-types/${view.actionType.key}`} className="text-sm text-slate-600 underline-offset-2 hover:underline">
          Action type and payload schema
        </Link>
      </div>
      <p className="text-sm text-slate-600">
        {view.published ? (
          <span data-testid="published-version">Published: version {view.published.version}.</span>
        ) : (
          <>No published policy: every request goes to review.</>
        )}{" "}
        {view.draft ? (
          <strong>You are editing the saved draft.</strong>
        ) : view.published ? (
          "Edits are saved as a draft; publishing makes a new version."
        ) : (
          ""
        )}
        {!view.canEdit && " Read-only: only admins change policies."}
      </p>
      <PolicyEditor
        key={view.published?.version ?? 0}
        action={view.actionType.key}
        initialRules={editing?.rules ?? []}
        fields={schemaFields(view.actionType.payloadSchema)}
        canEdit={view.canEdit}
        hasDraft={view.draft !== null}
      />
      <section aria-labelledby="versions-title" className="rounded-lg border border-slate-200 bg-white p-3">
        <h2 id="versions-title" className="font-semibold">
          Versions
        </h2>
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {view.versions.map((v) => (
            <li key={v.version} data-testid="policy-version" className="flex items-center gap-3 py-1.5">
              <span className="font-medium">v{v.version}</span>
              <span className="text-slate-600">{v.state}</span>
              <span className="text-slate-500">{v.requests} requests decided</span>
              {v.comment && <span className="text-slate-500">— {v.comment}</span>}
              {v.changes && (
                <span data-testid="version-changes" className="text-xs text-slate-600">
                  {v.changes.length === 0
                    ? "same rules as before"
                    : v.changes
                        .map((c) =>
                          c.change === "changed"
                            ? `${c.name}: ${c.fields.join(", ")} changed`
                            : c.change === "moved"
                              ? `${c.name} moved`
                              : `${c.name} ${c.change}`,
                        )
                        .join("; ")}
                </span>
              )}
              {view.canEdit && v.state === "superseded" && (
                <span className="ml-auto">
                  <RestoreButton action={view.actionType.key} version={v.version} />
                </span>
              )}
            </li>
          ))}
          {view.versions.length === 0 && <li className="py-1.5 text-slate-500">None yet.</li>}
        </ul>
      </section>
    </div>
  );
}
