import { z } from "zod";

export const ZAgentName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-zA-Z0-9_.-]+$/, "letters, digits, _ . - only");
export const ZTag = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[a-z0-9_.:-]+$/, "lowercase letters, digits, _ . : - only");
