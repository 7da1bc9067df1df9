// The SDK keeps hand-readable copies of the agent API's response shapes (it ships alone and imports
// nothing of the server). Here the compiler compares them with the types derived from the server's
// response schemas (lib/domain/requests/schemas.ts, which the OpenAPI document publishes): a field
// added, removed or retyped on either side fails `npm run typecheck`, which covers tests/. At run
// time expectTypeOf does nothing; the assertions are the types.
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { RequestList, RequestView } from "@/lib/domain/requests/request-view.ts";
import type { ZRequestStatus, ZResultBody, ZSubmitRequestBody } from "@/lib/domain/requests/schemas.ts";
import type { JsonValue as ServerJsonValue } from "@/lib/kernel/json/json-value.ts";
import type { ApprovalInput, ApprovalRequest, JsonValue, RequestStatus, ResultReport } from "@/packages/sdk/types.ts";

describe("the SDK's types are the server's wire contract", () => {
  it("a request, as every /api/v1/requests answer carries it", () => {
    expectTypeOf<ApprovalRequest>().toEqualTypeOf<RequestView>();
  });

  it("its parts: status, payload JSON, decision, execution", () => {
    expectTypeOf<RequestStatus>().toEqualTypeOf<z.output<typeof ZRequestStatus>>();
    expectTypeOf<JsonValue>().toEqualTypeOf<ServerJsonValue>();
    expectTypeOf<ApprovalRequest["decision"]>().toEqualTypeOf<RequestView["decision"]>();
    expectTypeOf<ApprovalRequest["execution"]>().toEqualTypeOf<RequestView["execution"]>();
  });

  it("a page of requests (the SDK has no list call; this is the shape one would read)", () => {
    expectTypeOf<{ requests: ApprovalRequest[]; nextCursor: string | null }>().toEqualTypeOf<RequestList>();
  });

  // What the SDK sends keeps `unknown` where the server takes JSON (payload, context, output): a
  // caller's own interfaces type-check, JSON.stringify sends them, and the server validates them.
  // The fields themselves must be the server's: one the server does not read, or one it reads that
  // the SDK cannot send, fails here.
  it("a submission: the body's fields (the idempotency key travels as a header)", () => {
    type Body = z.input<typeof ZSubmitRequestBody>;
    expectTypeOf<keyof Omit<ApprovalInput, "idempotencyKey" | "signal">>().toEqualTypeOf<keyof Body>();
    type Plain = "action" | "summary" | "reasoning" | "expiresInSeconds";
    expectTypeOf<Pick<ApprovalInput, Plain>>().toEqualTypeOf<Pick<Body, Plain>>();
  });

  it("a result report: the body's fields but the receipt, which the SDK adds itself", () => {
    type Body = z.input<typeof ZResultBody>;
    expectTypeOf<keyof ResultReport | "receipt">().toEqualTypeOf<keyof Body>();
    expectTypeOf<Pick<ResultReport, "status" | "error">>().toEqualTypeOf<Pick<Body, "status" | "error">>();
  });
});
