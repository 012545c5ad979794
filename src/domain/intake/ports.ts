/** Where webhook deliveries are kept (SQLite through Prisma in src/storage). */
export interface WebhookDeliveryStore {
  /** Stores the delivery; false when this invocation id was stored before (a Zendesk retry). */
  record(delivery: {
    invocationId: string;
    webhookId: string | null;
    ticketZendeskId: string | null;
    body: string;
  }): Promise<boolean>;
  markProcessed(invocationId: string): Promise<void>;
  /** Records a failed attempt; returns the number of attempts so far. */
  markFailed(invocationId: string, error: string): Promise<number>;
  /** Gives up on the delivery (never retried again); `reason` says why. */
  markParked(invocationId: string, reason: string): Promise<void>;
  /** Deliveries stored but not processed (failed, or cut short by a restart), oldest first. */
  unprocessed(
    olderThan: Date,
    limit: number,
  ): Promise<Array<{ invocationId: string; ticketZendeskId: string | null }>>;
}
