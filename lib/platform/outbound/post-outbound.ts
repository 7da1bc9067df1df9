import http from "node:http";
import https from "node:https";
import { checkOutboundUrl, guardedLookup, type Lookup } from "./outbound-address.ts";

export type OutboundResult = { status: number | null; durationMs: number; error: string | null; retryAfterSeconds: number | null };

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a body to an operator-configured URL under the SSRF rule: the address is checked before
 * the call and at connect time, redirects are not followed (a 3xx is just a failed attempt), and
 * the whole exchange has one deadline. Never throws: the result says what happened.
 */
export async function postOutbound(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  allowCidrs: readonly string[];
  lookup?: Lookup;
}): Promise<OutboundResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = await checkOutboundUrl(options.url, options.allowCidrs, options.lookup, options.timeoutMs);
    const client = url.protocol === "https:" ? https : http;
    // One deadline for the whole exchange, the address check included.
    const remainingMs = Math.max(1, options.timeoutMs - elapsed());
    return await new Promise<OutboundResult>((resolve) => {
      const req = client.request(
        url,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Countersign-Webhooks/1",
            ...options.headers,
            "content-length": Buffer.byteLength(options.body),
          },
          lookup: guardedLookup(options.allowCidrs, options.lookup),
          agent: false,
          timeout: remainingMs,
        },
        (res) => {
          let received = 0;
          res.on("data", (chunk: Buffer) => {
            received += chunk.length;
            if (received > MAX_RESPONSE_BYTES) res.destroy();
          });
          const done = () => {
            const retryAfter = Number(res.headers["retry-after"]);
            resolve({
              status: res.statusCode ?? null,
              durationMs: elapsed(),
              error: null,
              retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
            });
          };
          res.on("end", done);
          res.on("close", done);
        },
      );
      const deadline = setTimeout(() => req.destroy(new Error(`no response within ${options.timeoutMs} ms`)), remainingMs);
      req.on("timeout", () => req.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
      req.on("error", (err) => resolve({ status: null, durationMs: elapsed(), error: err.message, retryAfterSeconds: null }));
      req.on("close", () => clearTimeout(deadline));
      req.end(options.body);
    });
  } catch (err) {
    return { status: null, durationMs: elapsed(), error: (err as Error).message, retryAfterSeconds: null };
  }
}
