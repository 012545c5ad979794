import type { Logger } from '../../logger.ts';
import type { TicketSync } from '../tickets/ticket-sync.ts';
import type { WebhookDeliveryStore } from './ports.ts';

/** Tries of a delivery whose ticket Zendesk does not have (404: deleted as spam, or an unknown id). */
export const MAX_NOT_FOUND_ATTEMPTS = 3;
/** Tries of a delivery that keeps failing any other way; the incremental poller still catches the ticket. */
export const MAX_DELIVERY_ATTEMPTS = 20;

const isNotFound = (error: unknown) => (error as { status?: unknown })?.status === 404;

/**
 * A verified webhook is stored first and acknowledged; the ticket is then synced from the API. A delivery
 * that fails to sync stays unprocessed and is retried by `retryUnprocessed` (and the poller catches the rest),
 * a bounded number of times: then it is parked with the reason, never retried forever.
 */
export function createWebhookIntake(deps: {
  deliveries: WebhookDeliveryStore;
  tickets: Pick<TicketSync, 'sync'>;
  logger: Logger;
  /** Syncs running at once. A burst of webhooks queues here instead of crowding the database
   *  connection, so storing (and acknowledging) the next webhook never waits behind a thousand syncs. */
  concurrency?: number;
  /** Starts reading a queued delivery's ticket now, so the reads of a burst share batched calls. */
  prefetch?: (ticketZendeskId: string) => void;
}) {
  const { deliveries, tickets, logger } = deps;
  const limit = deps.concurrency ?? 4;
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await work();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };

  async function process(invocationId: string, ticketZendeskId: string | null) {
    if (!ticketZendeskId) {
      await deliveries.markProcessed(invocationId);
      return;
    }
    try {
      await tickets.sync(ticketZendeskId);
      await deliveries.markProcessed(invocationId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const attempts = await deliveries.markFailed(invocationId, message);
      const notFound = isNotFound(error);
      if (attempts >= (notFound ? MAX_NOT_FOUND_ATTEMPTS : MAX_DELIVERY_ATTEMPTS)) {
        const reason = notFound
          ? `ticket ${ticketZendeskId} not found in Zendesk (deleted?) after ${attempts} tries: ${message}`
          : `gave up after ${attempts} tries: ${message}`;
        await deliveries.markParked(invocationId, reason);
        logger.warn('webhook delivery parked', { invocationId, ticket: ticketZendeskId, reason });
        return;
      }
      logger.warn('webhook delivery could not be processed yet', {
        invocationId,
        ticket: ticketZendeskId,
        attempts,
        error,
      });
    }
  }

  return {
    /** Returns whether the delivery was new; processing continues in the background. */
    async accept(delivery: {
      invocationId: string;
      webhookId: string | null;
      ticketZendeskId: string | null;
      body: string;
    }) {
      const isNew = await deliveries.record(delivery);
      if (isNew && delivery.ticketZendeskId && running >= limit) deps.prefetch?.(delivery.ticketZendeskId);
      const done = isNew
        ? slot(() => process(delivery.invocationId, delivery.ticketZendeskId))
        : Promise.resolve();
      return { isNew, done };
    },
    async retryUnprocessed(now: Date, graceMs = 30_000) {
      const pending = await deliveries.unprocessed(new Date(now.getTime() - graceMs), 100);
      for (const d of pending) await slot(() => process(d.invocationId, d.ticketZendeskId));
      return pending.length;
    },
  };
}

export type WebhookIntake = ReturnType<typeof createWebhookIntake>;
