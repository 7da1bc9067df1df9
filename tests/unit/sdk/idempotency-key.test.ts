import { describe, expect, it } from "vitest";
import { ZIdempotencyKey } from "@/lib/domain/requests/schemas.ts";
import { idempotencyKeyFor } from "@/packages/sdk/idempotency-key.ts";

describe("idempotency keys from the call id", () => {
  it("are stable per (action, run, call), distinct otherwise, and valid for the API", async () => {
    const k = await idempotencyKeyFor("payments.transfer", { runId: "run_1", callId: "call_1" });
    expect(await idempotencyKeyFor("payments.transfer", { runId: "run_1", callId: "call_1", other: 1 })).toBe(k);
    expect(await idempotencyKeyFor("payments.transfer", { runId: "run_2", callId: "call_1" })).not.toBe(k);
    expect(await idempotencyKeyFor("payments.transfer", { runId: "run_1", callId: "call_2" })).not.toBe(k);
    expect(await idempotencyKeyFor("email.send", { runId: "run_1", callId: "call_1" })).not.toBe(k);
    const odd = await idempotencyKeyFor("a.b", { callId: "ünïcode call id ✓ ".repeat(40) });
    for (const key of [k, odd]) expect(ZIdempotencyKey.safeParse(key).success).toBe(true);
  });

  it("without a call id, each call gets its own random key", async () => {
    const a = await idempotencyKeyFor("a.b", undefined);
    const b = await idempotencyKeyFor("a.b", {});
    expect(a).not.toBe(b);
    // An empty call id names no call (a framework that left it out): no shared key.
    expect(await idempotencyKeyFor("a.b", { callId: "" })).not.toBe(await idempotencyKeyFor("a.b", { callId: "" }));
    expect(ZIdempotencyKey.safeParse(a).success).toBe(true);
  });
});
