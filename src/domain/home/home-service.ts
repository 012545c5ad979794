import type { Logger } from '../../logger.ts';
import type { AgentHome } from './home-model.ts';
import type { AgentBadge, HomeFacts, HomeIdentity, HomeLimits, HomeStore } from './ports.ts';
import { NEUTRAL_BADGE } from './ports.ts';

/**
 * How much of each list the App Home shows in full; the rest is counted ("and 480 more"). Chosen so the
 * home stays far inside Slack's 100 blocks and 250 kB whatever the numbers (see src/views/app-home.ts).
 */
export const DEFAULT_HOME_LIMITS: HomeLimits = {
  myTickets: 15,
  approvals: 5,
  unassignedPerInbox: 5,
  inboxes: 8,
  agents: 25,
  pastTarget: 10,
};

/** Builds one agent's App Home model: their tickets, approvals, the team's lists, badges and availability. */
export function createHomeService(deps: {
  store: HomeStore;
  facts: HomeFacts;
  identity: HomeIdentity;
  clock: () => Date;
  /** `https://<team>.slack.com/` (auth.test), for thread permalinks. */
  workspaceUrl: () => Promise<string>;
  limits?: HomeLimits;
  logger?: Logger;
}) {
  const limits = deps.limits ?? DEFAULT_HOME_LIMITS;
  const soft = <T>(what: string, p: Promise<T>, fallback: T) =>
    p.catch((error: unknown) => {
      deps.logger?.warn(`app home: ${what} failed; using the default`, { error });
      return fallback;
    });

  return {
    async build(slackUserId: string): Promise<AgentHome> {
      const now = deps.clock();
      const [me, pastTarget, available, workspaceUrl] = await Promise.all([
        soft('agent lookup', deps.identity.agentOf(slackUserId), null),
        soft('past-target list', deps.facts.pastTarget(now), []),
        soft('availability', deps.facts.isAvailable(slackUserId), true),
        deps.workspaceUrl(),
      ]);
      const snapshot = await deps.store.snapshot({
        slackUserId,
        zendeskUserId: me?.zendeskUserId ?? null,
        pastTarget,
        limits,
      });
      const ids = [...new Set([...snapshot.workload.agents.map((a) => a.zendeskUserId), me?.zendeskUserId])];
      const badges: Record<string, AgentBadge> = {};
      await Promise.all(
        ids.map(async (id) => {
          if (id) badges[id] = await soft('badge', deps.facts.agentBadge(id), NEUTRAL_BADGE);
        }),
      );
      return { ...snapshot, slackUserId, me, available, badges, generatedAt: now, workspaceUrl };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;

/**
 * Publishes App Homes on change, coalesced: a burst of ticket changes becomes at most one views.publish per
 * agent per `minIntervalMs`, and at most `perMinute` publishes in all (views.* share Slack's ~100/min per
 * workspace with the modals). A refresh asked for while one runs for the same agent runs once more after it.
 */
export function createHomeRefresher(deps: {
  publish(slackUserId: string): Promise<void>;
  logger: Logger;
  /** Waits this long for more changes before publishing (default 1.5 s). */
  delayMs?: number;
  /** At most one publish per agent in this interval (default 15 s). */
  minIntervalMs?: number;
  /** At most this many publishes a minute across all agents (default 30). */
  perMinute?: number;
  now?: () => number;
}) {
  const delayMs = deps.delayMs ?? 1500;
  const minIntervalMs = deps.minIntervalMs ?? 15_000;
  const perMinute = deps.perMinute ?? 30;
  const now = deps.now ?? Date.now;
  /** Agent → when their refresh is due. */
  const pending = new Map<string, number>();
  const lastPublished = new Map<string, number>();
  let tokens = perMinute;
  let tokensAt = now();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let published = 0;
  const waiters: Array<() => void> = [];

  const take = () => {
    const t = now();
    tokens = Math.min(perMinute, tokens + ((t - tokensAt) / 60_000) * perMinute);
    tokensAt = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  function schedule() {
    if (stopped || running) return;
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.size === 0) {
      for (const w of waiters.splice(0)) w();
      return;
    }
    const due = Math.min(...pending.values());
    timer = setTimeout(
      () => {
        timer = null;
        running = flush().finally(() => {
          running = null;
          schedule();
        });
      },
      Math.max(0, due - now()),
    );
    timer.unref?.();
  }

  async function flush() {
    const t = now();
    for (const [user, due] of [...pending]) {
      if (stopped) return;
      if (due > t) continue;
      if (!take()) {
        // Out of budget: everyone still waiting goes again when a token is back.
        const next = t + Math.ceil(60_000 / perMinute);
        for (const [u, d] of pending) pending.set(u, Math.max(d, next));
        return;
      }
      pending.delete(user);
      lastPublished.set(user, now());
      try {
        await deps.publish(user);
        published += 1;
      } catch (error) {
        deps.logger.warn('app home refresh failed', { user, error });
      }
    }
  }

  return {
    /** Publishes this agent's home soon (coalesced with other changes). */
    refresh(slackUserId: string) {
      if (stopped) return;
      const t = now();
      const earliest = Math.max(t + delayMs, (lastPublished.get(slackUserId) ?? -Infinity) + minIntervalMs);
      const existing = pending.get(slackUserId);
      pending.set(slackUserId, existing === undefined ? earliest : Math.min(existing, earliest));
      schedule();
    },
    /** Publishes made so far (benches, logs). */
    get published() {
      return published;
    },
    /** Resolves when nothing is pending or being published. */
    idle(): Promise<void> {
      if (pending.size === 0 && !running) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      pending.clear();
      await running;
      for (const w of waiters.splice(0)) w();
    },
  };
}

export type HomeRefresher = ReturnType<typeof createHomeRefresher>;

/**
 * Which homes a ticket change touches: the agents it is (and was) assigned to, first; then every agent who
 * has a home (the team lists — unassigned, workload — changed for them too). Remembers each ticket's
 * assignee to know who it was taken from.
 */
export function createHomeChangeRouter(deps: {
  store: Pick<HomeStore, 'assigneeOf' | 'slackUsersOf'>;
  refresher: Pick<HomeRefresher, 'refresh'>;
  logger: Logger;
}) {
  const lastAssignee = new Map<string, string | null>();
  /** Agents who opened their home or had one published: their team lists go stale on any change. */
  const viewers = new Set<string>();

  return {
    viewers,
    noteViewer(slackUserId: string) {
      viewers.add(slackUserId);
    },
    async ticketChanged(ticketZendeskId: string) {
      try {
        const current = await deps.store.assigneeOf(ticketZendeskId);
        const before = lastAssignee.get(ticketZendeskId);
        lastAssignee.set(ticketZendeskId, current ?? null);
        const agents = new Set([current, before].filter((a): a is string => typeof a === 'string'));
        for (const agent of agents) {
          for (const user of await deps.store.slackUsersOf(agent)) deps.refresher.refresh(user);
        }
        for (const user of viewers) deps.refresher.refresh(user);
      } catch (error) {
        deps.logger.warn('app home: could not route a ticket change', { ticketZendeskId, error });
      }
    },
  };
}
