-- CreateIndex
CREATE INDEX "Ticket_status_idx" ON "Ticket"("status");
