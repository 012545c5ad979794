import type { RateWindowStore } from '../domain/ports.ts';
import { YorisoiError } from '../errors.ts';
import { type ZendeskApi, ZendeskHttpError } from './zendesk-client.ts';

const WINDOW_MS = 60_000;
/** After a ticket read had to wait, background reads stand back this long (the burst is on). */
const CONTENDED_MS = 2 * 60_000;
/** Background reads (prior tickets, identities) only use this part of yorisoi's share of a window. */
const BACKGROUND_PART = 0.5;
/** A GET answered 429 is tried again after Retry-After at most this often. */
const MAX_RATE_LIMITED_RETRIES = 3;

export interface ZendeskBudgetOptions {
  store: RateWindowStore;
  /** The Zendesk account (subdomain): instances of one account share one budget. */
  account: string;
  /** The plan's limit in requests per minute (Team 200, Growth/Professional 400, Enterprise 700). */
  planPerMinute: number;
  /** The part of the plan's limit yorisoi may use (0–1); the rest is left for people and other integrations. */
  share: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type ZendeskPriority = 'ticket' | 'background';

/** A background read the budget has no room for now: the caller falls back (local data) and says nothing. */
export const budgetDeferred = () => new YorisoiError('zendesk_budget_deferred');

/**
 * One request budget per Zendesk account across every instance: yorisoi counts its requests per minute in
 * the database and waits when its share is used; a 429 pauses every instance for Retry-After; background
 * reads (identities, prior tickets) only run while no ticket read has had to wait.
 */
export function createZendeskBudget(options: ZendeskBudgetOptions) {
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const limit = Math.max(1, Math.floor(options.planPerMinute * options.share));
  const backgroundLimit = Math.max(1, Math.floor(limit * BACKGROUND_PART));
  const { store, account } = options;

  return {
    limitPerMinute: limit,
    /** Waits until the budget allows one request; a background request answers false instead of waiting. */
    async acquire(priority: ZendeskPriority): Promise<boolean> {
      for (;;) {
        const now = clock();
        const windowStart = Math.floor(now / WINDOW_MS) * WINDOW_MS;
        const take = await store.take(
          account,
          new Date(windowStart),
          priority === 'background' ? backgroundLimit : limit,
          new Date(now),
          priority === 'background',
        );
        if (take.ok) return true;
        if (priority === 'background') return false;
        const pausedUntil = take.pausedUntil?.getTime() ?? 0;
        if (pausedUntil <= now) await store.markContended(account, new Date(now + CONTENDED_MS));
        const until = pausedUntil > now ? pausedUntil : windowStart + WINDOW_MS;
        // A little jitter so waiting instances do not all ask at the same millisecond.
        await sleep(until - now + Math.floor(Math.random() * 250));
      }
    },
    /** Zendesk answered 429: every instance waits for Retry-After (60 s when Zendesk gave none). */
    async rateLimited(retryAfterSeconds: number | null) {
      const now = clock();
      await store.pause(account, new Date(now + (retryAfterSeconds ?? 60) * 1000));
      await store.markContended(account, new Date(now + CONTENDED_MS));
    },
  };
}

export type ZendeskBudget = ReturnType<typeof createZendeskBudget>;

/**
 * The Zendesk API behind the budget: every request first takes its place in the shared budget; a GET that
 * meets a 429 waits for Retry-After (all instances do) and is tried again; writes are never repeated here
 * (their callers know whether a retry is safe).
 */
export function withBudget(api: ZendeskApi, budget: ZendeskBudget): ZendeskApi {
  return {
    async call(method, path, schema, body, options = {}) {
      const priority = options.priority ?? 'ticket';
      for (let attempt = 0; ; attempt++) {
        if (!(await budget.acquire(priority))) throw budgetDeferred();
        try {
          return await api.call(method, path, schema, body, options);
        } catch (error) {
          if (!(error instanceof ZendeskHttpError) || error.status !== 429) throw error;
          await budget.rateLimited(error.retryAfterSeconds);
          if (method !== 'GET' || priority === 'background' || attempt >= MAX_RATE_LIMITED_RETRIES)
            throw error;
        }
      }
    },
  };
}
