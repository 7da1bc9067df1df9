import Link from "next/link";

/**
 * The 404 message. Our own, because Next.js's built-in 404 page carries an inline <style> without
 * the CSP nonce and style attributes, which the page policy blocks (a broken page, console violations).
 */
export function NotFoundCard() {
  return (
    <div
      data-testid="page-not-found"
      className="mx-auto mt-10 max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-sm"
    >
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing here, or nothing you may see. Check the link, or go back to the inbox.</p>
      <Link
        href="/inbox"
        className="mt-4 inline-block rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 focus-visible:ring-offset-2"
      >
        Go to the inbox
      </Link>
    </div>
  );
}
