// Opaque cursors for keyset pagination: the sort values of the last row shown, base64url JSON.
// A cursor is user input (it arrives in the URL): a malformed one means "first page", never an error
// page and never anything but the values it is checked to hold.
import { z } from "zod";

const ZCursorValues = z
  .array(z.union([z.string().max(200), z.number().finite()]))
  .min(1)
  .max(4);

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): (string | number)[] | null {
  if (!cursor || cursor.length > 1000) return null;
  try {
    const parsed = ZCursorValues.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A Date from a cursor value, or null if it is not one. */
export function cursorDate(value: string | number | undefined): Date | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
