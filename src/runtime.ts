import { HTTPReceiver } from '@slack/bolt';
import { createApp } from './app.ts';
import { createWebhookIntake } from './domain/intake/webhook-intake.ts';
import { createCareService, type ServiceUserIdSource } from './domain/care/care-service.ts';
import { createOutboxWorker } from './domain/outbox/outbox-worker.ts';
import type { Inbox } from './domain/tickets/ticket.ts';
import { createTicketSync } from './domain/tickets/ticket-sync.ts';
import { createHttpServer } from './http/http-server.ts';
import { toSlackLogger, type Logger } from './logger.ts';
import { createOutboxWebClient, createSlackWriter } from './slack/slack-writer.ts';
import { openDatabase } from './storage/database.ts';
import { createInboxStore } from './storage/inbox-store.ts';
import { createKeyValueStore } from './storage/key-value-store.ts';
import { createCareStore } from './storage/care-store.ts';
import { createOutboxStore } from './storage/outbox-store.ts';
import { createTicketStore } from './storage/ticket-store.ts';
import { createWebhookDeliveryStore } from './storage/webhook-delivery-store.ts';
import { createTicketThreadRenderer } from './views/ticket-thread.ts';
import { createZendeskCustomerDirectory } from './zendesk/customer-directory.ts';
import { createIncrementalPoller } from './zendesk/incremental-poller.ts';
import { createZendeskTicketGateway } from './zendesk/ticket-gateway.ts';
import { createWebhookHandler, WEBHOOK_PATH } from './zendesk/webhook-endpoint.ts';
import { createZendeskApi } from './zendesk/zendesk-client.ts';

/** Everything yorisoi needs to run, resolved (credentials real or pointing at the simulators). */
export interface RuntimeSettings {
  databaseUrl: string;
  port: number;
  slack: { mode: 'socket' | 'http'; botToken: string; appToken?: string; signingSecret: string; apiUrl?: string };
  zendesk: { apiUrl: string; email: string; apiToken: string; webhookSecret: string; agentUrl: string };
  inboxes?: Inbox[];
  pollSeconds: number;
  slackRate: { perSecond: number; burst: number };
  /** Where the service's own user id lives in Zendesk; default the user's external_id. */
  serviceUserId?: ServiceUserIdSource;
  logger: Logger;
}

/**
 * The composition of yorisoi: database, Zendesk, Slack, the webhook endpoint, the poller and the outbox.
 * `start()` migrates, listens and connects; `stop()` undoes it. Tests and the sandbox build it the same way.
 */
export async function createRuntime(settings: RuntimeSettings) {
  const { logger } = settings;
  const db = await openDatabase(settings.databaseUrl);
  const zendeskApi = createZendeskApi(settings.zendesk);
  const serviceUserId = settings.serviceUserId ?? { kind: 'external_id' as const };
  const gateway = createZendeskTicketGateway(zendeskApi, { serviceUserId });
  const outboxStore = createOutboxStore(db);
  const inboxStore = createInboxStore(db);
  const kv = createKeyValueStore(db);
  const ticketStore = createTicketStore(db);
  if (settings.inboxes) await inboxStore.replaceAll(settings.inboxes);

  const webClient = createOutboxWebClient(settings.slack.botToken, settings.slack.apiUrl, toSlackLogger(logger));
  const outbox = createOutboxWorker({
    store: outboxStore,
    slack: createSlackWriter(webClient),
    logger: logger.child({ component: 'outbox' }),
    perChannel: settings.slackRate,
  });
  const zendeskTicketUrl = (id: string) => `${settings.zendesk.agentUrl.replace(/\/$/, '')}/agent/tickets/${id}`;
  const background = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    background.add(p);
    p.finally(() => background.delete(p)).catch(() => undefined);
  };
  // Root refreshes after a chart change run in the background: a save never waits on Zendesk, and a merge
  // noticed inside one ticket's sync can queue that same ticket without waiting on itself.
  const care = createCareService({
    store: createCareStore(db),
    directory: createZendeskCustomerDirectory(zendeskApi),
    roots: {
      async refreshRoot(zendeskId, reason) {
        track(
          tickets.refreshRoot(zendeskId, reason).catch((error: unknown) => {
            logger.warn('root refresh failed', { zendeskId, error });
          }),
        );
      },
    },
    serviceUserId,
    zendeskTicketUrl,
    logger: logger.child({ component: 'care' }),
  });
  const sync = createTicketSync({
    source: gateway,
    store: ticketStore,
    renderer: createTicketThreadRenderer({ careContext: (t) => care.contextFor(t) }),
    zendeskTicketUrl,
    logger: logger.child({ component: 'ticket-sync' }),
    requesters: care,
  });
  // Anything that enqueued Slack writes wakes the outbox at once instead of at its next timer.
  const tickets = {
    async sync(id: string) {
      const r = await sync.sync(id);
      if (r.effects > 0) outbox.wake();
      return r;
    },
    async syncIfChanged(id: string, updatedAt: Date) {
      const r = await sync.syncIfChanged(id, updatedAt);
      if (r && r.effects > 0) outbox.wake();
      return r;
    },
    async refreshRoot(id: string, reason: string) {
      const r = await sync.refreshRoot(id, reason);
      if (r.effects > 0) outbox.wake();
      return r;
    },
  };
  const intake = createWebhookIntake({ deliveries: createWebhookDeliveryStore(db), tickets, logger: logger.child({ component: 'intake' }) });
  const poller = createIncrementalPoller({ gateway, tickets, kv, logger: logger.child({ component: 'poller' }) });

  const receiver =
    settings.slack.mode === 'http'
      ? new HTTPReceiver({ signingSecret: settings.slack.signingSecret, endpoints: '/slack/events', logger: toSlackLogger(logger) as never })
      : undefined;
  const app = createApp(
    {
      botToken: settings.slack.botToken,
      appToken: settings.slack.mode === 'socket' ? settings.slack.appToken : undefined,
      receiver,
      slackApiUrl: settings.slack.apiUrl,
    },
    {
      logger,
      care,
      async status() {
        const [inboxes, count, queue] = await Promise.all([inboxStore.list(), db.ticket.count(), outboxStore.counts()]);
        return { inboxes, tickets: count, outbox: queue };
      },
    },
  );

  const http = createHttpServer(
    {
      [WEBHOOK_PATH]: createWebhookHandler({
        secret: settings.zendesk.webhookSecret,
        intake,
        logger: logger.child({ component: 'webhook' }),
        onProcessed: track,
      }),
      '/healthz': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      },
      ...(receiver ? { '/slack/events': receiver.requestListener } : {}),
    },
    logger,
  );

  let pollTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let polling: Promise<void> = Promise.resolve();
  const pollAndRetry = async () => {
    try {
      await intake.retryUnprocessed(new Date());
      await poller.pollOnce();
    } catch (error) {
      logger.warn('poll failed; will try again', { error });
    }
  };

  return {
    db,
    app,
    outbox,
    poller,
    intake,
    tickets,
    inboxStore,
    care,
    zendeskApi,
    http,
    /** Starts listening; returns the base URL of yorisoi's HTTP endpoint. */
    async start(): Promise<string> {
      const url = await http.listen(settings.port);
      if (settings.slack.mode === 'socket') await app.start();
      await outbox.start();
      const schedule = () => {
        if (stopped) return;
        pollTimer = setTimeout(() => {
          polling = pollAndRetry().finally(schedule);
        }, settings.pollSeconds * 1000);
      };
      polling = pollAndRetry().finally(schedule);
      logger.info('yorisoi started', { url, slackMode: settings.slack.mode });
      return url;
    },
    /** Finishes accepted work (webhook processing), then stops everything. */
    async stop() {
      stopped = true;
      clearTimeout(pollTimer);
      await polling.catch(() => undefined);
      await Promise.allSettled([...background]);
      clearTimeout(pollTimer);
      await http.close();
      if (settings.slack.mode === 'socket') await app.stop().catch(() => undefined);
      await outbox.stop();
      await db.$disconnect();
    },
    /** Waits until accepted webhooks are processed and the outbox is empty (tests, demo, benches). */
    async settle(timeoutMs = 60_000) {
      await Promise.allSettled([...background]);
      return outbox.idle(timeoutMs);
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
