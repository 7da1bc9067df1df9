-- AlterTable
ALTER TABLE "approval_requests" ADD COLUMN     "receipt" TEXT,
ADD COLUMN     "receiptExpiresAt" TIMESTAMP(3),
ADD COLUMN     "receiptKeyId" UUID;

-- CreateTable
CREATE TABLE "receipt_keys" (
    "id" UUID NOT NULL,
    "kid" TEXT NOT NULL,
    "publicJwk" JSONB NOT NULL,
    "privateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "receipt_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "receipt_keys_kid_key" ON "receipt_keys"("kid");

-- CreateIndex
CREATE INDEX "approval_requests_receiptKeyId_receiptExpiresAt_idx" ON "approval_requests"("receiptKeyId", "receiptExpiresAt");

-- AddForeignKey
ALTER TABLE "approval_requests" ADD CONSTRAINT "approval_requests_receiptKeyId_fkey" FOREIGN KEY ("receiptKeyId") REFERENCES "receipt_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;
