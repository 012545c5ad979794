-- CreateTable
CREATE TABLE "Draft" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketZendeskId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policyJson" TEXT NOT NULL DEFAULT '{}',
    "body" TEXT NOT NULL DEFAULT '',
    "templateIdsJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "createdBySlackId" TEXT NOT NULL,
    "updatedBySlackId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DraftVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "policyJson" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "templateIdsJson" TEXT NOT NULL DEFAULT '[]',
    "savedBySlackId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DraftVersion_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DraftApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "draftId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "approverSlackId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DraftApproval_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReplySend" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL DEFAULT 'reply',
    "draftId" TEXT,
    "version" INTEGER NOT NULL,
    "ticketZendeskId" TEXT NOT NULL,
    "inFlightKey" TEXT,
    "senderSlackId" TEXT NOT NULL,
    "authorZendeskId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL,
    "newStatus" TEXT,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "dueAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "zendeskAuditId" TEXT,
    "zendeskCommentId" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReplySend_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgentMapping" (
    "slackUserId" TEXT NOT NULL PRIMARY KEY,
    "zendeskUserId" TEXT,
    "email" TEXT,
    "source" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Snooze" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ticketZendeskId" TEXT NOT NULL,
    "until" DATETIME,
    "untilCustomerWrites" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdBySlackId" TEXT NOT NULL,
    "wokeAt" DATETIME,
    "wakeReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Draft_ticketZendeskId_idx" ON "Draft"("ticketZendeskId");

-- CreateIndex
CREATE UNIQUE INDEX "Draft_ticketZendeskId_name_key" ON "Draft"("ticketZendeskId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "DraftVersion_draftId_version_key" ON "DraftVersion"("draftId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "DraftApproval_draftId_version_approverSlackId_key" ON "DraftApproval"("draftId", "version", "approverSlackId");

-- CreateIndex
CREATE UNIQUE INDEX "ReplySend_inFlightKey_key" ON "ReplySend"("inFlightKey");

-- CreateIndex
CREATE INDEX "ReplySend_status_dueAt_idx" ON "ReplySend"("status", "dueAt");

-- CreateIndex
CREATE INDEX "ReplySend_ticketZendeskId_idx" ON "ReplySend"("ticketZendeskId");

-- CreateIndex
CREATE INDEX "Snooze_status_until_idx" ON "Snooze"("status", "until");
