-- AlterTable
ALTER TABLE "Inbox" ADD COLUMN     "firstResponseMinutes" INTEGER,
ADD COLUMN     "leadSlackUserId" TEXT,
ADD COLUMN     "nextResponseMinutes" INTEGER;

-- CreateTable
CREATE TABLE "TargetReminder" (
    "id" TEXT NOT NULL,
    "ticketZendeskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "aboutCommentId" TEXT NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TargetReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TargetReminder_ticketZendeskId_idx" ON "TargetReminder"("ticketZendeskId");

-- CreateIndex
CREATE UNIQUE INDEX "TargetReminder_ticketZendeskId_kind_step_aboutCommentId_key" ON "TargetReminder"("ticketZendeskId", "kind", "step", "aboutCommentId");
