import { limitDefaults } from "@/lib/platform/env.ts";

/** An agent's own limit settings; null means the deployment default from the environment. */
export type AgentLimitSettings = {
  submitsPerMinute: number | null;
  maxPending: number | null;
  maxPayloadBytes: number | null;
  breakerThreshold: number | null;
  breakerWindowSeconds: number | null;
};

export const AGENT_LIMIT_SELECT = {
  submitsPerMinute: true,
  maxPending: true,
  maxPayloadBytes: true,
  breakerThreshold: true,
  breakerWindowSeconds: true,
} as const;

/** The limits in force for an agent: its own settings, else the environment's defaults. */
export function effectiveLimits(settings: AgentLimitSettings) {
  const e = limitDefaults();
  return {
    submitsPerMinute: settings.submitsPerMinute ?? e.RATE_LIMIT_SUBMITS_PER_MINUTE,
    maxPending: settings.maxPending ?? e.MAX_PENDING_PER_AGENT,
    // The whole request body is also bounded by MAX_BODY_BYTES, for every agent, before parsing.
    maxPayloadBytes: settings.maxPayloadBytes ?? e.MAX_BODY_BYTES,
    breakerThreshold: settings.breakerThreshold ?? e.BREAKER_THRESHOLD,
    breakerWindowSeconds: settings.breakerWindowSeconds ?? e.BREAKER_WINDOW_SECONDS,
  };
}
export type EffectiveLimits = ReturnType<typeof effectiveLimits>;
