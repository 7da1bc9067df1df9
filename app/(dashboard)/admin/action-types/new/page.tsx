import Link from "next/link";
import { requireSessionActor } from "@/lib/web/session.ts";
import { ActionTypeForm } from "./_components/action-type-form.tsx";

export const metadata = { title: "New action type · Countersign" };

export default async function NewActionTypePage() {
  await requireSessionActor("/admin/action-types/new");
  return (
    <div className="max-w-3xl space-y-4">
      <Link href="/admin/policies" className="text-sm text-slate-600 hover:text-slate-900">
        ← Policies
      </Link>
      <h1 className="text-lg font-semibold">New action type</h1>
      <ActionTypeForm />
    </div>
  );
}
