import { HTTPReceiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { createApp } from './app.ts';
import { pngChartRenderer } from './charts/volume-chart.ts';
import { createCareService, type ServiceUserIdSource } from './domain/care/care-service.ts';
import { createAgentMapper } from './domain/drafting/agent-mapping.ts';
import { createTagApprovalPolicy } from './domain/drafting/approval-policy.ts';
import { createDraftingService } from './domain/drafting/drafting-service.ts';
import type { SecondApprovalPolicy } from './domain/drafting/ports.ts';
import { createReplySender, createSnoozeWatcher } from './domain/drafting/reply-sender.ts';
import type { TemplateLookup } from './domain/drafting/template-lookup.ts';
import { createWebhookIntake } from './domain/intake/webhook-intake.ts';
import { createOutboxWorker } from './domain/outbox/outbox-worker.ts';
import { createTemplateEditorPolicy } from './domain/templates/template-editors.ts';
import type { Inbox } from './domain/tickets/ticket.ts';
import { createTicketSync } from './domain/tickets/ticket-sync.ts';
import { maskPersonalData, namesToMask } from './domain/voice/mask.ts';
import { createVoiceService } from './domain/voice/voice-service.ts';
import { createAlertService } from './domain/volume/alert-service.ts';
import type { AlertRule } from './domain/volume/volume.ts';
import { createVolumeQueries } from './domain/volume/volume-queries.ts';
import { createHttpServer } from './http/http-server.ts';
import { type Logger, toSlackLogger } from './logger.ts';
import { createSlackUserLookup } from './slack/slack-directory.ts';
import { createOutboxWebClient, createSlackWriter } from './slack/slack-writer.ts';
import { createCareStore } from './storage/care-store.ts';
import { openDatabase } from './storage/database.ts';
import { createAgentMappingStore, createDraftStore } from './storage/draft-store.ts';
import { createInboxStore } from './storage/inbox-store.ts';
import { createKeyValueStore } from './storage/key-value-store.ts';
import { createOutboxStore, enqueueEffect } from './storage/outbox-store.ts';
import { createTicketStore } from './storage/ticket-store.ts';
import { createVoiceStore } from './storage/voice-store.ts';
import { createVolumeStore } from './storage/volume-store.ts';
import { createWebhookDeliveryStore } from './storage/webhook-delivery-store.ts';
import { openTemplateCatalog } from './template-catalog-factory.ts';
import { draftThreadRenderer } from './views/draft-thread.ts';
import { createTicketThreadRenderer } from './views/ticket-thread.ts';
import { buildFollowUpNote, buildFollowUpRequest, buildVoiceDigest, voiceRenderer } from './views/voice.ts';
import { alertRenderer } from './views/volume.ts';
import { createZendeskCustomerDirectory } from './zendesk/customer-directory.ts';
import { createIncrementalPoller } from './zendesk/incremental-poller.ts';
import { createZendeskAgentLookup, createZendeskReplyGateway } from './zendesk/reply-gateway.ts';
import { createZendeskTicketGateway } from './zendesk/ticket-gateway.ts';
import { createWebhookHandler, WEBHOOK_PATH } from './zendesk/webhook-endpoint.ts';
import { createZendeskApi } from './zendesk/zendesk-client.ts';

/** Everything yorisoi needs to run, resolved (credentials real or pointing at the simulators). */
export interface RuntimeSettings {
  databaseUrl: string;
  port: number;
  slack: {
    mode: 'socket' | 'http';
    botToken: string;
    appToken?: string;
    signingSecret: string;
    apiUrl?: string;
  };
  zendesk: {
    apiUrl: string;
    email: string;
    apiToken: string;
    webhookSecret: string;
    agentUrl: string;
    /** ZENDESK_TIMEOUT_SECONDS (default 15). */
    timeoutSeconds?: number;
  };
  inboxes?: Inbox[];
  pollSeconds: number;
  slackRate: { perSecond: number; burst: number };
  /** Where the service's own user id lives in Zendesk; default the user's external_id. */
  serviceUserId?: ServiceUserIdSource;
  /** Slack user / user group ids allowed to change templates from Slack. */
  templateEditors?: string[];
  logger: Logger;
  drafting?: DraftingSettings;
  /** Volume alert rules (none: counts and charts only). */
  alertRules?: AlertRule[];
  /** How often alert rules and daily digests are checked (default 60 s); new tickets also trigger a check. */
  alertEvaluateSeconds?: number;
  /** Names masked in every voice, besides each ticket's requester. */
  voiceMaskNames?: string[];
  /** Local time zone of the team as a UTC offset: days of digests, charts and the App Home. */
  tzOffsetMinutes?: number;
  /** The clock of volume alerts and digests (tests drive it). */
  clock?: () => Date;
}

/** A baseline rule and a fixed ceiling on all tickets, posting to `channelId`. */
export function defaultAlertRules(channelId: string, thresholdPerHour = 30): AlertRule[] {
  return [
    {
      id: 'all-baseline',
      scope: 'all',
      channelId,
      kind: 'baseline',
      windowMinutes: 60,
      weeks: 4,
      factor: 2,
      minExcess: 8,
      minCount: 10,
    },
    {
      id: 'all-threshold',
      scope: 'all',
      channelId,
      kind: 'threshold',
      windowMinutes: 60,
      threshold: thresholdPerHour,
    },
  ];
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

  const webClient = createOutboxWebClient(
    settings.slack.botToken,
    settings.slack.apiUrl,
    toSlackLogger(logger),
  );
  const outbox = createOutboxWorker({
    store: outboxStore,
    slack: createSlackWriter(webClient),
    logger: logger.child({ component: 'outbox' }),
    perChannel: settings.slackRate,
  });
  const zendeskTicketUrl = (id: string) =>
    `${settings.zendesk.agentUrl.replace(/\/$/, '')}/agent/tickets/${id}`;
  const clock = settings.clock ?? (() => new Date());
  const tzOffsetMinutes = settings.tzOffsetMinutes ?? 0;
  const voiceStore = createVoiceStore(db);
  const volumeStore = createVolumeStore(db);
  const maskNames = settings.voiceMaskNames ?? [];
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
    voice: {
      activeSubscriptions: () => voiceStore.activeSubscriptions(),
      threadChannels: (id) => voiceStore.threadChannels(id),
      renderer: voiceRenderer,
      maskNames,
    },
  });
  const alerts = createAlertService({
    rules: settings.alertRules ?? [],
    store: volumeStore,
    chart: pngChartRenderer,
    renderer: alertRenderer,
    clock,
    tzOffsetMinutes,
    maskSubject: (subject) => maskPersonalData(subject, { names: namesToMask(maskNames) }),
    zendeskTicketUrl,
    logger: logger.child({ component: 'alerts' }),
  });
  const voice = createVoiceService({
    store: voiceStore,
    tickets: {
      async threadOf(zendeskId) {
        const t = await db.ticket.findUnique({
          where: { zendeskId },
          select: { id: true, channelId: true, subject: true },
        });
        return t ? { ticketId: t.id, channelId: t.channelId, subject: t.subject } : null;
      },
    },
    queue: {
      async enqueue(effects) {
        let added = 0;
        await db.$transaction(async (tx) => {
          for (const e of effects) if (await enqueueEffect(tx, e)) added++;
        });
        if (added > 0) outbox.wake();
        return added;
      },
      async has(key) {
        return (await db.outboxMessage.count({ where: { idempotencyKey: key } })) > 0;
      },
    },
    renderer: {
      digest: buildVoiceDigest,
      followUpRequest: buildFollowUpRequest,
      followUpNote: buildFollowUpNote,
    },
    clock,
    tzOffsetMinutes,
    zendeskTicketUrl,
  });
  const volume = createVolumeQueries({
    store: volumeStore,
    alerts,
    inboxes: () => inboxStore.list(),
    clock,
    tzOffsetMinutes,
  });
  // Alerts and digests are checked on a timer and right after new tickets arrive; checks never overlap.
  let checking: Promise<void> | null = null;
  let checkAgain = false;
  const checkVolume = (): Promise<void> => {
    if (checking) {
      checkAgain = true;
      return checking;
    }
    checking = (async () => {
      do {
        checkAgain = false;
        try {
          const outcomes = await alerts.evaluate();
          await voice.postDueDigests();
          if (outcomes.some((o) => o.outcome !== 'none')) outbox.wake();
        } catch (error) {
          logger.warn('volume check failed; will try again', { error });
        }
      } while (checkAgain);
    })().finally(() => {
      checking = null;
    });
    return checking;
  };
  // Anything that enqueued Slack writes wakes the outbox at once instead of at its next timer.
  const tickets = {
    async sync(id: string) {
      const r = await sync.sync(id);
      if (r.effects > 0) outbox.wake();
      if (r.created) void checkVolume();
      return r;
    },
    async syncIfChanged(id: string, updatedAt: Date) {
      const r = await sync.syncIfChanged(id, updatedAt);
      if (r && r.effects > 0) outbox.wake();
      if (r?.created) void checkVolume();
      return r;
    },
    async refreshRoot(id: string, reason: string) {
      const r = await sync.refreshRoot(id, reason);
      if (r.effects > 0) outbox.wake();
      return r;
    },
  };
  // Drafting: drafts, approvals, the reply sender (Zendesk, exactly once) and snoozes.
  // The editor searches the template catalog (created below; only called once the app runs).
  const catalogTemplates: TemplateLookup = {
    async search(query, limit) {
      const hits = await templateCatalog.search(query, { limit });
      const found = await Promise.all(hits.map((h) => templateCatalog.get(h.id)));
      return found.flatMap((t) =>
        t && !t.deletedAt ? [{ id: t.id, title: t.title, body: t.body, path: t.path }] : [],
      );
    },
    async get(id) {
      const t = await templateCatalog.get(id);
      return t && !t.deletedAt ? { id: t.id, title: t.title, body: t.body, path: t.path } : null;
    },
  };
  // A customer whose care chart is flagged needs a second agent's approval (so do tickets tagged so).
  const careStore = createCareStore(db);
  const tagPolicy = createTagApprovalPolicy();
  const careApprovalPolicy: SecondApprovalPolicy = {
    async requiresSecondApproval(ticket) {
      let customer = await careStore.customerByZendeskUserId(ticket.requester.zendeskUserId);
      for (let hops = 0; customer?.mergedIntoId && hops < 5; hops++)
        customer = await careStore.customerById(customer.mergedIntoId);
      const chart = customer ? await careStore.chartOf(customer.id) : null;
      if (chart?.flagged)
        return {
          required: true,
          reason: chart.flagReason ? `care chart: ${chart.flagReason}` : 'flagged in the care chart',
        };
      return tagPolicy.requiresSecondApproval(ticket);
    },
  };
  const draftStore = createDraftStore(db);
  const slackUsers = createSlackUserLookup(webClient);
  const agents = createAgentMapper({
    directory: { ...slackUsers, ...createZendeskAgentLookup(zendeskApi) },
    store: createAgentMappingStore(db),
    supportGroup: settings.drafting?.supportGroup ?? null,
  });
  const replyGateway = createZendeskReplyGateway(zendeskApi);
  const undoSeconds = settings.drafting?.undoSeconds ?? 10;
  let wakeSender = () => {};
  const drafting = createDraftingService({
    store: draftStore,
    agents,
    templates: settings.drafting?.templates ?? catalogTemplates,
    approvalPolicy: settings.drafting?.approvalPolicy ?? careApprovalPolicy,
    gateway: replyGateway,
    renderer: draftThreadRenderer,
    undoSeconds,
    clock: () => new Date(),
    logger: logger.child({ component: 'drafting' }),
    wake: () => {
      outbox.wake();
      wakeSender();
    },
  });
  const replySender = createReplySender({
    store: draftStore,
    gateway: replyGateway,
    renderer: draftThreadRenderer,
    logger: logger.child({ component: 'reply-sender' }),
    clock: () => new Date(),
    slackName: (id) => slackUsers.slackName(id),
    onEffects: () => outbox.wake(),
    // The reply changed the ticket (status, comment): re-read it so the root message shows it.
    onSent: (zendeskId) => {
      track(
        tickets.sync(zendeskId).catch((error) => logger.warn('sync after send failed', { zendeskId, error })),
      );
    },
    maxAttempts: settings.drafting?.sendRetry?.maxAttempts,
    backoffMs: settings.drafting?.sendRetry?.backoffMs,
  });
  wakeSender = () => replySender.wake();
  const snoozes = createSnoozeWatcher({
    store: draftStore,
    renderer: draftThreadRenderer,
    clock: () => new Date(),
    logger: logger.child({ component: 'snooze' }),
    onEffects: () => outbox.wake(),
  });

  const intake = createWebhookIntake({
    deliveries: createWebhookDeliveryStore(db),
    tickets,
    logger: logger.child({ component: 'intake' }),
  });
  const poller = createIncrementalPoller({
    gateway,
    tickets,
    kv,
    logger: logger.child({ component: 'poller' }),
  });

  // Reply templates: SQLite is the truth, the search index is loaded (snapshot) or rebuilt at start.
  const templateCatalog = openTemplateCatalog({ db, databaseUrl: settings.databaseUrl, logger });
  const slackApi = new WebClient(settings.slack.botToken, {
    ...(settings.slack.apiUrl ? { slackApiUrl: settings.slack.apiUrl } : {}),
    logger: toSlackLogger(logger) as never,
  });
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
      ? new HTTPReceiver({
          signingSecret: settings.slack.signingSecret,
          endpoints: '/slack/events',
          logger: toSlackLogger(logger) as never,
        })
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
        const [inboxes, count, queue] = await Promise.all([
          inboxStore.list(),
          db.ticket.count(),
          outboxStore.counts(),
        ]);
        return { inboxes, tickets: count, outbox: queue };
      },
      drafting: { service: drafting, agents, undoSeconds },
      voice,
      volume,
      wakeOutbox: () => outbox.wake(),
      templates,
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
  let snoozeTimer: NodeJS.Timeout | undefined;
  let volumeTimer: NodeJS.Timeout | undefined;
  let snapshotTimer: NodeJS.Timeout | undefined;
  const saveTemplateSnapshot = () =>
    templateCatalog
      .saveSnapshot()
      .catch((error: unknown) => logger.warn('could not write the template index snapshot', { error }));
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
    alerts,
    voice,
    volume,
    volumeStore,
    /** Evaluates alert rules and posts due digests now (also runs on a timer). */
    checkVolume,
    http,
    drafting,
    draftStore,
    replySender,
    snoozes,
    agents,
    templates: templateCatalog,
    /** Starts listening; returns the base URL of yorisoi's HTTP endpoint. */
    async start(): Promise<string> {
      const url = await http.listen(settings.port);
      // Loading the template index takes ~1 s (kuromoji) plus the snapshot or a rebuild: in the background,
      // listeners wait for it. The snapshot is rewritten every 5 minutes when templates changed, and at stop.
      templateCatalog
        .ready()
        .catch((error: unknown) => logger.error('template index failed to load', { error }));
      snapshotTimer = setInterval(saveTemplateSnapshot, 5 * 60_000);
      snapshotTimer.unref();
      if (settings.slack.mode === 'socket') await app.start();
      await outbox.start();
      await replySender.start();
      snoozeTimer = setInterval(() => {
        snoozes.tick().catch((error) => logger.warn('snooze check failed', { error }));
      }, 1000);
      const schedule = () => {
        if (stopped) return;
        pollTimer = setTimeout(() => {
          polling = pollAndRetry().finally(schedule);
        }, settings.pollSeconds * 1000);
      };
      polling = pollAndRetry().finally(schedule);
      volumeTimer = setInterval(() => void checkVolume(), (settings.alertEvaluateSeconds ?? 60) * 1000);
      logger.info('yorisoi started', { url, slackMode: settings.slack.mode });
      return url;
    },
    /** Finishes accepted work (webhook processing), then stops everything. */
    async stop() {
      stopped = true;
      clearTimeout(pollTimer);
      clearInterval(snoozeTimer);
      await replySender.stop();
      clearInterval(volumeTimer);
      await checking?.catch(() => undefined);
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
      await replySender.idle(timeoutMs);
      await Promise.allSettled([...background]);
      await checking?.catch(() => undefined);
      return outbox.idle(timeoutMs);
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;

/** Drafting and sending replies; every field has a default. */
export interface DraftingSettings {
  /** Seconds between "Send" and the reply leaving (undo window); default 10. */
  undoSeconds?: number;
  /** Zendesk group (id or name) whose members may send; null = any agent. */
  supportGroup?: string | null;
  /** Template search for the editor; default: the template catalog. */
  templates?: TemplateLookup;
  /** Who needs a second approval. Default: the care chart's flag, or tickets tagged care_second_approval. */
  approvalPolicy?: SecondApprovalPolicy;
  /** Attempts and backoff for transient Zendesk failures before a send counts as failed. */
  sendRetry?: { maxAttempts: number; backoffMs: (attempt: number) => number };
}
