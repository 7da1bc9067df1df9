// Next.js proxy (the former middleware): a fresh CSP nonce for every page response. Next.js reads
// the nonce from the request's Content-Security-Policy header and puts it on its own scripts;
// pages are rendered dynamically (app/layout.tsx), so every response gets its own nonce.
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/kernel/errors.ts";
import { errorResponse } from "@/lib/web/errors/error-response.ts";
import { newNonce, pageContentSecurityPolicy } from "@/lib/web/content-security-policy.ts";

export function proxy(request: NextRequest) {
  // A server action posted from another origin: Next.js refuses it by throwing, which is a 500.
  // Answered here instead, as the refusal it is (403 in the one error body).
  if (request.method === "POST" && request.headers.has("next-action") && !sameOrigin(request)) {
    return errorResponse(new AppError("forbidden", "Cross-origin server action refused"), crypto.randomUUID());
  }
  const nonce = newNonce();
  const https = (process.env.APP_URL ?? "").startsWith("https:");
  const csp = pageContentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  if (https) response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
  return response;
}

/** Whether a request's Origin (when it has one, as browsers' POSTs do) is the app's own. */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const own = process.env.APP_URL ? new URL(process.env.APP_URL).origin : `${request.nextUrl.protocol}//${request.headers.get("host")}`;
  return origin === own;
}

// Pages only: API routes (the agent API's hot path) get a fixed policy from next.config.js, and
// static files need none. Prefetches get no nonce of their own (they reuse the page's).
export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
