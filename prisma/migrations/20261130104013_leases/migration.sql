-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "leaseUntil" DATETIME;

-- AlterTable
ALTER TABLE "ReplySend" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "ReplySend" ADD COLUMN "leaseUntil" DATETIME;

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
