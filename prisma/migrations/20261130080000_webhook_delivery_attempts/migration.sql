-- A delivery that keeps failing (a ticket Zendesk no longer has) is parked after a bounded number of tries.
ALTER TABLE "WebhookDelivery" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
