import { describe, expect, it } from "vitest";
import { payloadHash as serverHash } from "@/lib/kernel/json/canonical-json.ts";
import { payloadHash as sdkHash } from "@/packages/sdk/payload-hash.ts";

// The receipt binds the RFC 8785 hash the server computed; the SDK must compute the same bytes.
const SAMPLES: unknown[] = [
  { amount: 500, currency: "USD", to: "acct_123" },
  { b: 1, a: [3, 2, 1], nested: { z: null, y: true, x: "ünïcödé ✓ \u2028 \u0000" } },
  { n: [0, -0, 0.1, 1e21, 1e-7, 123456789012345680000, -1.5, Number.MAX_SAFE_INTEGER] },
  { emoji: "👩‍💻", escapes: '"\\/\b\f\n\r\t', keys: { é: 1, e: 2, "e\u0301": 3, "10": 4, "9": 5 } },
  [],
  "just a string",
  42,
  null,
];

describe("payload hash parity (server ↔ SDK)", () => {
  it.each(SAMPLES.map((s) => [JSON.stringify(s), s]))("%s", async (_label, sample) => {
    expect(await sdkHash(sample)).toBe(serverHash(sample));
  });

  it("does not depend on key order, and changes with any value", async () => {
    expect(await sdkHash({ a: 1, b: 2 })).toBe(await sdkHash({ b: 2, a: 1 }));
    expect(await sdkHash({ a: 1, b: 2 })).not.toBe(await sdkHash({ a: 1, b: 3 }));
    expect(await sdkHash({ a: 1 })).not.toBe(await sdkHash({ a: "1" }));
  });
});
