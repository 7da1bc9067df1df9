-- AlterTable
ALTER TABLE "action_types" ADD COLUMN     "recipientField" TEXT;

-- CreateTable
CREATE TABLE "audit_verifications" (
    "id" UUID NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "ok" BOOLEAN,
    "events" BIGINT,
    "headSeq" BIGINT,
    "headHash" TEXT,
    "firstBad" JSONB,
    "requestedBy" TEXT NOT NULL,

    CONSTRAINT "audit_verifications_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "audit_verifications_startedAt_idx" ON "audit_verifications"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "approval_requests_status_createdAt_idx" ON "approval_requests"("status", "createdAt");

-- CreateIndex
CREATE INDEX "approval_requests_status_riskScore_expiresAt_idx" ON "approval_requests"("status", "riskScore" DESC, "expiresAt");

-- CreateIndex
CREATE INDEX "approval_requests_decidedAt_id_idx" ON "approval_requests"("decidedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "approval_requests_actionTypeId_decidedAt_idx" ON "approval_requests"("actionTypeId", "decidedAt" DESC);

-- CreateIndex
CREATE INDEX "approval_requests_agentId_actionTypeId_decidedAt_idx" ON "approval_requests"("agentId", "actionTypeId", "decidedAt" DESC);

-- CreateIndex
CREATE INDEX "approval_requests_payloadHash_idx" ON "approval_requests"("payloadHash");

-- CreateIndex
CREATE INDEX "audit_events_type_id_idx" ON "audit_events"("type", "id");

-- CreateIndex
CREATE INDEX "audit_events_actorId_id_idx" ON "audit_events"("actorId", "id");

-- CreateIndex
CREATE INDEX "audit_events_occurredAt_idx" ON "audit_events"("occurredAt");
