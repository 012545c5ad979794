-- CreateTable
CREATE TABLE "EnrichmentSuggestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketZendeskId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "outcome" TEXT,
    "correction" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME
);

-- CreateTable
CREATE TABLE "TicketEnrichment" (
    "ticketZendeskId" TEXT NOT NULL PRIMARY KEY,
    "factsJson" TEXT NOT NULL DEFAULT '[]',
    "noteCommentId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "EnrichmentSuggestion_createdAt_idx" ON "EnrichmentSuggestion"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EnrichmentSuggestion_ticketZendeskId_source_action_value_key" ON "EnrichmentSuggestion"("ticketZendeskId", "source", "action", "value");
