import { randomUUID } from "node:crypto";
import { errorResponse } from "./errors/error-response.ts";

export type RouteContext<P> = { params: Promise<P> };

type Handler<P> = (req: Request, params: P) => Promise<Response>;

/**
 * The one wrapper every route handler goes through: awaits params, tags the response with a
 * request id, and turns any thrown error into the one error body. Authentication and parsing are
 * small guards the handler calls itself (require-agent.ts, read-json-body.ts, ...).
 */
export function handle<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    const requestId = randomUUID();
    try {
      const response = await handler(req, await ctx.params);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}

export function json(data: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json");
  h.set("cache-control", "no-store");
  return new Response(JSON.stringify(data), { status, headers: h });
}
