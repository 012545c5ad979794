import { LRUCache } from 'lru-cache';
import type { AgentMapper } from '../domain/drafting/agent-mapping.ts';
import {
  createHomeChangeRouter,
  createHomeRefresher,
  createHomeService,
  type HomeService,
} from '../domain/home/home-service.ts';
import { type HomeFacts, neutralHomeFacts } from '../domain/home/ports.ts';
import type { VolumeQueries } from '../domain/volume/volume-queries.ts';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { createHomeStore } from '../storage/home-queries.ts';
import { buildAgentHome } from '../views/app-home.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface HomeServices {
  service: HomeService;
  /** Builds and publishes the agent's home now. */
  publish(slackUserId: string): Promise<void>;
  /** Publishes the agent's home soon, coalesced with other changes (at most one publish per agent per 15 s). */
  refresh(slackUserId: string): void;
  /** A ticket was created or changed (assignment, status …): refreshes its assignees' homes, then the others. */
  ticketChanged(ticketZendeskId: string): void;
  /** The agent switched available/away (the assignment feature calls this after storing it). */
  onAvailabilityChanged(slackUserId: string): void;
  /** Resolves when no refresh is pending or running. */
  idle(): Promise<void>;
  /** views.publish calls made by refreshes so far. */
  readonly published: number;
}

/**
 * Each agent's App Home: built from the stored tickets and drafts plus what other features know (badges,
 * availability, response targets — `facts`, neutral until wired), published on app_home_opened and
 * refreshed, coalesced, when tickets change.
 */
export function wireHome(
  platform: Platform,
  deps: {
    agents?: AgentMapper;
    volume?: VolumeQueries;
    facts?: Partial<HomeFacts>;
    refresh?: { delayMs?: number; minIntervalMs?: number; perMinute?: number };
  },
): Feature<HomeServices, Pick<AppDeps, 'home'>> {
  const { logger } = platform;
  const store = createHomeStore(platform.db);
  let workspaceUrl: Promise<string> | null = null;
  // The mapper asks Slack (users.info) and Zendesk (user search) unless a lead mapped the agent by hand:
  // a home is built on every open and refresh, so its answer is kept 10 minutes.
  type Agent = { zendeskUserId: string; name: string } | 'none';
  const agentCache = new LRUCache<string, Agent>({ max: 1000, ttl: 10 * 60_000 });
  const service = createHomeService({
    store,
    facts: { ...neutralHomeFacts, ...deps.facts },
    identity: {
      async agentOf(slackUserId) {
        if (!deps.agents) return null;
        const cached = agentCache.get(slackUserId);
        if (cached) return cached === 'none' ? null : cached;
        const agent = await deps.agents.resolve(slackUserId).catch(() => null);
        agentCache.set(slackUserId, agent ?? 'none', agent ? {} : { ttl: 60_000 });
        return agent;
      },
    },
    clock: platform.clock,
    // Thread links in Slack's permalink form need the workspace's URL: auth.test once per process.
    workspaceUrl: () => {
      workspaceUrl ??= platform.slack.api.auth
        .test()
        .then((r) => r.url ?? 'https://slack.com/')
        .catch((error: unknown) => {
          workspaceUrl = null;
          logger.warn('auth.test failed; thread links use slack.com', { error });
          return 'https://slack.com/';
        });
      return workspaceUrl;
    },
    logger,
  });
  const publish = async (slackUserId: string) => {
    const [home, locale, today] = await Promise.all([
      service.build(slackUserId),
      platform.readerLocale(slackUserId),
      deps.volume?.today(),
    ]);
    await platform.slack.api.views.publish({
      user_id: slackUserId,
      view: buildAgentHome(translator(locale), home, today),
    });
    router.noteViewer(slackUserId);
  };
  const refresher = createHomeRefresher({ publish, logger, ...deps.refresh });
  const router = createHomeChangeRouter({ store, refresher, logger });
  const services: HomeServices = {
    service,
    publish,
    refresh: (u) => refresher.refresh(u),
    ticketChanged: (zendeskId) => {
      platform.background.track(router.ticketChanged(zendeskId));
    },
    // One click by the agent: show the new state at once, not after the coalescing delay.
    onAvailabilityChanged: (u) => {
      platform.background.track(
        publish(u).catch((error: unknown) => logger.warn('app home publish failed', { user: u, error })),
      );
    },
    idle: () => refresher.idle(),
    get published() {
      return refresher.published;
    },
  };
  return {
    services,
    listeners: { home: { publish } },
    stop: () => refresher.stop(),
  };
}

export type HomeFeature = ReturnType<typeof wireHome>;
