import { handle, json } from "@/lib/web/handle.ts";
import { listReceiptKeys } from "@/lib/domain/receipts/list-receipt-keys.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET /.well-known/jwks.json — public keys that verify approval receipts (no auth)
export const GET = handle(async () => {
  const res = json(await listReceiptKeys());
  // Short, so a rotation's new key is picked up quickly; verifiers refetch on an unknown kid anyway.
  res.headers.set("cache-control", "public, max-age=60");
  return res;
});

// OPTIONS /.well-known/jwks.json — CORS preflight (a verifier on another origin sending, e.g.,
// Cache-Control); the allow-origin header itself comes from next.config.js
export const OPTIONS = handle(
  async () =>
    new Response(null, {
      status: 204,
      headers: {
        "access-control-allow-methods": "GET, HEAD, OPTIONS",
        "access-control-allow-headers": "*",
        "access-control-max-age": "86400",
      },
    }),
);

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
