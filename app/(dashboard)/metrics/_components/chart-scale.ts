// Axis scales for the metrics charts. A tick's label must name the value at its height: the top of
// the axis is chosen so that the middle tick is exact in the unit it is printed in, and a tick
// whose label would repeat another's (or say nothing) is not printed.

/** "42 s", "3.5 min", "2.1 h": durations at the precision a reader needs. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "–";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${(seconds / 60).toFixed(1)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}

/** 1, 2, 5, 10, 20, 50, …: the smallest at or above `value` (1 for nothing). */
export function niceCountMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((m) => m >= value)!;
}

// Axis tops for durations, in seconds. Whole seconds are printed below 90 s, so up to there the
// half of each top is a whole number; above, labels carry one decimal and halves print exactly.
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const DURATION_TOPS = [
  2,
  4,
  10,
  20,
  30,
  60,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  20 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  4 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  60 * DAY,
  90 * DAY,
];

/** The smallest duration axis top at or above `seconds` (2 s for nothing). */
export function niceDurationMax(seconds: number): number {
  return DURATION_TOPS.find((top) => top >= seconds) ?? Math.ceil(seconds / (30 * DAY)) * 30 * DAY;
}

export type Tick = { value: number; label: string };

/**
 * Ticks at 0, half and the top of the axis, top first. A label that is empty or equal to a tick
 * already kept is dropped, so no two printed ticks read the same.
 */
export function axisTicks(top: number, format: (v: number | null) => string): Tick[] {
  const ticks: Tick[] = [];
  for (const value of [top, top / 2, 0]) {
    const label = format(value);
    if (label && !ticks.some((t) => t.label === label)) ticks.push({ value, label });
  }
  return ticks;
}
