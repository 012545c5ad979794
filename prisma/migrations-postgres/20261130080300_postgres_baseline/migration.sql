-- CreateTable
CREATE TABLE "Customer" (
    "id" TEXT NOT NULL,
    "zendeskUserId" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT NOT NULL,
    "organizationId" TEXT,
    "organizationName" TEXT,
    "externalId" TEXT,
    "serviceUserId" TEXT,
    "mergedIntoId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Customer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomerEmail" (
    "email" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomerEmail_pkey" PRIMARY KEY ("email")
);

-- CreateTable
CREATE TABLE "CareChart" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "factsJson" TEXT NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedBySlackId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CareChart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareChartRevision" (
    "id" SERIAL NOT NULL,
    "chartId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "authorSlackId" TEXT,
    "snapshotJson" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CareChartRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Inbox" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "brand" TEXT,
    "group" TEXT,
    "formId" TEXT,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "position" INTEGER NOT NULL DEFAULT 100,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Inbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" TEXT NOT NULL,
    "zendeskId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "priority" TEXT,
    "requesterId" TEXT NOT NULL,
    "assigneeZendeskId" TEXT,
    "assigneeName" TEXT,
    "groupId" TEXT,
    "brandId" TEXT,
    "formId" TEXT,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "inboxId" TEXT,
    "channelId" TEXT,
    "rootTs" TEXT,
    "zendeskCreatedAt" TIMESTAMP(3) NOT NULL,
    "zendeskUpdatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketComment" (
    "id" TEXT NOT NULL,
    "ticketId" TEXT NOT NULL,
    "zendeskCommentId" TEXT NOT NULL,
    "authorZendeskId" TEXT NOT NULL,
    "public" BOOLEAN NOT NULL,
    "body" TEXT NOT NULL,
    "zendeskCreatedAt" TIMESTAMP(3) NOT NULL,
    "mirrored" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "invocationId" TEXT NOT NULL,
    "webhookId" TEXT,
    "ticketZendeskId" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ticketId" TEXT,
    "payloadJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "slackTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeyValue" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeyValue_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "VoiceSubscription" (
    "id" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "filterJson" TEXT NOT NULL,
    "filterText" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoiceSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoicePost" (
    "id" TEXT NOT NULL,
    "subscriptionId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ticketZendeskId" TEXT NOT NULL,
    "zendeskCommentId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "outboxKey" TEXT NOT NULL,
    "isThreadRoot" BOOLEAN NOT NULL DEFAULT false,
    "commentCreatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoicePost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolumeBucket" (
    "scope" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "VolumeBucket_pkey" PRIMARY KEY ("scope","start")
);

-- CreateTable
CREATE TABLE "AlertEpisode" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "openRuleId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "peakCount" INTEGER NOT NULL,
    "baseline" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertEpisode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Template" (
    "id" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "product" TEXT,
    "author" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Template_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateVersion" (
    "id" SERIAL NOT NULL,
    "templateId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "product" TEXT,
    "author" TEXT,
    "change" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TemplateFolder" (
    "path" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TemplateFolder_pkey" PRIMARY KEY ("path")
);

-- CreateTable
CREATE TABLE "Draft" (
    "id" TEXT NOT NULL,
    "ticketZendeskId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policyJson" TEXT NOT NULL DEFAULT '{}',
    "body" TEXT NOT NULL DEFAULT '',
    "templateIdsJson" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'open',
    "currentVersion" INTEGER NOT NULL DEFAULT 0,
    "createdBySlackId" TEXT NOT NULL,
    "updatedBySlackId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Draft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftVersion" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "policyJson" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "templateIdsJson" TEXT NOT NULL DEFAULT '[]',
    "savedBySlackId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DraftVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DraftApproval" (
    "id" TEXT NOT NULL,
    "draftId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "approverSlackId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DraftApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplySend" (
    "id" TEXT NOT NULL,
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
    "dueAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "zendeskAuditId" TEXT,
    "zendeskCommentId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplySend_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentMapping" (
    "slackUserId" TEXT NOT NULL,
    "zendeskUserId" TEXT,
    "email" TEXT,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgentMapping_pkey" PRIMARY KEY ("slackUserId")
);

-- CreateTable
CREATE TABLE "Snooze" (
    "id" TEXT NOT NULL,
    "ticketZendeskId" TEXT NOT NULL,
    "until" TIMESTAMP(3),
    "untilCustomerWrites" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'active',
    "createdBySlackId" TEXT NOT NULL,
    "wokeAt" TIMESTAMP(3),
    "wakeReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Snooze_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentTemplateExample" (
    "id" SERIAL NOT NULL,
    "templateId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentTemplateExample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Customer_zendeskUserId_key" ON "Customer"("zendeskUserId");

-- CreateIndex
CREATE INDEX "Customer_email_idx" ON "Customer"("email");

-- CreateIndex
CREATE INDEX "Customer_externalId_idx" ON "Customer"("externalId");

-- CreateIndex
CREATE INDEX "Customer_serviceUserId_idx" ON "Customer"("serviceUserId");

-- CreateIndex
CREATE INDEX "CustomerEmail_customerId_idx" ON "CustomerEmail"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CareChart_customerId_key" ON "CareChart"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CareChartRevision_chartId_version_key" ON "CareChartRevision"("chartId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_zendeskId_key" ON "Ticket"("zendeskId");

-- CreateIndex
CREATE INDEX "Ticket_requesterId_idx" ON "Ticket"("requesterId");

-- CreateIndex
CREATE INDEX "Ticket_channelId_rootTs_idx" ON "Ticket"("channelId", "rootTs");

-- CreateIndex
CREATE UNIQUE INDEX "TicketComment_zendeskCommentId_key" ON "TicketComment"("zendeskCommentId");

-- CreateIndex
CREATE INDEX "TicketComment_ticketId_idx" ON "TicketComment"("ticketId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_invocationId_key" ON "WebhookDelivery"("invocationId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_ticketId_id_idx" ON "OutboxMessage"("ticketId", "id");

-- CreateIndex
CREATE INDEX "VoiceSubscription_channelId_idx" ON "VoiceSubscription"("channelId");

-- CreateIndex
CREATE INDEX "VoicePost_channelId_ticketZendeskId_idx" ON "VoicePost"("channelId", "ticketZendeskId");

-- CreateIndex
CREATE INDEX "VoicePost_subscriptionId_commentCreatedAt_idx" ON "VoicePost"("subscriptionId", "commentCreatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "VoicePost_subscriptionId_zendeskCommentId_key" ON "VoicePost"("subscriptionId", "zendeskCommentId");

-- CreateIndex
CREATE INDEX "VolumeBucket_start_idx" ON "VolumeBucket"("start");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEpisode_openRuleId_key" ON "AlertEpisode"("openRuleId");

-- CreateIndex
CREATE INDEX "AlertEpisode_ruleId_startedAt_idx" ON "AlertEpisode"("ruleId", "startedAt");

-- CreateIndex
CREATE INDEX "Template_path_idx" ON "Template"("path");

-- CreateIndex
CREATE INDEX "Template_updatedAt_idx" ON "Template"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "TemplateVersion_templateId_version_key" ON "TemplateVersion"("templateId", "version");

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

-- CreateIndex
CREATE INDEX "SentTemplateExample_createdAt_idx" ON "SentTemplateExample"("createdAt");

-- AddForeignKey
ALTER TABLE "CustomerEmail" ADD CONSTRAINT "CustomerEmail_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareChart" ADD CONSTRAINT "CareChart_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareChartRevision" ADD CONSTRAINT "CareChartRevision_chartId_fkey" FOREIGN KEY ("chartId") REFERENCES "CareChart"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_inboxId_fkey" FOREIGN KEY ("inboxId") REFERENCES "Inbox"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketComment" ADD CONSTRAINT "TicketComment_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TemplateVersion" ADD CONSTRAINT "TemplateVersion_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "Template"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftVersion" ADD CONSTRAINT "DraftVersion_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DraftApproval" ADD CONSTRAINT "DraftApproval_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReplySend" ADD CONSTRAINT "ReplySend_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "Draft"("id") ON DELETE SET NULL ON UPDATE CASCADE;

