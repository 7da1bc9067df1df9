import { redirect } from "next/navigation";
import { getSessionActor } from "@/lib/web/session.ts";
import { SignInForm } from "./_components/sign-in-form.tsx";

export const metadata = { title: "Sign in · Countersign" };

const BASE = "http://countersign.invalid";

/**
 * Only a path on this site: an open redirect after sign-in would be a phishing aid. Resolving
 * against a dummy origin catches every spelling that leaves the site ("//x", "/\x", "/\t/x", ...),
 * since browsers resolve the same way.
 */
function safeCallback(value: string | string[] | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/")) return "/inbox";
  try {
    const url = new URL(v, BASE);
    if (url.origin !== BASE || url.pathname.startsWith("/signin") || url.pathname.startsWith("/api/")) return "/inbox";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/inbox";
  }
}

// GET /signin — email and password
export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSessionActor()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-md bg-slate-900 text-sm font-bold text-white">
            C
          </span>
          <span className="text-lg font-semibold tracking-tight">Countersign</span>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight">Sign in</h1>
          <p className="mt-1 text-sm text-slate-600">Review and decide what your AI agents want to do.</p>
          <SignInForm callbackUrl={callbackUrl} failed={params.error !== undefined} />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">No account? Ask an administrator to create one for you.</p>
      </div>
    </main>
  );
}
