-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "editDistinctGroups" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "editGroups" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "editRuleId" UUID,
ADD COLUMN     "editRuleName" TEXT,
ADD COLUMN     "submittedApprovals" INTEGER,
ADD COLUMN     "submittedOwnerMayApprove" BOOLEAN;

-- AlterTable
ALTER TABLE "reviews" ADD COLUMN     "counted" BOOLEAN NOT NULL DEFAULT true;
