import { asYorisoiError } from '../../errors.ts';
import type { Translate } from '../../i18n/index.ts';
import type { Logger } from '../../logger.ts';
import type { SplitGateway, SplitStore, SplitTicket, TicketSplitRow } from './ports.ts';

/** Why a message cannot be split; each is said to the reader in their language. */
export type SplitRefusal = 'not_ticket_thread' | 'not_customer_message' | 'bot_message';

/** The Slack message the shortcut was used on, as the payload gives it. */
export interface SplitTarget {
  channelId: string;
  ts: string;
  threadTs: string | null;
  /** The message came from a bot or app (yorisoi's own posts included). */
  fromBot: boolean;
}

export type SplitCheck =
  | { ok: true; ticket: SplitTicket; commentZendeskId: string; body: string }
  | { ok: false; reason: SplitRefusal };

export type SplitOutcome =
  | { kind: 'created'; sourceZendeskId: string; newZendeskId: string }
  | { kind: 'already'; sourceZendeskId: string; newZendeskId: string }
  | { kind: 'in_progress' }
  /** Zendesk did not answer (timeout, 5xx, 429): the ticket may exist; a new click looks it up first. */
  | { kind: 'in_doubt'; reason: string }
  /** Zendesk refused (4xx): nothing was created; a new click tries again. */
  | { kind: 'failed'; reason: string }
  | { kind: 'refused'; reason: SplitRefusal };

const LEASE_MS = 60_000;
export const splitKey = (row: Pick<TicketSplitRow, 'id'>) => `yorisoi-split:${row.id}`;

function isPermanent(error: unknown): boolean {
  const e = error as { status?: number; retryable?: boolean };
  return typeof e.status === 'number' && !e.retryable;
}

/**
 * "Split into a new ticket": a customer's message of a ticket's thread becomes a new Zendesk ticket for the
 * same requester, the two tickets point at each other in internal notes, and the ticket sync gives the new
 * one its thread. Exactly once like the reply sender: the row (one per source comment) is stored before any
 * call; a run that may already have reached Zendesk (attempts > 1) looks the ticket up by its external id
 * and the notes by their audit metadata before writing again.
 */
export function createSplitService(deps: {
  store: SplitStore;
  gateway: SplitGateway;
  ticketUrl(zendeskId: string): string;
  /** Names the splitting agent in the notes. */
  slackName(slackUserId: string): Promise<string>;
  /** Sync a ticket from Zendesk (the new ticket's thread, the notes in both threads). */
  sync(zendeskId: string): Promise<unknown>;
  /** Notes in Zendesk are read by the whole team: the workspace's language. */
  t: Translate;
  clock: () => Date;
  logger: Logger;
}) {
  const { store, gateway, t } = deps;

  async function check(target: SplitTarget): Promise<SplitCheck> {
    const found = await store.messageAt(target.channelId, target.ts);
    if (found.kind === 'comment') {
      const { ticket, comment } = found;
      if (!comment.public || comment.authorZendeskId !== ticket.requesterZendeskId)
        return { ok: false, reason: 'not_customer_message' };
      return { ok: true, ticket, commentZendeskId: comment.zendeskId, body: comment.body };
    }
    if (found.kind === 'yorisoi')
      return { ok: false, reason: found.ticket ? 'not_customer_message' : 'not_ticket_thread' };
    const inThread = target.threadTs ? await store.ticketOfThread(target.channelId, target.threadTs) : null;
    if (!inThread) return { ok: false, reason: 'not_ticket_thread' };
    return { ok: false, reason: target.fromBot ? 'bot_message' : 'not_customer_message' };
  }

  async function writeNotes(row: TicketSplitRow, ticket: SplitTicket, newId: string, by: string) {
    const mayHaveLanded = row.attempts > 1;
    const notes = [
      {
        done: row.noteOnNew,
        field: 'noteOnNew' as const,
        ticketZendeskId: newId,
        key: `${splitKey(row)}:note-new`,
        body: t('split.note.new', {
          source: ticket.zendeskId,
          sourceUrl: deps.ticketUrl(ticket.zendeskId),
          by,
        }),
      },
      {
        done: row.noteOnSource,
        field: 'noteOnSource' as const,
        ticketZendeskId: ticket.zendeskId,
        key: `${splitKey(row)}:note-source`,
        body: t('split.note.source', { new: newId, newUrl: deps.ticketUrl(newId), by }),
      },
    ];
    for (const note of notes) {
      if (note.done) continue;
      if (!(mayHaveLanded && (await gateway.noteExists(note.ticketZendeskId, note.key))))
        await gateway.addNote({ ticketZendeskId: note.ticketZendeskId, body: note.body, key: note.key });
      await store.update(row.id, { [note.field]: true });
    }
  }

  async function run(row: TicketSplitRow, ticket: SplitTicket, body: string): Promise<SplitOutcome> {
    const key = splitKey(row);
    const by = await deps.slackName(row.slackUserId).catch(() => row.slackUserId);
    let newId = row.newTicketZendeskId;
    try {
      if (!newId && row.attempts > 1) newId = await gateway.findTicketByKey(key);
      if (!newId) {
        const created = await gateway.createTicket({
          key,
          subject: t('split.subject', { subject: ticket.subject, source: ticket.zendeskId }),
          requesterZendeskId: ticket.requesterZendeskId,
          body,
          brandId: ticket.brandId,
          groupId: ticket.groupId,
          tags: ticket.tags,
        });
        newId = created.ticketZendeskId;
      }
      if (!row.newTicketZendeskId)
        await store.update(row.id, { status: 'created', newTicketZendeskId: newId });
      await writeNotes(row, ticket, newId, by);
      await store.update(row.id, { status: 'done', lastError: null, release: true });
      deps.logger.info('ticket split', { source: ticket.zendeskId, new: newId, splitId: row.id });
      for (const id of [newId, ticket.zendeskId])
        await deps
          .sync(id)
          .catch((error: unknown) => deps.logger.warn('sync after split failed', { id, error }));
      return { kind: 'created', sourceZendeskId: ticket.zendeskId, newZendeskId: newId };
    } catch (error) {
      const reason = asYorisoiError(error).userMessage;
      const detail = (error as Error)?.message ?? String(error);
      // A refused create made nothing: the row is failed and a new click starts over. A refused note keeps
      // the ticket the row has (status created) and is written by the next click.
      await store.update(row.id, {
        ...(isPermanent(error) && !newId ? { status: 'failed' as const } : {}),
        lastError: detail,
        release: true,
      });
      deps.logger.warn('split did not finish', { splitId: row.id, error: detail });
      // With the ticket made, what is left (a note) is written by the next click: say "try again".
      return isPermanent(error) && !newId ? { kind: 'failed', reason } : { kind: 'in_doubt', reason };
    }
  }

  return {
    check,
    /** Splits the message once; a second click or a retry answers what the first did. */
    async split(target: SplitTarget, slackUserId: string): Promise<SplitOutcome> {
      const checked = await check(target);
      if (!checked.ok) return { kind: 'refused', reason: checked.reason };
      const row = await store.findOrCreate({
        sourceTicketZendeskId: checked.ticket.zendeskId,
        sourceCommentZendeskId: checked.commentZendeskId,
        slackUserId,
      });
      if (row.status === 'done' && row.newTicketZendeskId)
        return {
          kind: 'already',
          sourceZendeskId: checked.ticket.zendeskId,
          newZendeskId: row.newTicketZendeskId,
        };
      const claimed = await store.claim(row.id, deps.clock(), LEASE_MS);
      if (!claimed) return { kind: 'in_progress' };
      if (claimed.status === 'done' && claimed.newTicketZendeskId) {
        await store.update(claimed.id, { release: true });
        return {
          kind: 'already',
          sourceZendeskId: checked.ticket.zendeskId,
          newZendeskId: claimed.newTicketZendeskId,
        };
      }
      // A failed row made nothing in Zendesk; this run starts it over (still looking the key up first).
      return run(claimed, checked.ticket, checked.body);
    },
  };
}

export type SplitService = ReturnType<typeof createSplitService>;
