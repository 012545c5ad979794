-- CreateTable
CREATE TABLE "TicketSplit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceTicketZendeskId" TEXT NOT NULL,
    "sourceCommentZendeskId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'creating',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedUntil" DATETIME,
    "newTicketZendeskId" TEXT,
    "noteOnNew" BOOLEAN NOT NULL DEFAULT false,
    "noteOnSource" BOOLEAN NOT NULL DEFAULT false,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "TicketSplit_sourceCommentZendeskId_key" ON "TicketSplit"("sourceCommentZendeskId");

-- CreateIndex
CREATE INDEX "TicketSplit_sourceTicketZendeskId_idx" ON "TicketSplit"("sourceTicketZendeskId");
