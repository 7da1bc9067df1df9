import { maskAtPointers } from "@/lib/platform/crypto/sealed-values.ts";
import { toRequestView, type RequestRow, type RequestView } from "@/lib/domain/requests/request-view.ts";
import { env } from "@/lib/platform/env.ts";

/**
 * The request as a webhook carries it. Unless WEBHOOK_SENSITIVE_FIELDS=include, the values at
 * the action type's sensitive fields (in payload and approvedPayload) and the execution output
 * and error (encrypted at rest like them) are replaced by "[redacted]": a webhook body passes
 * through proxies and receivers' logs, and the agent reads the full request with its API key
 * (GET /api/v1/requests/{id}).
 */
export function webhookRequestData(row: RequestRow): RequestView {
  const view = toRequestView(row);
  if (env().WEBHOOK_SENSITIVE_FIELDS === "include") return view;
  return {
    ...view,
    payload: maskAtPointers(view.payload, row.sealedFields),
    approvedPayload: maskAtPointers(view.approvedPayload, row.sealedFields),
    execution: view.execution && {
      ...view.execution,
      output: view.execution.output === null ? null : "[redacted]",
      error: view.execution.error === null ? null : "[redacted]",
    },
  };
}
