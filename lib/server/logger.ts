import pino from "pino";

// Structured logs. Secrets and agent-supplied payloads are never logged; the redact list is a
// second line of defence for fields that might slip into a log object.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.COUNTERSIGN_SERVICE ?? "countersign" },
  redact: {
    paths: ["password", "apiKey", "authorization", "*.password", "*.apiKey", "*.authorization", "payload", "*.payload", "reasoning", "*.reasoning"],
    censor: "[redacted]",
  },
});
