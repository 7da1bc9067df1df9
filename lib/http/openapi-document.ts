import { z } from "zod";
import { createDocument } from "zod-openapi";
import { ERROR_CODES } from "@/lib/errors.ts";
import {
  ZListQuery, ZRequestList, ZRequestView, ZResultBody, ZSubmitRequestBody, ZWaitQuery,
} from "@/lib/requests/schemas.ts";
import { ZDecisionBody } from "@/lib/reviews/schemas.ts";

const ZError = z
  .object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: "Error" });

const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: `Error ${s}`, content: { "application/json": { schema: ZError } } }]));
const ok = (description: string, schema: z.ZodType, status = "200") => ({
  [status]: { description, content: { "application/json": { schema } } },
});
const idParam = { path: z.object({ id: z.uuid() }) };
const jsonBody = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });

let cached: ReturnType<typeof createDocument> | undefined;

/** The OpenAPI 3.1 description of the agent API, generated from the same zod schemas the routes use. */
export function openApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: { title: "Countersign agent API", version: "1.0.0", description: "Submit high-stakes actions for approval and learn the decision." },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
    components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An agent API key (csk_…)" } } },
    paths: {
      "/requests": {
        post: {
          summary: "Submit an action",
          requestParams: { header: z.object({ "idempotency-key": z.string().max(255).optional() }) },
          requestBody: jsonBody(ZSubmitRequestBody),
          responses: { ...ok("Created (status may already be approved/rejected by policy)", ZRequestView, "201"), ...errors(400, 401, 403, 404, 413, 415, 422, 429, 503) },
        },
        get: {
          summary: "List this agent's requests, newest first",
          requestParams: { query: ZListQuery },
          responses: { ...ok("A page of requests", ZRequestList), ...errors(400, 401) },
        },
      },
      "/requests/{id}": {
        get: { summary: "Get one request", requestParams: idParam, responses: { ...ok("The request", ZRequestView), ...errors(401, 404) } },
      },
      "/requests/{id}/wait": {
        get: {
          summary: "Long-poll until the request is decided or the timeout passes",
          requestParams: { ...idParam, query: ZWaitQuery },
          responses: { ...ok("The request (possibly still pending)", ZRequestView), ...errors(400, 401, 404) },
        },
      },
      "/requests/{id}/cancel": {
        post: { summary: "Cancel a pending request", requestParams: idParam, responses: { ...ok("Cancelled", ZRequestView), ...errors(401, 404, 409) } },
      },
      "/requests/{id}/result": {
        post: {
          summary: "Report the result of executing an approved request (once)",
          requestParams: idParam,
          requestBody: jsonBody(ZResultBody),
          responses: { ...ok("Recorded", ZRequestView), ...errors(400, 401, 404, 409, 413) },
        },
      },
      "/requests/{id}/decision": {
        post: {
          summary: "Reviewer decision (browser session cookie, same origin only; not for agents)",
          security: [],
          requestParams: idParam,
          requestBody: jsonBody(ZDecisionBody),
          // 422 edit_refused: an edited payload a submission could not get through (docs/REVIEWING.md).
          responses: { ...ok("The request after the decision", ZRequestView), ...errors(400, 401, 403, 404, 409, 415, 422) },
        },
      },
    },
  });
  return cached;
}
