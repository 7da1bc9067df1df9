import { z } from "zod";
import { ERROR_CODES } from "./errors.ts";

/** The one error body every adapter answers with: `{ "error": { "code", "message", "details"? } }`. */
export const ZErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
});

export type ErrorBody = z.infer<typeof ZErrorBody>;
