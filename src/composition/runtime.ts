import { badgeText } from '../domain/team/agent-badges.ts';
import { createHealthRoutes } from '../http/health-routes.ts';
import { createHttpServer } from '../http/http-server.ts';
import { appliedMigrationNames } from '../storage/database.ts';
import { migrationNames, providerOf } from '../storage/migrations.ts';
import { wireCare } from './care-feature.ts';
import { wireDrafting } from './drafting-feature.ts';
import { type EnrichmentFeature, wireEnrichment } from './enrichment-feature.ts';
import type { Feature } from './feature.ts';
import { type HomeFeature, wireHome } from './home-feature.ts';
import { createPlatform } from './platform.ts';
import { wireReminders } from './reminders-feature.ts';
import type { RuntimeSettings } from './settings.ts';
import { createSlackApp } from './slack-app.ts';
import { wireSplit } from './split-feature.ts';
import { wireTeam } from './team-feature.ts';
import { wireTemplates } from './templates-feature.ts';
import { type TicketsFeature, wireTickets } from './tickets-feature.ts';
import { wireVoice } from './voice-feature.ts';
import { wireVolume } from './volume-feature.ts';

/**
 * The composition of yorisoi: the shared platform (database, Slack and Zendesk clients, logger, clock, the
 * one scheduler, the outbox), then each feature wired in its own module, then the Slack app and the HTTP
 * server over what the features return. `start()` listens and connects; `stop()` undoes it. `yorisoi start`,
 * the sandbox, the demo and the tests all build it here.
 */
export async function createRuntime(settings: RuntimeSettings) {
  const platform = await createPlatform(settings);
  const { logger, background, outbox, scheduler } = platform;

  // The features, in dependency order. Care refreshes ticket roots after a chart change (in the background:
  // a save never waits on Zendesk), and tickets are wired after care, so that call goes through `tickets`.
  let tickets: TicketsFeature | undefined;
  let enrichment: EnrichmentFeature | undefined;
  let home: HomeFeature | undefined;
  let team: ReturnType<typeof wireTeam> | undefined;
  const care = wireCare(platform, {
    async refreshRoot(zendeskId, reason) {
      background.track(
        tickets!.services.refreshRoot(zendeskId, reason).catch((error: unknown) => {
          logger.warn('root refresh failed', { zendeskId, error });
        }),
      );
    },
  });
  const voice = wireVoice(platform);
  const volume = wireVolume(platform, {
    voice: voice.services.voice,
    inboxes: () => tickets!.services.inboxes.list(),
  });
  tickets = await wireTickets(platform, {
    care: care.services.care,
    onRequesters: care.services.prefetchRequesters,
    voice: voice.services.ticketSource,
    onNewTicket: (zendeskId, inboxId) => {
      void volume.services.check();
      enrichment?.services.onNewTicket(zendeskId);
      team?.services.onNewTicket(zendeskId, inboxId);
    },
    onTicketChanged: (zendeskId) => home?.services.ticketChanged(zendeskId),
  });
  const templates = wireTemplates(platform, tickets.services.texts);
  enrichment = wireEnrichment(platform, { catalog: templates.services.catalog });
  const drafting = wireDrafting(platform, {
    templates: templates.services.lookup,
    approvalPolicy: care.services.approvalPolicy,
    afterSend: async (zendeskId) => {
      enrichment?.services.onReplySent(zendeskId);
      return tickets!.services.sync(zendeskId);
    },
    sync: (zendeskId) => tickets!.services.sync(zendeskId),
  });
  team = wireTeam(platform, {
    agents: drafting.services.agents,
    sync: (zendeskId) => tickets!.services.sync(zendeskId),
    inboxes: tickets.services.inboxes,
    onAvailabilityChanged: (slackUserId) => home?.services.onAvailabilityChanged(slackUserId),
  });
  const assignment = team.services.assignment;
  const split = wireSplit(platform, { sync: (zendeskId) => tickets!.services.sync(zendeskId) });
  const reminders = wireReminders(platform, {
    calendar: team.services.calendar,
    refreshRoot: (zendeskId, reason) => tickets!.services.refreshRoot(zendeskId, reason),
  });
  home = wireHome(platform, {
    agents: drafting.services.agents,
    volume: volume.services.volume,
    facts: {
      // Each agent's badge (colour square + emoji, chosen once) and availability come from assignment.
      async agentBadge(zendeskUserId) {
        const profile = await assignment.badgeOf(zendeskUserId, '');
        return { emoji: badgeText(profile), colour: profile.colour };
      },
      isAvailable: (slackUserId) => assignment.isAvailable(slackUserId),
      // Tickets past their response target come from the reminders' targets.
      pastTarget: async (now) =>
        (await reminders.services.reminders.overdueTickets(now)).map((o) => ({
          ticketZendeskId: o.ticketZendeskId,
          target: o.kind === 'first' ? 'first_response' : o.kind === 'next' ? 'next_response' : 'unassigned',
          dueAt: o.dueAt,
        })),
    },
  });
  const features: Feature<unknown>[] = [
    tickets,
    templates,
    drafting,
    care,
    voice,
    volume,
    enrichment,
    team,
    home,
    split,
    reminders,
  ];

  const slack = createSlackApp(settings.slack, {
    logger,
    locale: platform.locale,
    readerLocale: platform.readerLocale,
    wakeOutbox: () => outbox.wake(),
    ...tickets.listeners,
    ...templates.listeners,
    ...drafting.listeners,
    ...care.listeners,
    ...voice.listeners,
    ...volume.listeners,
    ...team.listeners,
    ...home.listeners,
    ...split.listeners,
  });
  const http = createHttpServer(
    {
      ...tickets.routes,
      ...createHealthRoutes({
        instance: platform.leases.holder,
        checks: {
          database: async () => {
            await platform.db.$queryRawUnsafe('SELECT 1');
            return { ok: true };
          },
          slack: async () => ({ ok: slack.connected() }),
          migrations: async () => {
            const applied = new Set(await appliedMigrationNames(platform.db));
            const missing = migrationNames(providerOf(settings.databaseUrl)).filter((m) => !applied.has(m));
            return missing.length === 0
              ? { ok: true }
              : { ok: false, detail: `missing ${missing.join(', ')}` };
          },
          templates: async () => {
            const lag = await templates.services.catalog.lag();
            return lag === null ? { ok: false, detail: 'index loading' } : { ok: lag === 0, detail: lag };
          },
        },
      }),
      ...slack.routes,
    },
    logger,
  );

  return {
    app: slack.app,
    /** Each feature's public services: what the CLI, the sandbox and tests may use. */
    features: {
      tickets: tickets.services,
      templates: templates.services,
      drafting: drafting.services,
      care: care.services.care,
      voice: voice.services.voice,
      volume: volume.services,
      enrichment: enrichment.services,
      team: team.services,
      /** Each agent's App Home: publish, coalesced refresh, the hooks other features call. */
      home: home.services,
      split: split.services.split,
      /** Response-target reminders: `reminders.tick()`, `reminders.overdueTickets()` (the App Home's list). */
      reminders: reminders.services.reminders,
      /** The Slack outbox: wake it after queueing, or recover rows left in doubt by a crash. */
      outbox: { wake: () => outbox.wake(), recoverInDoubt: () => outbox.recoverInDoubt() },
    },
    /** Starts listening; returns the base URL of yorisoi's HTTP endpoint. */
    async start(): Promise<string> {
      const url = await http.listen(settings.port, settings.host ?? '127.0.0.1');
      await slack.start();
      await outbox.start();
      for (const feature of features) await feature.start?.();
      scheduler.start();
      logger.info('yorisoi started', { url, slackMode: settings.slack.mode });
      return url;
    },
    /** Finishes accepted work (webhook processing), then stops everything. */
    async stop() {
      await scheduler.stop();
      for (const feature of features) await feature.stop?.();
      await background.settled();
      await http.close();
      await slack.stop();
      await outbox.stop();
      // The others take over this instance's jobs at once instead of after the lease.
      await platform.leases.releaseAll().catch(() => undefined);
      await platform.db.$disconnect();
    },
    /** Waits until replies, accepted webhooks, volume checks and the outbox are done (tests, demo, benches). */
    async settle(timeoutMs = 60_000) {
      await drafting.idle(timeoutMs);
      await background.settled();
      await volume.services.idle();
      return outbox.idle(timeoutMs);
    },
  };
}

export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
