import { describe, expect, it } from "vitest";

// With no store the limiter can count in, submissions are refused (503), never admitted
// uncounted: Redis unreachable and the Postgres fallback switched off, or unreachable too.
// Each test file loads its own modules, so the settings below apply to this file only.
process.env.REDIS_URL = "redis://127.0.0.1:1";

describe("rate limiter without a reachable store", () => {
  it("refuses with service_unavailable and a retry time", async () => {
    process.env.RATE_LIMIT_FALLBACK = "none";
    const { consumeSubmitQuota } = await import("@/lib/domain/limits/consume-submit-quota.ts");
    const refused = await consumeSubmitQuota("00000000-0000-7000-8000-000000000001", 100).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "service_unavailable", retryAfter: 5 });
  });
});
