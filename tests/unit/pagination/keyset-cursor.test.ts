import { describe, expect, it } from "vitest";
import { cursorDate, decodeCursor, encodeCursor } from "@/lib/kernel/pagination/keyset-cursor.ts";

describe("keyset cursors", () => {
  it("round-trips the sort values of the last row", () => {
    const values = [60, "2026-11-25T03:00:00.000Z", "01a210d0-618e-76bf-a264-53d1230d7f26"];
    expect(decodeCursor(encodeCursor(values))).toEqual(values);
    expect(cursorDate("2026-11-25T03:00:00.000Z")?.toISOString()).toBe("2026-11-25T03:00:00.000Z");
  });

  it("treats anything malformed as the first page", () => {
    for (const bad of [
      undefined,
      "",
      "%%%",
      Buffer.from("{}").toString("base64url"),
      Buffer.from('[{"a":1}]').toString("base64url"),
      Buffer.from("[]").toString("base64url"),
      "x".repeat(2000),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
    expect(cursorDate("not a date")).toBeNull();
    expect(cursorDate(5)).toBeNull();
  });
});
