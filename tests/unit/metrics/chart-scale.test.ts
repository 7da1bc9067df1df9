import { describe, expect, it } from "vitest";
import { axisTicks, duration, niceCountMax, niceDurationMax } from "@/app/(dashboard)/metrics/_components/chart-scale.ts";

const count = (v: number | null) => (v === null ? "–" : Number.isInteger(v) ? String(v) : "");
const durationTicks = (largest: number) => axisTicks(niceDurationMax(largest), duration).map((t) => t.label);

describe("metrics chart axes", () => {
  it("print distinct duration ticks, each naming the value at its height", () => {
    // The old axis for nothing (top 1 s) read "1 s / 1 s / 0 s": 0.5 s printed as 1 s.
    expect(durationTicks(0)).toEqual(["2 s", "1 s", "0 s"]);
    expect(durationTicks(0.3)).toEqual(["2 s", "1 s", "0 s"]);
    expect(durationTicks(3)).toEqual(["4 s", "2 s", "0 s"]); // not 5 s / "3 s" for 2.5 s
    expect(durationTicks(45)).toEqual(["60 s", "30 s", "0 s"]);
    expect(durationTicks(200)).toEqual(["5.0 min", "2.5 min", "0 s"]);
    expect(durationTicks(3 * 3600)).toEqual(["4.0 h", "2.0 h", "0 s"]);
    expect(durationTicks(100 * 86_400)).toEqual(["120.0 d", "60.0 d", "0 s"]);
    for (let s = 0; s < 200 * 86_400; s = s * 1.7 + 0.37) {
      const top = niceDurationMax(s);
      expect(top).toBeGreaterThanOrEqual(s);
      const ticks = axisTicks(top, duration);
      expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
      // Below 90 s labels are whole seconds: the value must be one.
      for (const t of ticks) if (t.value < 90) expect(Number.isInteger(t.value)).toBe(true);
    }
  });

  it("drop a count tick that would not be a whole number", () => {
    expect(axisTicks(niceCountMax(0), count).map((t) => t.label)).toEqual(["1", "0"]);
    expect(axisTicks(niceCountMax(4), count).map((t) => t.label)).toEqual(["5", "0"]);
    expect(axisTicks(niceCountMax(17), count).map((t) => t.label)).toEqual(["20", "10", "0"]);
  });
});
