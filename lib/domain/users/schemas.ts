import { z } from "zod";

export const ZEmail = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
export const ZPassword = z.string().min(12, "must be at least 12 characters").max(512);
export const ZRole = z.enum(["admin", "reviewer", "auditor"]);
export const ZGroupName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-zA-Z0-9_.-]+$/, "letters, digits, _ . - only");
