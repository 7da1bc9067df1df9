-- AlterTable
ALTER TABLE "policy_rules" ADD COLUMN     "allowEdit" BOOLEAN;
