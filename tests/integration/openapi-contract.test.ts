/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is read as loose JSON */
// The published OpenAPI document against real clients: a real validator (swagger-parser) accepts
// it, and every status each operation documents is provoked on the running stack and its answer
// (status, body, headers) checked with ajv against what the document says.
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setAgentLimits } from "@/lib/domain/limits/set-agent-limits.ts";
import { reviewSetup } from "../support/approvals.ts";
import { createTestAgent } from "../support/factories.ts";
import { agentApi, BASE_URL, call, type ApiResponse } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

const CLI = { kind: "cli" } as const;
const MIN_TTL = Number(process.env.MIN_REQUEST_TTL_SECONDS ?? 60);
const MAX_BODY = Number(process.env.MAX_BODY_BYTES ?? 256 * 1024);
/** Statuses no test can provoke without breaking the stack: a bug (500); Redis down (503, in limiter-fail-closed.test.ts). */
const NOT_PROVOKED = new Set(["500", "503"]);

let doc: any;
let ajv: Ajv2020;

beforeAll(async () => {
  doc = (await call("GET", "/api/v1/openapi.json")).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The whole document as one schema resource, so `#/components/...` references resolve in it.
  ajv.addSchema({ ...structuredClone(doc), $id: "openapi.json" });
});

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");
const operation = (path: string, method: string) => doc.paths[path][method];

function validate(schemaPointer: string, value: unknown): string[] {
  const check = ajv.compile({ $ref: `openapi.json#/${schemaPointer}` });
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const bodyValid = (path: string, method: string, body: unknown) =>
  validate(pointer("paths", path, method, "requestBody", "content", "application/json", "schema"), body);

const seen = new Set<string>();

/** The live answer matches the document: a documented status, its body schema, its headers. */
function expectDocumented(path: string, method: string, res: ApiResponse, status: number) {
  expect(res.status, `${method.toUpperCase()} ${path}: ${JSON.stringify(res.body)}`).toBe(status);
  const response = operation(path, method).responses[String(status)];
  expect(response, `${method.toUpperCase()} ${path} does not document ${status}`).toBeDefined();
  expect(validate(pointer("paths", path, method, "responses", String(status), "content", "application/json", "schema"), res.body)).toEqual(
    [],
  );
  for (const [name, ref] of Object.entries<any>(response.headers ?? {})) {
    const headerDoc = ref.$ref ? doc.components.headers[ref.$ref.split("/").pop()] : ref;
    const value = res.headers.get(name);
    if (name === "idempotent-replayed" && value === null) continue; // present only on a replay
    expect(value, `${name} on ${status}`).not.toBeNull();
    const schemaErrors = ajv.validate(headerDoc.schema, value) ? [] : ajv.errors;
    expect(schemaErrors, `${name}: ${value}`).toEqual([]);
  }
  seen.add(`${method} ${path} ${status}`);
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 for a real validator", async () => {
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it("states what the server enforces and what generated clients need", () => {
    const submitSchema = operation("/requests", "post").requestBody.content["application/json"].schema;
    expect(submitSchema.properties.expiresInSeconds.minimum).toBe(MIN_TTL);
    expect(doc.info.license).toEqual({ name: expect.stringMatching(/UNLICENSED/), identifier: "LicenseRef-Countersign-Proprietary" });
    const ids: string[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][a-zA-Z]+$/);
        ids.push(op.operationId);
        if (op.requestBody) expect(op.requestBody.required, `${method} ${path} body`).toBe(true);
        for (const response of Object.values<any>(op.responses)) expect(response.headers["x-request-id"]).toBeDefined();
        for (const s of ["429", "503"]) if (op.responses[s]) expect(op.responses[s].headers["retry-after"]).toBeDefined();
      }
    }
    expect(ids.sort()).toEqual([
      "cancelRequest",
      "decideRequest",
      "getRequest",
      "listRequests",
      "reportResult",
      "submitRequest",
      "waitForDecision",
    ]);
    expect(operation("/requests", "post").responses["201"].headers["idempotent-replayed"]).toBeDefined();
    // The reviewer-only decision says how it is authenticated instead of `security: []`.
    const decision = operation("/requests/{id}/decision", "post");
    expect(decision.security).toEqual([{ reviewerSession: [] }]);
    expect(doc.components.securitySchemes.reviewerSession).toMatchObject({ type: "apiKey", in: "cookie" });
    expect(doc.components.securitySchemes.reviewerSession.description).toContain("Origin");
  });

  it("every documented status of every operation is what the live server answers, body and headers", async () => {
    // A deny rule an edit can move the payload into (422 edit_refused on the decision).
    const s = await reviewSetup({
      rules: [
        { name: "never 99", when: "payload.n == 99", outcome: "deny" },
        { name: "review", outcome: "review" },
      ],
    });
    const { api } = s;
    const none = { headers: {} };
    const big = (extra: object = {}) => ({
      raw: JSON.stringify({ ...extra, pad: "x".repeat(MAX_BODY + 10) }),
      headers: { "content-type": "application/json" },
    });
    const text = { raw: "{}", headers: { "content-type": "text/plain" } };
    const missing = randomUUID();

    // POST /requests
    const P = "/requests";
    const first = { action: s.key, payload: { n: 1 }, expiresInSeconds: MIN_TTL };
    expect(bodyValid(P, "post", first)).toEqual([]);
    expect(bodyValid(P, "post", { ...first, expiresInSeconds: MIN_TTL - 1 })).not.toEqual([]);
    const created = await api.submit(first, { "idempotency-key": "contract-1" });
    expectDocumented(P, "post", created, 201);
    const replay = await api.submit(first, { "idempotency-key": "contract-1" });
    expectDocumented(P, "post", replay, 201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expectDocumented(P, "post", await api.submit({ ...first, expiresInSeconds: MIN_TTL - 1 }), 400);
    expectDocumented(P, "post", await call("POST", "/api/v1/requests", { body: first }), 401);
    expectDocumented(P, "post", await api.submit({ ...first, action: "other.not_in_scope" }), 403);
    const wildcard = agentApi((await createTestAgent()).apiKey);
    expectDocumented(P, "post", await wildcard.submit({ ...first, action: "nothing.registered_here" }), 404);
    expectDocumented(P, "post", await api.raw("POST", "/api/v1/requests", big(first)), 413);
    expectDocumented(P, "post", await api.raw("POST", "/api/v1/requests", text), 415);
    expectDocumented(P, "post", await api.submit({ ...first, payload: { n: 2 } }, { "idempotency-key": "contract-1" }), 422);
    const limited = await createTestAgent({ scopes: [s.key] });
    await setAgentLimits({ actor: CLI, agentId: limited.agentId, limits: { maxPending: 1 } });
    expect((await agentApi(limited.apiKey).submit(first)).status).toBe(201);
    expectDocumented(P, "post", await agentApi(limited.apiKey).submit(first), 429);

    // GET /requests
    expectDocumented(P, "get", await api.list("?limit=2"), 200);
    expectDocumented(P, "get", await api.list("?limit=0"), 400);
    expectDocumented(P, "get", await call("GET", "/api/v1/requests", none), 401);

    // GET /requests/{id}
    const id = created.body.id as string;
    const G = "/requests/{id}";
    expectDocumented(G, "get", await api.get(id), 200);
    expectDocumented(G, "get", await api.get("not-a-uuid"), 400);
    expectDocumented(G, "get", await call("GET", `/api/v1/requests/${id}`, none), 401);
    expectDocumented(G, "get", await api.get(missing), 404);

    // GET /requests/{id}/wait
    const W = "/requests/{id}/wait";
    expectDocumented(W, "get", await api.wait(id, 0), 200);
    expectDocumented(W, "get", await api.wait(id, 999), 400);
    expectDocumented(W, "get", await call("GET", `/api/v1/requests/${id}/wait?timeout=0`, none), 401);
    expectDocumented(W, "get", await api.wait(missing, 0), 404);

    // POST /requests/{id}/cancel
    const C = "/requests/{id}/cancel";
    const toCancel = (await api.submit({ action: s.key, payload: { n: 3 } })).body.id as string;
    expectDocumented(C, "post", await api.cancel(toCancel), 200);
    expectDocumented(C, "post", await api.cancel(toCancel), 409);
    expectDocumented(C, "post", await api.cancel("not-a-uuid"), 400);
    expectDocumented(C, "post", await call("POST", `/api/v1/requests/${id}/cancel`, none), 401);
    expectDocumented(C, "post", await api.cancel(missing), 404);

    // POST /requests/{id}/decision (the reviewer's session cookie and the app's Origin)
    const D = "/requests/{id}/decision";
    const payloadHash = (await api.get(id)).body.payloadHash as string;
    const approve = { outcome: "approve", payloadHash };
    expect(bodyValid(D, "post", approve)).toEqual([]);
    const cookie = await signIn(s.reviewer.email, s.reviewer.password);
    const origin = new URL(BASE_URL).origin;
    expectDocumented(D, "post", await decide(cookie, "not-a-uuid", approve), 400);
    expectDocumented(D, "post", await call("POST", `/api/v1/requests/${id}/decision`, { body: approve, headers: { origin } }), 401);
    expectDocumented(D, "post", await decide(cookie, id, approve, { origin: "https://evil.example" }), 403);
    expectDocumented(D, "post", await decide(cookie, missing, approve), 404);
    expectDocumented(
      D,
      "post",
      await call("POST", `/api/v1/requests/${id}/decision`, { ...big(approve), headers: { ...big().headers, cookie, origin } }),
      413,
    );
    expectDocumented(
      D,
      "post",
      await call("POST", `/api/v1/requests/${id}/decision`, { ...text, headers: { ...text.headers, cookie, origin } }),
      415,
    );
    expectDocumented(D, "post", await decide(cookie, id, { ...approve, payload: { n: 99 } }), 422);
    expectDocumented(D, "post", await decide(cookie, id, approve), 200);
    expectDocumented(D, "post", await decide(cookie, id, approve), 409);

    // POST /requests/{id}/result
    const R = "/requests/{id}/result";
    const receipt = (await api.get(id)).body.receipt as string;
    const report = { status: "succeeded", receipt, output: { ok: true } };
    expect(bodyValid(R, "post", report)).toEqual([]);
    const pendingId = (await api.submit({ action: s.key, payload: { n: 4 } })).body.id as string;
    expectDocumented(R, "post", await api.result(pendingId, report), 409);
    expectDocumented(R, "post", await api.result(id, { status: "maybe" }), 400);
    expectDocumented(R, "post", await call("POST", `/api/v1/requests/${id}/result`, { body: report }), 401);
    expectDocumented(R, "post", await api.result(missing, report), 404);
    expectDocumented(R, "post", await api.raw("POST", `/api/v1/requests/${id}/result`, big(report)), 413);
    expectDocumented(R, "post", await api.raw("POST", `/api/v1/requests/${id}/result`, text), 415);
    expectDocumented(R, "post", await api.result(id, report), 200);

    // Every documented status was provoked, except those that need a broken stack.
    const documented = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
      Object.entries<any>(item).flatMap(([method, op]) =>
        Object.keys(op.responses)
          .filter((st) => !NOT_PROVOKED.has(st))
          .map((st) => `${method} ${path} ${st}`),
      ),
    );
    expect(documented.filter((d) => !seen.has(d))).toEqual([]);
  });
});
