import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors.ts";
import { errorResponse } from "@/lib/http/errors.ts";

// The app under test runs with a huge limit so other tests never trip it; this file checks the
// limiter itself against the real Redis with a small one (each test file loads its own modules).
process.env.RATE_LIMIT_SUBMITS_PER_MINUTE = "3";
const { consumeSubmitQuota } = await import("@/lib/requests/submit-rate-limit.ts");

describe("submission rate limit", () => {
  it("admits the limit per agent per minute, then answers rate_limited with a retry time", async () => {
    const agent = randomUUID();
    for (let i = 0; i < 3; i++) await consumeSubmitQuota(agent);
    const refused = await consumeSubmitQuota(agent).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe("rate_limited");
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
    await consumeSubmitQuota(randomUUID()); // another agent is unaffected

    const res = errorResponse(refused, "req-1");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ error: { code: "rate_limited", message: expect.any(String) } });
  });
});
