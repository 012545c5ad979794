import { HTTPReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { createApp } from './app.ts';
import { createTemplateEditorPolicy } from './domain/templates/template-editors.ts';
import { openTemplateCatalog } from './template-catalog-factory.ts';
import { createWebhookIntake } from './domain/intake/webhook-intake.ts';
import { createOutboxWorker } from './domain/outbox/outbox-worker.ts';
import type { Inbox } from './domain/tickets/ticket.ts';
import { createTicketSync } from './domain/tickets/ticket-sync.ts';
import { createHttpServer } from './http/http-server.ts';
import { toSlackLogger, type Logger } from './logger.ts';
import { createOutboxWebClient, createSlackWriter } from './slack/slack-writer.ts';
import { openDatabase } from './storage/database.ts';
import { createInboxStore } from './storage/inbox-store.ts';
import { createKeyValueStore } from './storage/key-value-store.ts';
import { createOutboxStore } from './storage/outbox-store.ts';
import { createTicketStore } from './storage/ticket-store.ts';
import { createWebhookDeliveryStore } from './storage/webhook-delivery-store.ts';
import { ticketThreadRenderer } from './views/ticket-thread.ts';
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
  /** Slack user / user group ids allowed to change templates from Slack. */
  templateEditors?: string[];
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
  const gateway = createZendeskTicketGateway(zendeskApi);
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
  const sync = createTicketSync({
    source: gateway,
    store: ticketStore,
    renderer: ticketThreadRenderer,
    zendeskTicketUrl: (id) => `${settings.zendesk.agentUrl.replace(/\/$/, '')}/agent/tickets/${id}`,
    logger: logger.child({ component: 'ticket-sync' }),
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
  };
  const intake = createWebhookIntake({ deliveries: createWebhookDeliveryStore(db), tickets, logger: logger.child({ component: 'intake' }) });
  const poller = createIncrementalPoller({ gateway, tickets, kv, logger: logger.child({ component: 'poller' }) });

  // Reply templates: SQLite is the truth, the search index is loaded (snapshot) or rebuilt at start.
  const templateCatalog = openTemplateCatalog({ db, databaseUrl: settings.databaseUrl, logger });
  const slackApi = new WebClient(settings.slack.botToken, { ...(settings.slack.apiUrl ? { slackApiUrl: settings.slack.apiUrl } : {}), logger: toSlackLogger(logger) as never });
  const templateEditors = createTemplateEditorPolicy({
    editors: settings.templateEditors ?? [],
    groupMembers: async (usergroup) => (await slackApi.usergroups.users.list({ usergroup })).users ?? [],
    logger: logger.child({ component: 'template-editors' }),
  });
  const templates = {
    catalog: templateCatalog,
    editors: templateEditors,
    async ticketText(zendeskId: string) {
      const t = await db.ticket.findUnique({ where: { zendeskId }, include: { requester: true } });
      if (!t) return null;
      const first = await db.ticketComment.findFirst({
        where: { ticketId: t.id, authorZendeskId: t.requester.zendeskUserId },
        orderBy: { zendeskCreatedAt: 'asc' },
      });
      return first ? `${t.subject}\n${first.body}` : t.subject;
    },
  };

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
      async status() {
        const [inboxes, count, queue] = await Promise.all([inboxStore.list(), db.ticket.count(), outboxStore.counts()]);
        return { inboxes, tickets: count, outbox: queue };
      },
      templates,
    },
  );

  const background = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    background.add(p);
    p.finally(() => background.delete(p)).catch(() => undefined);
  };
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
  let snapshotTimer: NodeJS.Timeout | undefined;
  const saveTemplateSnapshot = () =>
    templateCatalog.saveSnapshot().catch((error: unknown) => logger.warn('could not write the template index snapshot', { error }));
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
    zendeskApi,
    http,
    templates: templateCatalog,
    /** Starts listening; returns the base URL of yorisoi's HTTP endpoint. */
    async start(): Promise<string> {
      const url = await http.listen(settings.port);
      // Loading the template index takes ~1 s (kuromoji) plus the snapshot or a rebuild: in the background,
      // listeners wait for it. The snapshot is rewritten every 5 minutes when templates changed, and at stop.
      templateCatalog.ready().catch((error: unknown) => logger.error('template index failed to load', { error }));
      snapshotTimer = setInterval(saveTemplateSnapshot, 5 * 60_000);
      snapshotTimer.unref();
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
      clearInterval(snapshotTimer);
      await polling.catch(() => undefined);
      await Promise.allSettled([...background]);
      clearTimeout(pollTimer);
      await http.close();
      if (settings.slack.mode === 'socket') await app.stop().catch(() => undefined);
      await outbox.stop();
      await templateCatalog.idle();
      await saveTemplateSnapshot();
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
