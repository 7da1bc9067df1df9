import Link from "next/link";
import { requireSessionActor } from "@/lib/http/session.ts";
import { getCurrentUser } from "@/lib/users/get-current-user.ts";
import { SignOutButton } from "./_components/sign-out-button.tsx";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireSessionActor("/inbox");
  const user = await getCurrentUser({ actor }).catch(() => null);
  if (!user) {
    // A session for a disabled or deleted account grants nothing; offer the way out.
    return (
      <main className="mx-auto max-w-md px-4 py-16 text-center">
        <p className="text-slate-700">This account is no longer active.</p>
        <div className="mt-4 flex justify-center"><SignOutButton /></div>
      </main>
    );
  }
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3" aria-label="Main">
          <Link href="/inbox" className="font-semibold tracking-tight">Countersign</Link>
          <Link href="/inbox" className="text-sm text-slate-700 hover:text-slate-950">Inbox</Link>
          {(user.role === "admin" || user.role === "auditor") && (
            <>
              <Link href="/admin/policies" className="text-sm text-slate-700 hover:text-slate-950">Policies</Link>
              <Link href="/admin/agents" className="text-sm text-slate-700 hover:text-slate-950">Agents</Link>
              <Link href="/admin/users" className="text-sm text-slate-700 hover:text-slate-950">Users</Link>
            </>
          )}
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-slate-600 sm:inline">{user.name}</span>
            <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium uppercase tracking-wide text-slate-700">{user.role}</span>
            <SignOutButton />
          </div>
        </nav>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
