-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "escalatedAt" TIMESTAMP(3);
