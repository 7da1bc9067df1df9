import { handle, json } from "@/lib/web/handle.ts";
import { openApiDocument } from "@/lib/web/openapi-document.ts";
import { otherMethods } from "@/lib/web/method-not-allowed.ts";

// GET /api/v1/openapi.json — the OpenAPI 3.1 description of this API
export const GET = handle(async () => json(openApiDocument()));

// Other methods: 405 with Allow and the JSON error body
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
