-- CreateTable
CREATE TABLE "TicketSplit" (
    "id" TEXT NOT NULL,
    "sourceTicketZendeskId" TEXT NOT NULL,
    "sourceCommentZendeskId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'creating',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedUntil" TIMESTAMP(3),
    "newTicketZendeskId" TEXT,
    "noteOnNew" BOOLEAN NOT NULL DEFAULT false,
    "noteOnSource" BOOLEAN NOT NULL DEFAULT false,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketSplit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TicketSplit_sourceCommentZendeskId_key" ON "TicketSplit"("sourceCommentZendeskId");

-- CreateIndex
CREATE INDEX "TicketSplit_sourceTicketZendeskId_idx" ON "TicketSplit"("sourceTicketZendeskId");
