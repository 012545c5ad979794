import type { CareService } from '../domain/care/care-service.ts';
import { createWebhookIntake } from '../domain/intake/webhook-intake.ts';
import { pickBadge } from '../domain/team/agent-badges.ts';
import type { VoiceSource } from '../domain/tickets/ports.ts';
import { createTicketSync } from '../domain/tickets/ticket-sync.ts';
import { createAgentProfileStore } from '../storage/agent-profile-store.ts';
import { createInboxStore } from '../storage/inbox-store.ts';
import { createKeyValueStore } from '../storage/key-value-store.ts';
import { createPastTargetLookup } from '../storage/reminder-store.ts';
import { createTicketQueries } from '../storage/ticket-queries.ts';
import { createAgentDirectory, createTicketStore } from '../storage/ticket-store.ts';
import { createWebhookDeliveryStore } from '../storage/webhook-delivery-store.ts';
import type { RuntimeStatus } from '../views/help.ts';
import { createTicketThreadRenderer } from '../views/ticket-thread.ts';
import { createIncrementalPoller } from '../zendesk/incremental-poller.ts';
import { createZendeskTicketGateway } from '../zendesk/ticket-gateway.ts';
import { createWebhookHandler, WEBHOOK_PATH } from '../zendesk/webhook-endpoint.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

/**
 * Tickets and intake: Zendesk tickets become Slack threads. The signed webhook and the incremental poller
 * (on the scheduler, with retries of unprocessed webhooks) sync tickets; inboxes route them to channels.
 */
export async function wireTickets(
  platform: Platform,
  deps: {
    care: CareService;
    /** The requesters of each batch of tickets read from Zendesk (care reads their identities together). */
    onRequesters?(zendeskUserIds: string[]): void;
    voice: VoiceSource;
    /** A ticket seen for the first time, with the inbox it was routed to. */
    onNewTicket(zendeskId: string, inboxId: string | null): void;
    /** A sync changed something Slack shows (a new ticket, its root, a new message): App Homes refresh. */
    onTicketChanged?(zendeskId: string): void;
  },
) {
  const { db, logger, settings, outbox } = platform;
  const gateway = createZendeskTicketGateway(platform.zendesk, {
    serviceUserId: settings.serviceUserId ?? { kind: 'external_id' },
    onRequesters: deps.onRequesters,
  });
  const inboxes = createInboxStore(db);
  const profiles = createAgentProfileStore(db);
  if (settings.inboxes) await inboxes.replaceAll(settings.inboxes);
  const sync = createTicketSync({
    source: gateway,
    store: createTicketStore(db),
    renderer: createTicketThreadRenderer({
      careContext: (t) => deps.care.contextFor(t),
      locale: settings.locale ?? 'ja',
      // Each agent's colour and emoji, chosen the first time the agent is shown and kept.
      assigneeBadge: (a) => profiles.ensure(a.zendeskUserId, pickBadge, { name: a.name }),
      // "Past first-response target" on the status line once a reminder's step 1 fired.
      pastTarget: createPastTargetLookup(db),
    }),
    agents: createAgentDirectory(db),
    zendeskTicketUrl: platform.zendeskTicketUrl,
    logger: logger.child({ component: 'ticket-sync' }),
    requesters: deps.care,
    voice: deps.voice,
  });
  // Anything that enqueued Slack writes wakes the outbox at once instead of at its next timer.
  const tickets = {
    async sync(id: string) {
      const r = await sync.sync(id);
      if (r.effects > 0) outbox.wake();
      if (r.created) deps.onNewTicket(r.zendeskId, r.routedTo);
      if (r.created || r.effects > 0) deps.onTicketChanged?.(r.zendeskId);
      return r;
    },
    async syncIfChanged(id: string, updatedAt: Date) {
      const r = await sync.syncIfChanged(id, updatedAt);
      if (r && r.effects > 0) outbox.wake();
      if (r?.created) deps.onNewTicket(r.zendeskId, r.routedTo);
      if (r && (r.created || r.effects > 0)) deps.onTicketChanged?.(r.zendeskId);
      return r;
    },
    async refreshRoot(id: string, reason: string) {
      const r = await sync.refreshRoot(id, reason);
      if (r.effects > 0) outbox.wake();
      return r;
    },
  };
  const intake = createWebhookIntake({
    deliveries: createWebhookDeliveryStore(db),
    tickets,
    logger: logger.child({ component: 'intake' }),
    prefetch: gateway.prefetch,
  });
  const poller = createIncrementalPoller({
    gateway,
    tickets,
    kv: createKeyValueStore(db),
    logger: logger.child({ component: 'poller' }),
  });
  platform.scheduler.every(
    'poll',
    settings.pollSeconds * 1000,
    async () => {
      try {
        await intake.retryUnprocessed(new Date());
        await poller.pollOnce();
      } catch (error) {
        logger.warn('poll failed; will try again', { error });
      }
    },
    // One instance polls at a time (the others would read the same export and skip every ticket).
    { immediately: true, exclusive: true },
  );
  const ticketQueries = createTicketQueries(db);
  const status = async (): Promise<RuntimeStatus> => {
    const [list, count, queue] = await Promise.all([
      inboxes.list(),
      ticketQueries.count(),
      platform.outboxCounts(),
    ]);
    return { inboxes: list, tickets: count, outbox: queue };
  };
  return {
    services: {
      ...tickets,
      /** One pass of the incremental export now (also on the scheduler); returns how many tickets it synced. */
      pollOnce: () => poller.pollOnce(),
      /** Processes stored webhooks that were not processed (failed, or cut short by a restart). */
      retryWebhooks: (now: Date) => intake.retryUnprocessed(now),
      inboxes,
      /** Subjects and first customer words of stored tickets (template search prefill). */
      texts: ticketQueries,
    },
    listeners: { status },
    routes: {
      [WEBHOOK_PATH]: createWebhookHandler({
        secret: settings.zendesk.webhookSecret,
        intake,
        logger: logger.child({ component: 'webhook' }),
        onProcessed: platform.background.track,
      }),
    },
  } satisfies Feature<unknown>;
}

export type TicketsFeature = Awaited<ReturnType<typeof wireTickets>>;
