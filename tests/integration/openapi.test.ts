import { describe, expect, it } from "vitest";
import { call } from "../support/http.ts";

describe("GET /api/v1/openapi.json", () => {
  it("describes every agent endpoint in OpenAPI 3.1, generated from the zod schemas", async () => {
    const res = await call("GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        "/requests",
        "/requests/{id}",
        "/requests/{id}/wait",
        "/requests/{id}/cancel",
        "/requests/{id}/result",
        "/requests/{id}/decision",
      ]),
    );
    const submit = res.body.paths["/requests"].post;
    expect(submit.responses).toHaveProperty("201");
    expect(submit.responses).toHaveProperty("413");
    expect(res.body.components.schemas.Request.properties).toHaveProperty("payloadHash");
    expect(res.body.components.schemas.Request.properties).toHaveProperty("decision");
  });
});
