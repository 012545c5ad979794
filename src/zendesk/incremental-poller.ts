import type { KeyValueStore } from '../domain/ports.ts';
import type { TicketSync } from '../domain/tickets/ticket-sync.ts';
import type { Logger } from '../logger.ts';
import type { ZendeskTicketGateway } from './ticket-gateway.ts';
import { ZendeskHttpError } from './zendesk-client.ts';

const CURSOR_KEY = 'zendesk.incremental.cursor';
/** `zendesk.parked:ticket:<id>` → `{reason, at}`: tickets the poller gave up on. */
export const PARKED_PREFIX = 'zendesk.parked:ticket:';
const FAILURES_PREFIX = 'zendesk.poll-failures:ticket:';
const MAX_TICKET_FAILURES = 3;

/**
 * Catches every ticket whose webhook never arrived: walks Zendesk's cursor-based incremental export and
 * syncs each ticket that changed (syncing is idempotent, so tickets the webhook already brought cost one
 * read). The cursor is stored only after the page's tickets were synced, so a crash re-reads, never skips.
 * The first run starts `initialLookbackSeconds` back (Zendesk wants start_time ≥ 1 minute in the past).
 * Deleted tickets are left out of the export; one that disappears before its sync, or keeps failing the same
 * way, is parked with a reason (`PARKED_PREFIX`) so that one ticket never stops the poller.
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

  /** Parks the ticket with a reason, so that the poll moves on. */
  async function park(ticketId: string, reason: string) {
    await deps.kv.set(`${PARKED_PREFIX}${ticketId}`, JSON.stringify({ reason, at: now().toISOString() }));
    deps.logger.warn('ticket parked: the poller skips it', { ticket: ticketId, reason });
  }

  /**
   * Whether a ticket's failed sync is one the next poll would repeat forever: gone from Zendesk (404: deleted
   * after the export was read), or refused the same way `MAX_TICKET_FAILURES` times. Those are parked.
   */
  async function poisoned(ticketId: string, error: unknown): Promise<boolean> {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ZendeskHttpError && error.status === 404) {
      await park(ticketId, `not found in Zendesk (deleted?): ${message}`);
      return true;
    }
    if (error instanceof ZendeskHttpError && error.retryable) return false;
    const key = `${FAILURES_PREFIX}${ticketId}`;
    const failures = Number((await deps.kv.get(key)) ?? 0) + 1;
    await deps.kv.set(key, String(failures));
    if (failures < MAX_TICKET_FAILURES) return false;
    await park(ticketId, `sync failed ${failures} times: ${message}`);
    return true;
  }

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
          if (t.status === 'deleted') continue;
          try {
            if (await deps.tickets.syncIfChanged(t.id, new Date(t.updated_at))) synced++;
          } catch (error) {
            // Transient (429, 5xx, timeout): stop here, the cursor stays before this page, the next poll retries.
            if (!(await poisoned(t.id, error))) throw error;
          }
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
