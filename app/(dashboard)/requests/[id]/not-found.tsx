import Link from "next/link";

export default function RequestNotFound() {
  return (
    <div data-testid="request-not-found" className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Request not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is no request with this id. Check the link, or find it in the inbox.</p>
      <Link
        href="/inbox"
        className="mt-4 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:ring-offset-2"
      >
        Go to the inbox
      </Link>
    </div>
  );
}
