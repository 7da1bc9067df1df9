import { redirect } from "next/navigation";
import { getSessionActor } from "@/lib/http/session.ts";
import { SignInForm } from "./_components/sign-in-form.tsx";

export const metadata = { title: "Sign in · Countersign" };

function safeCallback(value: string | string[] | undefined): string {
  // Only same-site paths: an open redirect after sign-in would be a phishing aid.
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/inbox";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getSessionActor()) redirect(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold tracking-tight">Countersign</h1>
        <p className="mt-1 text-sm text-slate-600">Sign in to review what your agents want to do.</p>
        <SignInForm callbackUrl={callbackUrl} failed={params.error !== undefined} />
      </div>
    </main>
  );
}
