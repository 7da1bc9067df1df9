import pino from "pino";

// Structured logs. Secrets and agent-supplied content (payloads, reasoning, context, execution
// output) are never logged, sensitive fields or not; the redact list is a second line of defence
// for fields that might slip into a log object.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: process.env.COUNTERSIGN_SERVICE ?? "countersign" },
  redact: {
    paths: [
      "password",
      "apiKey",
      "authorization",
      "secret",
      "*.password",
      "*.apiKey",
      "*.authorization",
      "*.secret",
      "payload",
      "*.payload",
      "approvedPayload",
      "*.approvedPayload",
      "editedPayload",
      "*.editedPayload",
      "reasoning",
      "*.reasoning",
      "context",
      "*.context",
      "output",
      "*.output",
      "executionOutput",
      "*.executionOutput",
      "responseBody",
      "*.responseBody",
    ],
    censor: "[redacted]",
  },
});
