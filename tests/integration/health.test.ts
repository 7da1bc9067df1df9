import { describe, expect, it } from "vitest";
import { call } from "../support/http.ts";

describe("GET /api/health", () => {
  it("reports the database and Redis without authentication or secrets", async () => {
    const res = await call("GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", db: "ok", redis: "ok" });
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("keeps the benchmark routes off unless COUNTERSIGN_BENCH_ROUTES=1", async () => {
    expect((await call("GET", "/api/bench/baseline")).status).toBe(404);
    expect((await call("GET", "/api/bench/memory")).status).toBe(404);
  });
});
