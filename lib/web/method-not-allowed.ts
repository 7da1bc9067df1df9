import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/kernel/errors.ts";
import { errorResponse } from "./errors/error-response.ts";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request) => Promise<Response>;

/**
 * Handlers for the methods a route does not serve: 405 with `Allow` and the one JSON error body
 * (Next.js would answer an empty 405). A route file exports the ones it lacks:
 * `export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");`
 */
export function otherMethods(...allowed: Method[]): Record<Method, Handler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: Handler = async (req) => {
    const response = errorResponse(
      new AppError("method_not_allowed", `${req.method} is not allowed here; allowed: ${allow}`),
      randomUUID(),
    );
    response.headers.set("allow", allow);
    return response;
  };
  return Object.fromEntries(METHODS.map((m) => [m, refuse])) as Record<Method, Handler>;
}

/** Any method on a path under /api that no route serves: 404 with the one JSON error body. */
export async function apiNotFound(req: Request): Promise<Response> {
  return errorResponse(new AppError("not_found", `No API endpoint at ${new URL(req.url).pathname}`), randomUUID());
}
