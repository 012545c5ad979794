import { asYorisoiError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import { createPollingLoop } from '../polling-loop.ts';
import { type DraftTicket, type ReplySend, type SendFailure, shareKey } from './draft.ts';
import type { DraftStore, DraftThreadRenderer, ReplyGateway } from './ports.ts';

export interface ReplySenderOptions {
  store: DraftStore;
  gateway: ReplyGateway;
  renderer: DraftThreadRenderer;
  logger: Logger;
  clock: () => Date;
  /** Display name of a Slack user for "sent by X". */
  slackName(slackUserId: string): Promise<string>;
  /** Thread messages were queued: wake the outbox. */
  onEffects(): void;
  /** A reply landed: re-read the ticket so the thread's root shows its new state. */
  onSent(ticketZendeskId: string): void;
  /** A reply failed for good: re-read the ticket (its author's comments wait while a reply is on its way). */
  onFailed?(ticketZendeskId: string): void;
  /** Attempts before a transient failure (5xx, timeouts, 429) counts as failed. */
  maxAttempts?: number;
  backoffMs?: (attempt: number) => number;
  /** How long a claim holds (default 30 s); see the outbox worker. */
  leaseMs?: number;
}

/** Errors Zendesk will repeat however often we ask (validation, permissions, missing ticket). */
function isPermanent(error: unknown): boolean {
  const e = error as { status?: number; retryable?: boolean };
  if (typeof e.status === 'number') return !e.retryable;
  return false;
}

/**
 * Sends scheduled replies to Zendesk, each exactly once. A send is claimed (scheduled → sending) before the
 * call, so two workers or two clicks cannot both send it. Zendesk has no idempotency key on ticket updates,
 * so the send id travels in the audit's metadata; any send that may already have reached Zendesk (a retry
 * after a timeout or 5xx, or one left in `sending` by a crash) is looked up in the ticket's audits first.
 */
export function createReplySender(options: ReplySenderOptions) {
  const { store, gateway, renderer, logger } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoff = options.backoffMs ?? ((n: number) => Math.min(60_000, 500 * 2 ** n));
  const inFlight = new Set<Promise<void>>();
  /** Sends this instance claimed and is sending now. */
  const claimed = new Set<string>();
  const leaseMs = options.leaseMs ?? 30_000;
  let lastRenew = Date.now();
  let lastRelease = Date.now();
  async function releaseInDoubt(): Promise<number> {
    lastRelease = Date.now();
    return store.releaseInDoubtSends(options.clock(), [...claimed]);
  }

  const threadEffect = (ticket: DraftTicket | null, key: string, message: SlackMessage): OutboxEffect[] =>
    ticket?.channelId
      ? [{ kind: 'post_in_thread', key, channelId: ticket.channelId, ticketId: ticket.id, message }]
      : [];

  async function draftName(send: ReplySend) {
    if (!send.draftId) return 'thread discussion';
    return (await store.getDraft(send.draftId))?.name ?? 'draft';
  }

  /**
   * Every message that shared a version of this draft into the thread, edited to say it was sent (who,
   * when) and without its Approve and Open buttons. Queued with the send's completion, in one transaction:
   * exactly once, and a restart finds them queued.
   */
  async function sharedSentEffects(send: ReplySend, ticket: DraftTicket | null, at: Date) {
    const { draftId } = send;
    if (send.kind !== 'reply' || !draftId || !ticket?.channelId) return [];
    const effects: OutboxEffect[] = [];
    for (const n of await store.sharedVersions(draftId)) {
      const version = await store.getVersion(draftId, n);
      if (!version) continue;
      effects.push({
        kind: 'update_message',
        key: `draft-share-sent:${draftId}:v${n}:${send.id}`,
        channelId: ticket.channelId,
        ticketId: ticket.id,
        targetKey: shareKey(draftId, n),
        message: renderer.sharedSent({ draft: version, send, at }),
      });
    }
    return effects;
  }

  async function markSent(send: ReplySend, result: { auditId: string | null; commentId: string | null }) {
    const at = options.clock();
    const ticket = await store.findTicket(send.ticketZendeskId);
    const message = renderer.sent({
      send,
      draftName: await draftName(send),
      senderName: await options.slackName(send.senderSlackId),
      at,
      ticket,
    });
    await store.markSendSent(send.id, { ...result, sentAt: at }, [
      ...threadEffect(ticket, `reply-sent:${send.id}`, message),
      ...(await sharedSentEffects(send, ticket, at)),
    ]);
    logger.info('reply sent to Zendesk', {
      sendId: send.id,
      ticket: send.ticketZendeskId,
      auditId: result.auditId,
    });
    options.onEffects();
    options.onSent(send.ticketZendeskId);
  }

  async function markFailed(send: ReplySend, error: string, reason: SendFailure) {
    const ticket = await store.findTicket(send.ticketZendeskId);
    // The thread reads plain words for this case; the API path, status and Zendesk's JSON stay in the log
    // and the row.
    const message = renderer.failed({ send, draftName: await draftName(send), reason });
    await store.markSendFailed(send.id, error, threadEffect(ticket, `reply-failed:${send.id}`, message));
    logger.warn('reply failed; the draft is kept', {
      sendId: send.id,
      ticket: send.ticketZendeskId,
      reason,
      error,
    });
    options.onEffects();
    options.onFailed?.(send.ticketZendeskId);
  }

  /** The first time a send meets a passing Zendesk problem, the thread says yorisoi retries on its own. */
  async function tellRetrying(send: ReplySend) {
    const ticket = await store.findTicket(send.ticketZendeskId);
    const message = renderer.retrying({ send, draftName: await draftName(send) });
    const effects = threadEffect(ticket, `reply-retrying:${send.id}`, message);
    if (effects.length === 0) return;
    await store.enqueue(effects); // once: the key makes a second failure of this send add nothing
    options.onEffects();
  }

  /** A failure Zendesk will repeat: a missing ticket, or anything it refused (content, permissions). */
  const permanentReason = (error: unknown): SendFailure =>
    asYorisoiError(error).code === 'zendesk_not_found' ? 'not_found' : 'rejected';

  async function process(send: ReplySend): Promise<void> {
    try {
      // attempts counts this claim: anything above 1 may already have reached Zendesk.
      if (send.attempts > 1) {
        const landed = await gateway.findReplyByKey(send.ticketZendeskId, send.id);
        if (landed) {
          logger.info('in-doubt reply found in Zendesk; not sending again', { sendId: send.id });
          await markSent(send, landed);
          return;
        }
      }
      // A stall longer than the lease lets another instance take the send over: then it is theirs.
      if (!(await store.confirmSend(send.id))) {
        logger.warn('reply send taken over by another instance; not sending it here', { sendId: send.id });
        return;
      }
      const result = await gateway.postReply({
        ticketZendeskId: send.ticketZendeskId,
        body: send.body,
        public: send.public,
        authorZendeskId: send.authorZendeskId,
        newStatus: send.newStatus,
        key: send.id,
      });
      await markSent(send, result);
    } catch (error) {
      const detail = (error as Error)?.message ?? String(error);
      if (isPermanent(error)) {
        await markFailed(send, detail, permanentReason(error));
        return;
      }
      if (send.attempts >= maxAttempts) {
        // One last look: the reply may have landed on an attempt whose answer was lost.
        const landed = await gateway.findReplyByKey(send.ticketZendeskId, send.id).catch(() => null);
        if (landed) await markSent(send, landed);
        else await markFailed(send, detail, 'gave_up');
        return;
      }
      const retryAfter = (error as { retryAfterSeconds?: number | null }).retryAfterSeconds;
      const delay = retryAfter ? retryAfter * 1000 : backoff(send.attempts);
      logger.info('reply send in doubt; will check Zendesk and retry', {
        sendId: send.id,
        inMs: delay,
        error: detail,
      });
      if (send.kind === 'reply') await tellRetrying(send);
      await store.rescheduleSend(send.id, new Date(options.clock().getTime() + delay), detail);
    }
  }

  async function tick(): Promise<number> {
    if (claimed.size > 0 && Date.now() - lastRenew >= leaseMs / 3) {
      lastRenew = Date.now();
      await store.renewSends([...claimed]);
    }
    // Another instance that died mid-send: its claim ran out, so its sends are checked and sent here.
    if (Date.now() - lastRelease >= leaseMs / 2 && (await releaseInDoubt()) > 0)
      logger.warn('replies in doubt after a crash; checking Zendesk before resending');
    const now = options.clock();
    for (const send of await store.dueSends(now, 20)) {
      if (!(await store.claimSend(send.id))) continue;
      claimed.add(send.id);
      const p = process({ ...send, attempts: send.attempts + 1 })
        .catch((error) =>
          logger.error('reply sender failed to record an outcome', { sendId: send.id, error }),
        )
        .finally(() => {
          claimed.delete(send.id);
          inFlight.delete(p);
          loop.wake();
        });
      inFlight.add(p);
    }
    const next = await store.nextSendDueAt();
    const cap = Math.min(1000, leaseMs / 3);
    return next ? Math.max(5, Math.min(cap, next.getTime() - options.clock().getTime())) : cap;
  }

  const loop = createPollingLoop(tick, (error) => logger.error('reply sender loop error', { error }));

  return {
    /** Releases sends a stopped process left in `sending` (checked in Zendesk before any resend), then runs. */
    async start() {
      if (loop.running) return;
      const released = await releaseInDoubt();
      if (released > 0)
        logger.warn('replies in doubt after restart; checking Zendesk before resending', { count: released });
      loop.start();
    },
    wake() {
      loop.wake();
    },
    async stop() {
      await loop.stop();
      await Promise.allSettled([...inFlight]);
    },
    /** One pass now (tests): claims and sends what is due. */
    tick,
    async idle(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (inFlight.size === 0) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    },
  };
}

export type ReplySender = ReturnType<typeof createReplySender>;

/**
 * Wakes snoozed tickets: at their time, or when the customer has written since. The ping and the state
 * change commit together, so a restart never pings twice.
 */
export function createSnoozeWatcher(options: {
  store: DraftStore;
  renderer: DraftThreadRenderer;
  clock: () => Date;
  logger: Logger;
  onEffects(): void;
}) {
  return {
    async tick(): Promise<number> {
      const now = options.clock();
      let woken = 0;
      for (const s of await options.store.dueSnoozes(now)) {
        const ticket = await options.store.findTicket(s.ticketZendeskId);
        const effects: OutboxEffect[] = ticket?.channelId
          ? [
              {
                kind: 'post_in_thread',
                key: `snooze-wake:${s.id}`,
                channelId: ticket.channelId,
                ticketId: ticket.id,
                message: options.renderer.snoozeWoke({ snooze: s, reason: s.reason }),
              },
            ]
          : [];
        if (await options.store.wakeSnooze(s.id, s.reason, now, effects)) woken++;
      }
      if (woken > 0) {
        options.logger.info('snoozed tickets woke', { count: woken });
        options.onEffects();
      }
      return woken;
    },
  };
}
