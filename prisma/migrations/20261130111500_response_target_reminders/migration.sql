-- AlterTable
ALTER TABLE "Inbox" ADD COLUMN "firstResponseMinutes" INTEGER;
ALTER TABLE "Inbox" ADD COLUMN "leadSlackUserId" TEXT;
ALTER TABLE "Inbox" ADD COLUMN "nextResponseMinutes" INTEGER;

-- CreateTable
CREATE TABLE "TargetReminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketZendeskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "aboutCommentId" TEXT NOT NULL,
    "firedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "TargetReminder_ticketZendeskId_idx" ON "TargetReminder"("ticketZendeskId");

-- CreateIndex
CREATE UNIQUE INDEX "TargetReminder_ticketZendeskId_kind_step_aboutCommentId_key" ON "TargetReminder"("ticketZendeskId", "kind", "step", "aboutCommentId");
