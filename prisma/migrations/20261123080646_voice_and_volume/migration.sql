-- CreateTable
CREATE TABLE "VoiceSubscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "filterJson" TEXT NOT NULL,
    "filterText" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VoicePost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscriptionId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "ticketZendeskId" TEXT NOT NULL,
    "zendeskCommentId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "tagsJson" TEXT NOT NULL DEFAULT '[]',
    "outboxKey" TEXT NOT NULL,
    "isThreadRoot" BOOLEAN NOT NULL DEFAULT false,
    "commentCreatedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "VolumeBucket" (
    "scope" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("scope", "start")
);

-- CreateTable
CREATE TABLE "AlertEpisode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ruleId" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "openRuleId" TEXT,
    "startedAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "peakCount" INTEGER NOT NULL,
    "baseline" REAL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

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
