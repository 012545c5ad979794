-- AlterTable
ALTER TABLE "Inbox" ADD COLUMN "autoAssign" TEXT;

-- CreateTable
CREATE TABLE "AgentProfile" (
    "zendeskUserId" TEXT NOT NULL PRIMARY KEY,
    "slackUserId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "emoji" TEXT NOT NULL,
    "colour" TEXT NOT NULL,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AssignmentCursor" (
    "inboxId" TEXT NOT NULL PRIMARY KEY,
    "lastZendeskUserId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "AgentProfile_slackUserId_key" ON "AgentProfile"("slackUserId");
