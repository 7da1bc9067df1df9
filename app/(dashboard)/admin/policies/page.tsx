import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { listPolicies } from "@/lib/domain/policies/list-policies.ts";
import { RISK_STYLES } from "../../_components/format.ts";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";

export const metadata = { title: "Policies · Countersign" };

export default async function PoliciesPage() {
  const actor = await requireSessionActor("/admin/policies");
  const policies = await listPolicies({ actor }).catch(forbiddenToPage);
  return (
    <section aria-labelledby="policies-title" className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 id="policies-title" className="text-lg font-semibold">
          Action types and policies
        </h1>
        <Link
          href="/admin/action-types/new"
          className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
        >
          New action type
        </Link>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">Action type</th>
              <th className="px-3 py-2">Risk</th>
              <th className="px-3 py-2">Published</th>
              <th className="px-3 py-2">Draft</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {policies.map((p) => (
              <tr key={p.key} data-testid="policy-row">
                <td className="px-3 py-2">
                  <Link href={`/admin/policies/${p.key}`} className="font-medium underline-offset-2 hover:underline">
                    {p.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{p.key}</div>
                </td>
                <td className="px-3 py-2">
                  <span className={`rounded px-2 py-0.5 text-xs ring-1 ${RISK_STYLES[p.riskLevel]}`}>{p.riskLevel}</span>
                </td>
                <td className="px-3 py-2">
                  {p.version === null ? (
                    <span className="text-slate-500">none — everything goes to review</span>
                  ) : (
                    `version ${p.version} · ${p.rules} rules`
                  )}
                </td>
                <td className="px-3 py-2">{p.hasDraft ? "unpublished draft" : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
