import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { WebClient } from '@slack/web-api';
import { createOutboxWorker } from '../domain/outbox/outbox-worker.ts';
import type { OutboxStore } from '../domain/outbox/ports.ts';
import type { Leases } from '../domain/ports.ts';
import type { Locale } from '../i18n/index.ts';
import { type Logger, toSlackLogger } from '../logger.ts';
import { createReaderLocale, type ReaderLocale } from '../slack/reader-locale.ts';
import { createOutboxWebClient, createSlackWriter } from '../slack/slack-writer.ts';
import { type Db, openDatabase } from '../storage/database.ts';
import { createLeases } from '../storage/lease-store.ts';
import { createOutboxStore } from '../storage/outbox-store.ts';
import { createRateWindowStore } from '../storage/zendesk-budget-store.ts';
import { createZendeskBudget, withBudget } from '../zendesk/rate-budget.ts';
import { createZendeskApi, type ZendeskApi } from '../zendesk/zendesk-client.ts';
import { createScheduler, type Scheduler } from './scheduler.ts';
import type { RuntimeSettings } from './settings.ts';

/**
 * What every feature shares: the database, the Slack and Zendesk clients, the logger, the clock, the one
 * scheduler, the outbox (every Slack write goes through it) and the set of background jobs `stop()` and
 * `settle()` wait for. Built once per runtime by `createPlatform`.
 */
export interface Platform {
  settings: RuntimeSettings;
  db: Db;
  logger: Logger;
  /** The clock of volume alerts, digests and voices (tests and the demo move it). */
  clock: () => Date;
  tzOffsetMinutes: number;
  /** The workspace's language (channel posts). */
  locale: Locale;
  /** One Slack user's language (users.info include_locale, cached); the workspace's when unknown. */
  readerLocale: ReaderLocale;
  scheduler: Scheduler;
  /**
   * Leases shared by every instance on the database. `leases.runExclusive(name, fn)` runs `fn` in one
   * instance at a time; scheduler jobs take one with `{ exclusive: true }`. `leases.holder` names this
   * instance in claimed rows (outbox, replies).
   */
  leases: Leases;
  slack: {
    /** No built-in retries: the outbox decides (rate limits, backoff). Also reads users (users.info). */
    writer: WebClient;
    /** Ordinary calls with the client's retries (user groups). */
    api: WebClient;
  };
  zendesk: ZendeskApi;
  zendeskTicketUrl(zendeskId: string): string;
  outbox: ReturnType<typeof createOutboxWorker>;
  /** Outbox rows per state (`/yorisoi status`). */
  outboxCounts(): ReturnType<OutboxStore['counts']>;
  /** Work started in the background (root refreshes, a sync after a send) that stop and settle wait for. */
  background: { track(p: Promise<unknown>): void; settled(): Promise<unknown> };
}

export async function createPlatform(settings: RuntimeSettings): Promise<Platform> {
  const { logger } = settings;
  const db = await openDatabase(settings.databaseUrl);
  const slackLogger = toSlackLogger(logger);
  const writer = createOutboxWebClient(settings.slack.botToken, settings.slack.apiUrl, slackLogger);
  const api = new WebClient(settings.slack.botToken, {
    ...(settings.slack.apiUrl ? { slackApiUrl: settings.slack.apiUrl } : {}),
    logger: slackLogger,
  });
  const locale = settings.locale ?? 'ja';
  const leaseMs = (settings.leaseSeconds ?? 30) * 1000;
  const leases = createLeases(db, {
    holder: instanceIdOf(settings),
    ttlMs: leaseMs,
    onLost: (name) => logger.warn('lost a lease while running its job', { lease: name }),
  });
  const outboxStore = createOutboxStore(db, { instanceId: leases.holder, leaseMs });
  const outbox = createOutboxWorker({
    store: outboxStore,
    slack: createSlackWriter(writer),
    logger: logger.child({ component: 'outbox' }),
    perChannel: settings.slackRate,
    leaseMs,
  });
  const jobs = new Set<Promise<unknown>>();
  const agentUrl = settings.zendesk.agentUrl.replace(/\/$/, '');
  return {
    settings,
    db,
    logger,
    clock: settings.clock ?? (() => new Date()),
    tzOffsetMinutes: settings.tzOffsetMinutes ?? 0,
    locale,
    readerLocale: createReaderLocale(api, locale),
    scheduler: createScheduler(
      (name, error) => logger.warn(`${name} failed; will try again`, { error }),
      leases,
    ),
    leases,
    slack: { writer, api },
    zendesk: zendeskApiOf(settings, db),
    zendeskTicketUrl: (id) => `${agentUrl}/agent/tickets/${id}`,
    outbox,
    outboxCounts: () => outboxStore.counts(),
    background: {
      track(p) {
        jobs.add(p);
        p.finally(() => jobs.delete(p)).catch(() => undefined);
      },
      settled: () => Promise.allSettled([...jobs]),
    },
  };
}

/** The Zendesk API, behind the account's shared request budget when one is configured. */
function zendeskApiOf(settings: RuntimeSettings, db: Db): ZendeskApi {
  const api = createZendeskApi(settings.zendesk);
  const budget = settings.zendesk.budget;
  if (!budget) return api;
  return withBudget(
    api,
    createZendeskBudget({
      store: createRateWindowStore(db),
      account: new URL(settings.zendesk.apiUrl).host,
      planPerMinute: budget.planPerMinute,
      share: budget.share,
    }),
  );
}

/**
 * This instance's name in leases: YORISOI_INSTANCE_ID, else `<hostname>:<port>` — the same after a restart
 * in the same place, so a restarted instance recovers its own in-doubt work at once instead of after the
 * lease. A random port (0, tests) gets a random suffix.
 */
function instanceIdOf(settings: RuntimeSettings): string {
  if (settings.instanceId) return settings.instanceId;
  const slot = settings.port === 0 ? `0-${randomBytes(4).toString('hex')}` : String(settings.port);
  return `${hostname()}:${slot}`;
}
