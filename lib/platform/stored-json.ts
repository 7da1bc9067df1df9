import type { JsonValue } from "@/lib/kernel/json/json-value.ts";
import type { Prisma } from "./db.ts";

/**
 * A json/jsonb column's value, typed as the JSON it is. Prisma types an object's members as
 * optional (`{ [key]?: JsonValue }`, a type it shares with inputs), so `undefined` could hide
 * inside as far as the compiler knows, and the wire schemas' `z.json()` type refuses it. Nothing
 * PostgreSQL returns holds `undefined`: this only narrows the type, and takes nothing but a column's
 * value.
 */
export function storedJson(value: Prisma.JsonValue): JsonValue {
  return value as JsonValue;
}
