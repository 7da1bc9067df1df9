import Link from "next/link";
import { getActionType } from "@/lib/domain/action-types/get-action-type.ts";
import { requireSessionActor } from "@/lib/web/session.ts";
import { forbiddenToPage } from "@/lib/web/errors/to-page.ts";
import { ActionTypeForm } from "../new/_components/action-type-form.tsx";

export const metadata = { title: "Action type · Countersign" };

export default async function EditActionTypePage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const actor = await requireSessionActor(`/admin/action-types/${key}`);
  const actionType = await getActionType({ actor, key: decodeURIComponent(key) }).catch(forbiddenToPage);
  return (
    <div className="max-w-3xl space-y-4">
      <Link href={`/admin/policies/${actionType.key}`} className="text-sm text-slate-600 hover:text-slate-900">
        ← Policy of {actionType.key}
      </Link>
      <h1 className="text-lg font-semibold">{actionType.name}</h1>
      <ActionTypeForm initial={actionType} />
    </div>
  );
}
