import { createAgentMapper } from '../domain/drafting/agent-mapping.ts';
import { createDraftingService } from '../domain/drafting/drafting-service.ts';
import type { SecondApprovalPolicy, TemplateLookup } from '../domain/drafting/ports.ts';
import { createReplySender, createSnoozeWatcher } from '../domain/drafting/reply-sender.ts';
import { DEFAULT_BUSINESS_HOURS } from '../domain/team/business-hours.ts';
import { createWritingChecker } from '../domain/writing-check/writing-check.ts';
import type { DraftingDeps } from '../listeners/listener-deps.ts';
import { createReaderLocale } from '../slack/reader-locale.ts';
import { createSlackUserLookup } from '../slack/slack-directory.ts';
import { createAgentMappingStore, createDraftStore } from '../storage/draft-store.ts';
import { createDraftThreadRenderer } from '../views/draft-thread.ts';
import { createZendeskAgentLookup, createZendeskReplyGateway } from '../zendesk/reply-gateway.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

/**
 * Drafting: drafts with versions, approvals, the reply sender (to Zendesk, exactly once, after the undo
 * window) and snoozes (checked every second on the scheduler).
 */
export function wireDrafting(
  platform: Platform,
  deps: {
    templates: TemplateLookup;
    approvalPolicy: SecondApprovalPolicy;
    afterSend(zendeskId: string): Promise<unknown>;
    /** Re-reads a ticket from Zendesk (after a reply failed). */
    sync?(zendeskId: string): Promise<unknown>;
  },
) {
  const { logger, settings, outbox } = platform;
  const leaseMs = platform.leases.ttlMs;
  const store = createDraftStore(platform.db, { instanceId: platform.leases.holder, leaseMs });
  const slackUsers = createSlackUserLookup(platform.slack.writer);
  const agents = createAgentMapper({
    directory: { ...slackUsers, ...createZendeskAgentLookup(platform.zendesk) },
    store: createAgentMappingStore(platform.db),
    supportGroup: settings.drafting?.supportGroup ?? null,
  });
  const gateway = createZendeskReplyGateway(platform.zendesk);
  const undoSeconds = settings.drafting?.undoSeconds ?? 10;
  // Thread messages are channel posts: the workspace language.
  const draftThreadRenderer = createDraftThreadRenderer(settings.locale ?? 'ja');
  // The writing check loads kuromoji's dictionary on its first run (~1–3 s): warmed up at start.
  const writing = createWritingChecker();
  const service = createDraftingService({
    store,
    agents,
    templates: settings.drafting?.templates ?? deps.templates,
    approvalPolicy: settings.drafting?.approvalPolicy ?? deps.approvalPolicy,
    gateway,
    renderer: draftThreadRenderer,
    undoSeconds,
    clock: () => new Date(),
    logger: logger.child({ component: 'drafting' }),
    wake: () => {
      outbox.wake();
      sender.wake();
    },
    writing,
    // A note is the team's record in Zendesk: the workspace language, times in the business-hours zone.
    note: {
      locale: settings.locale ?? 'ja',
      timeZone: (settings.businessHours ?? DEFAULT_BUSINESS_HOURS).timeZone,
    },
  });
  const sender = createReplySender({
    store,
    gateway,
    renderer: draftThreadRenderer,
    logger: logger.child({ component: 'reply-sender' }),
    clock: () => new Date(),
    slackName: (id) => slackUsers.slackName(id),
    onEffects: () => outbox.wake(),
    // The reply changed the ticket (status, comment): re-read it so the root message shows it.
    onSent: (zendeskId) => {
      platform.background.track(
        deps
          .afterSend(zendeskId)
          .catch((error) => logger.warn('sync after send failed', { zendeskId, error })),
      );
    },
    onFailed: (zendeskId) => {
      if (!deps.sync) return;
      platform.background.track(
        deps
          .sync(zendeskId)
          .catch((error) => logger.warn('sync after a failed send failed', { zendeskId, error })),
      );
    },
    leaseMs,
    maxAttempts: settings.drafting?.sendRetry?.maxAttempts,
    backoffMs: settings.drafting?.sendRetry?.backoffMs,
  });
  const snoozes = createSnoozeWatcher({
    store,
    renderer: draftThreadRenderer,
    clock: () => new Date(),
    logger: logger.child({ component: 'snooze' }),
    onEffects: () => outbox.wake(),
  });
  platform.scheduler.every(
    'snooze check',
    1000,
    () => snoozes.tick().catch((error) => logger.warn('snooze check failed', { error })),
    { exclusive: true },
  );
  const drafting: DraftingDeps = {
    service,
    agents,
    undoSeconds,
    locale: createReaderLocale(platform.slack.api, settings.locale ?? 'ja'),
  };
  return {
    services: {
      ...drafting,
      /** Sends due replies (also on its own loop); `stop()` pauses it, as a crash would. */
      sender,
      /** Ends snoozes whose time came or whose customer wrote (also on the scheduler). */
      snoozes,
    },
    listeners: { drafting },
    start: async () => {
      platform.background.track(
        writing.warmUp().catch((error) => logger.warn('writing check warm-up failed', { error })),
      );
      await sender.start();
    },
    stop: () => sender.stop(),
    /** Resolves when no reply is being sent. */
    idle: (timeoutMs: number) => sender.idle(timeoutMs),
  } satisfies Feature<unknown>;
}

export type DraftingFeature = ReturnType<typeof wireDrafting>;
