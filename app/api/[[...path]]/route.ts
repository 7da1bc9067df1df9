import { apiNotFound } from "@/lib/web/method-not-allowed.ts";

// Any /api path no other route serves — a JSON 404 (not_found) instead of the HTML page
export const GET = apiNotFound;
export const POST = apiNotFound;
export const PUT = apiNotFound;
export const PATCH = apiNotFound;
export const DELETE = apiNotFound;
