import type { Logger } from '../../logger.ts';
import { createPollingLoop } from '../polling-loop.ts';
import { CONTENT_ERRORS, type OutboxItem, type SlackMessage } from './outbox.ts';
import { type OutboxStore, SlackWriteError, type SlackWriter } from './ports.ts';

export interface OutboxWorkerOptions {
  store: OutboxStore;
  slack: SlackWriter;
  logger: Logger;
  /** Slack allows about one message per second per channel, with short bursts. */
  perChannel: { perSecond: number; burst: number };
  maxInFlight?: number;
  now?: () => number;
  /**
   * How long a claim holds (default 30 s): rows in flight are renewed every third of it, and rows of an
   * instance that died are taken over (in doubt) once their claim ran out; looked for every half of it.
   */
  leaseMs?: number;
}

const MAYBE_POSTED = 'maybe-posted:';

/** This instance's claim on a row ran out and another instance took it over. */
class ClaimLost extends Error {}

interface Bucket {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
  busy: boolean;
}

/**
 * Sends the outbox to Slack: every item exactly once, in order per ticket, at most `perChannel` per channel,
 * honouring Retry-After, backing off on errors without ever dropping an item. Several instances share the
 * outbox: each claims a row with its name and a lease it renews while sending. Items in `sending` whose
 * claim ran out (an instance died mid-call), or that this instance claimed before a restart, are in doubt:
 * Slack is asked whether the message exists before resending. Another instance's live claim is never touched.
 */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { store, slack, logger } = options;
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? 16;
  const leaseMs = options.leaseMs ?? 30_000;
  const buckets = new Map<string, Bucket>();
  let inFlight = 0;
  const sends = new Set<Promise<void>>();
  /** Rows this worker claimed and is sending now: never in doubt to itself. */
  const claimed = new Set<number>();
  let lastRenew = now();
  let lastRecovery = now();

  const bucket = (channel: string): Bucket => {
    let b = buckets.get(channel);
    if (!b) {
      b = { tokens: options.perChannel.burst, updatedAt: now(), pausedUntil: 0, busy: false };
      buckets.set(channel, b);
    }
    const t = now();
    b.tokens = Math.min(
      options.perChannel.burst,
      b.tokens + ((t - b.updatedAt) / 1000) * options.perChannel.perSecond,
    );
    b.updatedAt = t;
    return b;
  };
  /** ms until this channel may send again (0 = now). */
  const waitFor = (b: Bucket) =>
    Math.max(
      b.pausedUntil - now(),
      b.tokens >= 1 ? 0 : ((1 - b.tokens) / options.perChannel.perSecond) * 1000,
    );

  function backoffMs(attempts: number) {
    return Math.min(60_000, 250 * 2 ** Math.min(attempts, 10));
  }

  /** When an in-doubt post is found unreadable, look again this much later (an operator must invite yorisoi). */
  const UNREADABLE_RECHECK_MS = 10 * 60_000;

  /** `maybe-posted:@<ms> detail`: the earliest time the message may have reached Slack travels with the row. */
  const maybePosted = (sinceMs: number, detail: string) => `${MAYBE_POSTED}@${sinceMs} ${detail}`;
  const sinceOf = (item: OutboxItem): Date => {
    const at = /^maybe-posted:@(\d+)/.exec(item.lastError ?? '')?.[1];
    return at ? new Date(Number(at)) : new Date(item.nextAttemptAt.getTime() - 10 * 60_000);
  };

  /**
   * Asks Slack whether the message with this key exists. A channel the bot may not read (chat:write.public
   * lets it post to public channels it never joined) is joined first; one it can neither read nor join
   * answers 'unknown' — the caller then neither resends (could double) nor fails (could lose).
   * 'absent' also covers a channel that no longer exists for the bot: nothing can be posted there, so a
   * resend cannot double and fails with Slack's own reason.
   */
  async function lookUp(
    item: OutboxItem,
    threadTs: string | undefined,
    since: Date,
  ): Promise<{ found: string } | 'absent' | 'unknown'> {
    const e = item.effect;
    const find = () => slack.findPosted({ channel: e.channelId, key: e.key, threadTs, since });
    try {
      const ts = await find();
      return ts ? { found: ts } : 'absent';
    } catch (error) {
      if (!(error instanceof SlackWriteError) || error.failure.kind !== 'unreadable') throw error;
    }
    const joined = await slack.join(e.channelId);
    if (joined === 'gone') return 'absent';
    if (joined === 'refused') return 'unknown';
    logger.info('joined a channel to check an in-doubt message', { channel: e.channelId, key: e.key });
    try {
      const ts = await find();
      return ts ? { found: ts } : 'absent';
    } catch (error) {
      if (error instanceof SlackWriteError && error.failure.kind === 'unreadable') return 'unknown';
      throw error;
    }
  }

  /**
   * A post that timed out, lost its connection or got a 5xx may have reached Slack anyway; before trying
   * again, ask Slack (by the metadata key) so the retry cannot double it. 429s and Slack's own errors did
   * not post. Answers true when the item was settled here (found, or parked because Slack cannot tell).
   */
  async function settledByLookUp(item: OutboxItem, threadTs: string | undefined): Promise<boolean> {
    if (!item.lastError?.startsWith(MAYBE_POSTED)) return false;
    const since = sinceOf(item);
    const result = await lookUp(item, threadTs, since);
    if (result === 'absent') return false;
    if (result === 'unknown') {
      logger.error('cannot tell whether a message reached Slack: yorisoi may not read the channel', {
        id: item.id,
        key: item.effect.key,
        channel: item.effect.channelId,
        action: 'invite yorisoi to the channel; the message is held, never posted twice',
      });
      await store.reschedule(
        item.id,
        new Date(now() + UNREADABLE_RECHECK_MS),
        maybePosted(since.getTime(), 'held: the channel cannot be read to check for the message'),
      );
      return true;
    }
    await store.markSent(item.id, result.found);
    return true;
  }

  /**
   * Sends `message`; when Slack refuses its content for good, sends its simpler forms in order (a refused
   * post was not stored, so nothing doubles). Throws the last refusal when every form was refused.
   */
  async function withDegrade<T>(
    item: OutboxItem,
    message: SlackMessage,
    call: (m: SlackMessage) => Promise<T>,
  ): Promise<T> {
    const forms = [message, ...(message.degraded ?? [])];
    for (const [i, form] of forms.entries()) {
      const { degraded: _, ...plain } = form;
      try {
        return await call(plain);
      } catch (error) {
        const refused =
          error instanceof SlackWriteError &&
          error.failure.kind === 'permanent' &&
          CONTENT_ERRORS.has(error.failure.detail);
        if (!refused || i === forms.length - 1) throw error;
        logger.warn('Slack refused a message: sending its simpler form', {
          id: item.id,
          key: item.effect.key,
          error: error.failure.detail,
          form: i + 1,
        });
      }
    }
    throw new Error('unreachable');
  }

  async function send(item: OutboxItem): Promise<void> {
    const e = item.effect;
    /** Before every Slack write: still ours? (A stall longer than the lease lets another instance take over.) */
    const ours = async () => {
      if (!(await store.confirm(item.id))) throw new ClaimLost();
    };
    try {
      if (e.kind === 'post_thread_root') {
        if (await settledByLookUp(item, undefined)) return;
        await ours();
        const { ts } = await withDegrade(item, e.message, (message) =>
          slack.post({ channel: e.channelId, message, key: e.key }),
        );
        await store.markSent(item.id, ts);
        return;
      }
      if (e.kind === 'post_in_group_thread' || e.kind === 'upload_file') {
        const threadTs = e.group ? await store.groupRootTsOf(e.group) : null;
        if (e.group && !threadTs) {
          // due() sends a group's root first; no root now means the root failed for good.
          await store.markFailed(item.id, 'the thread has no root message');
          return;
        }
        if (e.kind === 'upload_file') {
          await ours();
          await slack.upload({
            channel: e.channelId,
            threadTs: threadTs ?? undefined,
            filename: e.file.filename,
            title: e.file.title,
            altText: e.file.altText,
            bytes: Buffer.from(e.file.contentBase64, 'base64'),
            initialComment: e.initialComment,
          });
          await store.markSent(item.id, null);
          return;
        }
        if (await settledByLookUp(item, threadTs ?? undefined)) return;
        await ours();
        const { ts } = await slack.post({
          channel: e.channelId,
          message: e.message,
          threadTs: threadTs ?? undefined,
          broadcast: e.broadcast,
          key: e.key,
        });
        await store.markSent(item.id, ts);
        return;
      }
      if (e.kind === 'post_root' || e.kind === 'post') {
        const threadTs = e.kind === 'post' ? e.threadTs : undefined;
        if (await settledByLookUp(item, threadTs)) return;
        await ours();
        const { ts } = await withDegrade(item, e.message, (message) =>
          slack.post({ channel: e.channelId, message, threadTs, key: e.key }),
        );
        await store.markSent(item.id, ts);
        return;
      }
      if (e.kind === 'update_message') {
        // The row that posted the target came earlier in this ticket's order: it is sent or failed by now.
        const ts = await store.tsOfKey(e.targetKey);
        if (!ts) {
          await store.markFailed(item.id, `the message to update (${e.targetKey}) was never posted`);
          return;
        }
        await withDegrade(item, e.message, (message) =>
          slack.update({
            channel: e.channelId,
            ts,
            message: { ...message, blocks: message.blocks ?? [], attachments: message.attachments ?? [] },
          }),
        );
        await store.markSent(item.id, ts);
        return;
      }
      const rootTs = await store.rootTsOf(e.ticketId);
      if (!rootTs) {
        // The root is posted before anything of its ticket (due() keeps order); no root means it failed.
        await store.markFailed(item.id, 'the ticket thread has no root message');
        return;
      }
      if (e.kind === 'post_in_thread') {
        if (await settledByLookUp(item, rootTs)) return;
        await ours();
        const { ts } = await withDegrade(item, e.message, (message) =>
          slack.post({ channel: e.channelId, message, threadTs: rootTs, broadcast: e.broadcast, key: e.key }),
        );
        await store.markSent(item.id, ts);
      } else {
        // A simpler form replaces the blocks and attachments too (chat.update keeps what it is not given).
        await withDegrade(item, e.message, (message) =>
          slack.update({
            channel: e.channelId,
            ts: rootTs,
            message: { ...message, blocks: message.blocks ?? [], attachments: message.attachments ?? [] },
          }),
        );
        await store.markSent(item.id, rootTs);
      }
    } catch (error) {
      if (error instanceof ClaimLost) {
        logger.warn('outbox item taken over by another instance during a stall; not sending it here', {
          id: item.id,
          key: e.key,
        });
        return;
      }
      const failure =
        error instanceof SlackWriteError
          ? error.failure
          : {
              kind: 'transient' as const,
              detail: String((error as Error)?.message ?? error),
              maybeDelivered: true,
            };
      if (failure.kind === 'permanent' || failure.kind === 'unreadable') {
        logger.error('outbox item failed permanently', { id: item.id, key: e.key, error: failure.detail });
        await store.markFailed(item.id, failure.detail);
      } else {
        const delay = failure.kind === 'rate_limited' ? failure.retryAfterMs : backoffMs(item.attempts);
        if (failure.kind === 'rate_limited') bucket(e.channelId).pausedUntil = now() + failure.retryAfterMs;
        logger.info('outbox item will be retried', {
          id: item.id,
          kind: failure.kind,
          inMs: delay,
          error: failure.detail,
        });
        // A row already in doubt stays in doubt (with its original time) until a look-up settles it.
        const inDoubt = item.lastError?.startsWith(MAYBE_POSTED) ?? false;
        const reason =
          (failure.kind === 'transient' && failure.maybeDelivered) || inDoubt
            ? maybePosted(inDoubt ? sinceOf(item).getTime() : now() - 60_000, failure.detail)
            : failure.detail;
        await store.reschedule(item.id, new Date(now() + delay), reason);
      }
    }
  }

  /**
   * Items a crashed process left in `sending`. Updates and uploads are simply repeated. Posts go back to
   * `pending` marked maybe-posted, with the time they were claimed: send() then asks Slack for the key
   * before it posts (find-or-post), with the worker's usual retries and backoff. Start-up itself makes no
   * Slack call here, so a Slack outage or an unreadable channel can never stop yorisoi from starting.
   */
  async function recoverInDoubt(): Promise<number> {
    lastRecovery = now();
    const at = new Date(now());
    let count = 0;
    for (const item of await store.inDoubt(at)) {
      if (claimed.has(item.id)) continue;
      const e = item.effect;
      const reason =
        e.kind === 'update_root' || e.kind === 'update_message'
          ? 'in doubt after a crash: update is safe to repeat'
          : e.kind === 'upload_file'
            ? // File messages carry no metadata to look for: a chart may be shared twice after a crash mid-upload.
              'in doubt after a crash: uploading the file again'
            : maybePosted(item.nextAttemptAt.getTime() - 60_000, 'in doubt after a crash');
      // Conditional: when two instances find the same dead claim, one takes it over.
      if (await store.takeOver(item.id, at, reason)) count++;
    }
    if (count > 0) logger.info('outbox items in doubt taken over', { count });
    return count;
  }

  async function tick(): Promise<number> {
    if (claimed.size > 0 && now() - lastRenew >= leaseMs / 3) {
      lastRenew = now();
      await store.renew([...claimed]);
    }
    if (now() - lastRecovery >= leaseMs / 2) await recoverInDoubt();
    // A window a few times the concurrency: enough to skip busy channels without reading the whole queue.
    const items = await store.due(new Date(now()), maxInFlight * 4);
    let nextWait = Math.min(1000, leaseMs / 3);
    for (const item of items) {
      if (inFlight >= maxInFlight) break;
      const b = bucket(item.effect.channelId);
      if (b.busy) continue;
      const wait = waitFor(b);
      if (wait > 0) {
        nextWait = Math.min(nextWait, wait);
        continue;
      }
      if (!(await store.claim(item.id))) continue;
      claimed.add(item.id);
      b.tokens -= 1;
      b.busy = true;
      inFlight++;
      const p = send({ ...item, attempts: item.attempts + 1 }).finally(() => {
        claimed.delete(item.id);
        b.busy = false;
        inFlight--;
        sends.delete(p);
        loop.wake();
      });
      sends.add(p);
    }
    if (items.length === 0) {
      const due = await store.nextDueAt();
      if (due) nextWait = Math.min(nextWait, Math.max(0, due.getTime() - now()));
    }
    return Math.max(5, nextWait);
  }

  const loop = createPollingLoop(tick, (error) => logger.error('outbox loop error', { error }));

  return {
    recoverInDoubt,
    async start() {
      if (loop.running) return;
      await recoverInDoubt();
      loop.start();
    },
    /** New work was enqueued: look now instead of at the next timer. */
    wake() {
      loop.wake();
    },
    async stop() {
      await loop.stop();
      await Promise.allSettled([...sends]);
    },
    /** Resolves when nothing is pending or sending (tests, the demo, benches). */
    async idle(timeoutMs = 60_000): Promise<boolean> {
      const until = now() + timeoutMs;
      while (now() < until) {
        const c = await store.counts();
        if (c.pending === 0 && c.sending === 0 && sends.size === 0) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
