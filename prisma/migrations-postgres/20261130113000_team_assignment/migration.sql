-- AlterTable
ALTER TABLE "Inbox" ADD COLUMN     "autoAssign" TEXT;

-- CreateTable
CREATE TABLE "AgentProfile" (
    "zendeskUserId" TEXT NOT NULL,
    "slackUserId" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "emoji" TEXT NOT NULL,
    "colour" TEXT NOT NULL,
    "available" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgentProfile_pkey" PRIMARY KEY ("zendeskUserId")
);

-- CreateTable
CREATE TABLE "AssignmentCursor" (
    "inboxId" TEXT NOT NULL,
    "lastZendeskUserId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssignmentCursor_pkey" PRIMARY KEY ("inboxId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AgentProfile_slackUserId_key" ON "AgentProfile"("slackUserId");
