import { handle, json } from "@/lib/http/handle.ts";
import { openApiDocument } from "@/lib/http/openapi-document.ts";

// GET /api/v1/openapi.json — the OpenAPI 3.1 description of this API
export const GET = handle(async () => json(openApiDocument()));
