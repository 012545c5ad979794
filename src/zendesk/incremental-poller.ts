import type { TicketSync } from '../domain/tickets/ticket-sync.ts';
import type { Logger } from '../logger.ts';
import type { KeyValueStore } from '../storage/key-value-store.ts';
import type { ZendeskTicketGateway } from './ticket-gateway.ts';
import { ZendeskHttpError } from './zendesk-client.ts';

const CURSOR_KEY = 'zendesk.incremental.cursor';

/**
 * Catches every ticket whose webhook never arrived: walks Zendesk's cursor-based incremental export and
 * syncs each ticket that changed (syncing is idempotent, so tickets the webhook already brought cost one
 * read). The cursor is stored only after the page's tickets were synced, so a crash re-reads, never skips.
 * The first run starts `initialLookbackSeconds` back (Zendesk wants start_time ≥ 1 minute in the past).
 */
export function createIncrementalPoller(deps: {
  gateway: Pick<ZendeskTicketGateway, 'incrementalTickets'>;
  tickets: TicketSync;
  kv: KeyValueStore;
  logger: Logger;
  now?: () => Date;
  initialLookbackSeconds?: number;
}) {
  const now = deps.now ?? (() => new Date());
  return {
    /** Reads until end_of_stream; returns the number of tickets synced. */
    async pollOnce(): Promise<number> {
      let synced = 0;
      let cursor = await deps.kv.get(CURSOR_KEY);
      for (let page = 0; page < 50; page++) {
        const position = cursor
          ? { cursor }
          : { startTime: Math.floor(now().getTime() / 1000) - (deps.initialLookbackSeconds ?? 300) };
        let result: Awaited<ReturnType<typeof deps.gateway.incrementalTickets>>;
        try {
          result = await deps.gateway.incrementalTickets(position);
        } catch (error) {
          if (error instanceof ZendeskHttpError && error.status === 429) {
            deps.logger.info('incremental export rate limited; next poll continues', {
              retryAfter: error.retryAfterSeconds,
            });
            return synced;
          }
          throw error;
        }
        for (const t of result.tickets) {
          if (await deps.tickets.syncIfChanged(t.id, new Date(t.updated_at))) synced++;
        }
        if (result.after_cursor) {
          cursor = result.after_cursor;
          await deps.kv.set(CURSOR_KEY, cursor);
        }
        if (result.end_of_stream) break;
      }
      return synced;
    },
  };
}

export type IncrementalPoller = ReturnType<typeof createIncrementalPoller>;
