-- CreateTable
CREATE TABLE "EnrichmentSuggestion" (
    "id" SERIAL NOT NULL,
    "ticketZendeskId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "outcome" TEXT,
    "correction" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "EnrichmentSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketEnrichment" (
    "ticketZendeskId" TEXT NOT NULL,
    "factsJson" TEXT NOT NULL DEFAULT '[]',
    "noteCommentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketEnrichment_pkey" PRIMARY KEY ("ticketZendeskId")
);

-- CreateIndex
CREATE INDEX "EnrichmentSuggestion_createdAt_idx" ON "EnrichmentSuggestion"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EnrichmentSuggestion_ticketZendeskId_source_action_value_key" ON "EnrichmentSuggestion"("ticketZendeskId", "source", "action", "value");
