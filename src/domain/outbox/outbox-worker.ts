import type { Logger } from '../../logger.ts';
import { createPollingLoop } from '../polling-loop.ts';
import type { OutboxItem } from './outbox.ts';
import { type OutboxStore, SlackWriteError, type SlackWriter } from './ports.ts';

export interface OutboxWorkerOptions {
  store: OutboxStore;
  slack: SlackWriter;
  logger: Logger;
  /** Slack allows about one message per second per channel, with short bursts. */
  perChannel: { perSecond: number; burst: number };
  maxInFlight?: number;
  now?: () => number;
}

const MAYBE_POSTED = 'maybe-posted:';

interface Bucket {
  tokens: number;
  updatedAt: number;
  pausedUntil: number;
  busy: boolean;
}

/**
 * Sends the outbox to Slack: every item exactly once, in order per ticket, at most `perChannel` per channel,
 * honouring Retry-After, backing off on errors without ever dropping an item. Items found in `sending` at
 * start are in doubt (the process died mid-call): Slack is asked whether the message exists before resending.
 */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { store, slack, logger } = options;
  const now = options.now ?? Date.now;
  const maxInFlight = options.maxInFlight ?? 16;
  const buckets = new Map<string, Bucket>();
  let inFlight = 0;
  const sends = new Set<Promise<void>>();

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

  /**
   * A post that timed out or lost its connection may have reached Slack anyway; before trying again, ask
   * Slack (by the metadata key) so the retry cannot double it. 429s and Slack's own errors did not post.
   */
  async function alreadyPosted(item: OutboxItem, threadTs: string | undefined): Promise<string | null> {
    if (!item.lastError?.startsWith(MAYBE_POSTED)) return null;
    const e = item.effect;
    return slack.findPosted({
      channel: e.channelId,
      key: e.key,
      threadTs,
      since: new Date(item.nextAttemptAt.getTime() - 10 * 60_000),
    });
  }

  async function send(item: OutboxItem): Promise<void> {
    const e = item.effect;
    try {
      if (e.kind === 'post_thread_root') {
        const found = await alreadyPosted(item, undefined);
        if (found) {
          await store.markSent(item.id, found);
          return;
        }
        const { ts } = await slack.post({ channel: e.channelId, message: e.message, key: e.key });
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
        const found = await alreadyPosted(item, threadTs ?? undefined);
        if (found) {
          await store.markSent(item.id, found);
          return;
        }
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
        const found = await alreadyPosted(item, threadTs);
        if (found) {
          await store.markSent(item.id, found);
          return;
        }
        const { ts } = await slack.post({ channel: e.channelId, message: e.message, threadTs, key: e.key });
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
        const found = await alreadyPosted(item, rootTs);
        if (found) {
          await store.markSent(item.id, found);
          return;
        }
        const { ts } = await slack.post({
          channel: e.channelId,
          message: e.message,
          threadTs: rootTs,
          broadcast: e.broadcast,
          key: e.key,
        });
        await store.markSent(item.id, ts);
      } else {
        await slack.update({ channel: e.channelId, ts: rootTs, message: e.message });
        await store.markSent(item.id, rootTs);
      }
    } catch (error) {
      const failure =
        error instanceof SlackWriteError
          ? error.failure
          : {
              kind: 'transient' as const,
              detail: String((error as Error)?.message ?? error),
              maybeDelivered: true,
            };
      if (failure.kind === 'permanent') {
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
        const reason =
          failure.kind === 'transient' && failure.maybeDelivered
            ? `${MAYBE_POSTED} ${failure.detail}`
            : failure.detail;
        await store.reschedule(item.id, new Date(now() + delay), reason);
      }
    }
  }

  /** Settles items a crashed process left in `sending`, asking Slack whether they were posted. */
  async function recoverInDoubt(): Promise<number> {
    const items = await store.inDoubt();
    for (const item of items) {
      const e = item.effect;
      for (let attempt = 0; ; attempt++) {
        try {
          if (e.kind === 'update_root') {
            await store.reschedule(
              item.id,
              new Date(now()),
              'in doubt after restart: update is safe to repeat',
            );
            break;
          }
          if (e.kind === 'upload_file') {
            // File messages carry no metadata to look for: a chart may be shared twice after a crash mid-upload.
            await store.reschedule(
              item.id,
              new Date(now()),
              'in doubt after restart: uploading the file again',
            );
            break;
          }
          const threadTs =
            e.kind === 'post_in_thread'
              ? ((await store.rootTsOf(e.ticketId)) ?? undefined)
              : e.kind === 'post_in_group_thread'
                ? ((await store.groupRootTsOf(e.group)) ?? undefined)
                : e.kind === 'post'
                  ? e.threadTs
                  : undefined;
          const ts = await slack.findPosted({
            channel: e.channelId,
            key: e.key,
            threadTs,
            since: new Date(item.nextAttemptAt.getTime() - 60_000),
          });
          if (ts) await store.markSent(item.id, ts);
          else
            await store.reschedule(
              item.id,
              new Date(now()),
              'in doubt after restart: not found in Slack, resending',
            );
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((r) => setTimeout(r, backoffMs(attempt)));
        }
      }
    }
    return items.length;
  }

  async function tick(): Promise<number> {
    // A window a few times the concurrency: enough to skip busy channels without reading the whole queue.
    const items = await store.due(new Date(now()), maxInFlight * 4);
    let nextWait = 1000;
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
      b.tokens -= 1;
      b.busy = true;
      inFlight++;
      const p = send({ ...item, attempts: item.attempts + 1 }).finally(() => {
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
