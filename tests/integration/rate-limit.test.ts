import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/kernel/errors.ts";
import { errorResponse } from "@/lib/web/errors/error-response.ts";
import { consumeSubmitQuota } from "@/lib/domain/limits/consume-submit-quota.ts";

// The limiter itself against the real Redis: each agent's own per-minute limit is compared with
// one shared count (across two web processes and with Redis down: rate-limit-shared.test.ts).
describe("submission rate limit", () => {
  it("admits the limit per agent per minute, then answers rate_limited with a retry time", async () => {
    const agent = randomUUID();
    for (let i = 0; i < 3; i++) await consumeSubmitQuota(agent, 3);
    const refused = await consumeSubmitQuota(agent, 3).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    expect((refused as AppError).retryAfter).toBeGreaterThan(0);
    expect((refused as AppError).retryAfter).toBeLessThanOrEqual(60);
    await consumeSubmitQuota(randomUUID(), 3); // another agent is unaffected
    // A higher limit for the same agent takes effect at once, on the same count.
    await consumeSubmitQuota(agent, 10);

    const res = errorResponse(refused, "req-1");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({
      error: { code: "rate_limited", message: expect.any(String), details: { limit: "submits_per_minute", perMinute: 3 } },
    });
  });
});
