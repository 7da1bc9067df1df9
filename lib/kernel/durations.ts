const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "5s,5m,2h" → [5000, 300000, 7200000]: a retry schedule written the way people read it. */
export function parseDurations(spec: string): number[] {
  return spec
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d+)(ms|s|m|h|d)$/.exec(part);
      if (!match) throw new Error(`"${part}" is not a duration like 30s, 5m or 2h`);
      return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
    });
}
