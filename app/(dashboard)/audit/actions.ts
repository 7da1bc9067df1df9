"use server";

import { requestAuditVerification } from "@/lib/domain/audit/request-audit-verification.ts";
import { runAdminAction } from "../admin/run-admin-action.ts";

/** "Verify now" in the audit viewer: queues a full verification in the worker. */
export async function requestVerificationAction() {
  return runAdminAction((actor) => requestAuditVerification({ actor }));
}
