-- CreateEnum
CREATE TYPE "BudgetExceedAction" AS ENUM ('review', 'reject');

-- CreateEnum
CREATE TYPE "StrikeKind" AS ENUM ('rejection', 'failed_execution', 'limit_hit');

-- AlterTable
ALTER TABLE "agents" ADD COLUMN     "breakerResetAt" TIMESTAMP(3),
ADD COLUMN     "breakerThreshold" INTEGER,
ADD COLUMN     "breakerWindowSeconds" INTEGER,
ADD COLUMN     "maxPayloadBytes" INTEGER,
ADD COLUMN     "maxPending" INTEGER,
ADD COLUMN     "submitsPerMinute" INTEGER;

-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "riskFindings" JSONB,
ADD COLUMN     "sealedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "spendAmount" DECIMAL(65,30);

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "agentId" UUID,
ADD COLUMN     "eventId" UUID,
ALTER COLUMN "requestId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "agent_budgets" (
    "agentId" UUID NOT NULL,
    "actionTypeId" UUID NOT NULL,
    "limit" DECIMAL(65,30) NOT NULL,
    "windowSeconds" INTEGER,
    "onExceed" "BudgetExceedAction" NOT NULL DEFAULT 'review',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "agent_budgets_pkey" PRIMARY KEY ("agentId","actionTypeId")
);

-- CreateTable
CREATE TABLE "agent_strikes" (
    "id" BIGSERIAL NOT NULL,
    "agentId" UUID NOT NULL,
    "kind" "StrikeKind" NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_strikes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "system_facts" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "system_facts_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "agent_strikes_agentId_at_idx" ON "agent_strikes"("agentId", "at");

-- CreateIndex
CREATE INDEX "approval_requests_agentId_actionTypeId_createdAt_idx" ON "approval_requests"("agentId", "actionTypeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_userId_eventId_key" ON "notifications"("userId", "eventId");

-- AddForeignKey
ALTER TABLE "agent_budgets" ADD CONSTRAINT "agent_budgets_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_budgets" ADD CONSTRAINT "agent_budgets_actionTypeId_fkey" FOREIGN KEY ("actionTypeId") REFERENCES "action_types"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_strikes" ADD CONSTRAINT "agent_strikes_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;
