import { YorisoiError } from '../../errors.ts';
import type { Logger } from '../../logger.ts';
import { AUTO_ASSIGN_MODES, type AutoAssignMode } from '../tickets/ticket.ts';
import { pickBadge } from './agent-badges.ts';
import type {
  AgentProfile,
  AgentProfileStore,
  AssignableAgent,
  AssignableGroup,
  AssigneeDirectory,
  AssignmentCursorStore,
  OpenTicketCounts,
  TicketAssigner,
} from './ports.ts';

export { AUTO_ASSIGN_MODES, type AutoAssignMode };

export type AssignTarget = { kind: 'agent'; id: string } | { kind: 'group'; id: string } | { kind: 'nobody' };

/** Zendesk ids are digits; the shorter number is the smaller one. */
const byId = (a: string, b: string) => a.length - b.length || a.localeCompare(b);

/** The first id of `pool` after `last` in id order, wrapping around; null for an empty pool. */
export function nextInTurn(pool: readonly string[], last: string | null): string | null {
  const sorted = [...pool].sort(byId);
  if (last === null) return sorted[0] ?? null;
  return sorted.find((id) => byId(id, last) > 0) ?? sorted[0] ?? null;
}

export interface AssignmentChoices {
  agents: Array<AssignableAgent & { profile: AgentProfile }>;
  groups: AssignableGroup[];
}

/**
 * Who holds a ticket, decided from Slack: "Take it" (the clicking agent), "Assign…" (a person, a group, or
 * nobody), and the automatic assignment of an inbox's new tickets (round robin or least open) among the
 * agents marked available. Every change is made in Zendesk and then the ticket is synced, so the root shows
 * what Zendesk holds — the same path as an assignment made in Zendesk itself.
 */
export function createAssignmentService(deps: {
  assigner: Required<TicketAssigner>;
  directory: AssigneeDirectory;
  profiles: AgentProfileStore;
  cursors: AssignmentCursorStore;
  counts: OpenTicketCounts;
  autoAssignOf(inboxId: string): Promise<AutoAssignMode | null>;
  /** Slack user → Zendesk agent (drafting's agent mapping); without it nobody can take or toggle. */
  agents?: { resolve(slackUserId: string): Promise<{ zendeskUserId: string; name: string }> };
  sync(ticketZendeskId: string): Promise<unknown>;
  clock: () => Date;
  logger: Logger;
  /** How long the account's agent list is reused by automatic assignment (default 60 s). */
  agentListTtlMs?: number;
}) {
  const ttl = deps.agentListTtlMs ?? 60_000;
  let cached: { at: number; agents: AssignableAgent[] } | null = null;
  const agentList = async () => {
    const now = deps.clock().getTime();
    if (cached && now - cached.at < ttl) return cached.agents;
    const agents = await deps.directory.agents();
    cached = { at: now, agents };
    return agents;
  };
  const mapper = () => {
    if (!deps.agents) throw new YorisoiError('not_configured', 'agent mapping is part of drafting');
    return deps.agents;
  };
  const profileOf = (zendeskUserId: string, patch?: Parameters<AgentProfileStore['ensure']>[2]) =>
    deps.profiles.ensure(zendeskUserId, pickBadge, patch);
  const digits = (id: string, what: string) => {
    if (!/^\d{1,19}$/.test(id)) throw new YorisoiError('bad_input', `(${what} "${id.slice(0, 40)}")`);
    return id;
  };

  return {
    /** The badge (colour, emoji) of an agent, chosen once the first time it is asked for. */
    badgeOf: (zendeskUserId: string, name: string) => profileOf(zendeskUserId, { name }),

    /** "Take it": the ticket goes to the clicking agent in Zendesk. */
    async take(ticketZendeskId: string, slackUserId: string): Promise<{ agentName: string }> {
      const agent = await mapper().resolve(slackUserId);
      await deps.assigner.assign(digits(ticketZendeskId, 'ticket'), agent.zendeskUserId);
      await profileOf(agent.zendeskUserId, { name: agent.name, slackUserId });
      await deps.sync(ticketZendeskId);
      return { agentName: agent.name };
    },

    /** What "Assign…" offers: the account's agents (with their badges) and groups. */
    async choices(): Promise<AssignmentChoices> {
      const [agents, groups] = await Promise.all([deps.directory.agents(), deps.directory.groups()]);
      const withProfiles = await Promise.all(
        agents.map(async (a) => ({ ...a, profile: await profileOf(a.zendeskUserId, { name: a.name }) })),
      );
      return { agents: withProfiles, groups };
    },

    /** "Assign…": a person, a group's queue (nobody assigned), or nobody. */
    async assign(ticketZendeskId: string, target: AssignTarget): Promise<void> {
      const ticket = digits(ticketZendeskId, 'ticket');
      if (target.kind === 'agent') await deps.assigner.assign(ticket, digits(target.id, 'agent'));
      else if (target.kind === 'group') await deps.assigner.assignGroup(ticket, digits(target.id, 'group'));
      else await deps.assigner.unassign(ticket);
      await deps.sync(ticket);
    },

    /** The App Home toggle: does this Slack user's agent take new tickets? Returns the stored profile. */
    async setAvailable(slackUserId: string, available: boolean): Promise<AgentProfile> {
      const agent = await mapper().resolve(slackUserId);
      return profileOf(agent.zendeskUserId, { name: agent.name, slackUserId, available });
    },

    /** Whether the Slack user takes new tickets (true until they say otherwise). */
    async isAvailable(slackUserId: string): Promise<boolean> {
      return (await deps.profiles.getBySlackUser(slackUserId))?.available ?? true;
    },

    /**
     * A new ticket in an inbox with `auto_assign`: assigned in Zendesk to the next available agent (round
     * robin), or to the available agent holding the fewest open tickets (ties in turn). Tickets someone
     * already holds are left alone. Returns the chosen agent's Zendesk id, or null.
     */
    async autoAssign(ticketZendeskId: string, inboxId: string | null): Promise<string | null> {
      if (!inboxId) return null;
      const mode = await deps.autoAssignOf(inboxId);
      if (!mode) return null;
      if (await deps.counts.assigneeOf(ticketZendeskId)) return null;
      const away = new Set(
        (await deps.profiles.list()).filter((p) => !p.available).map((p) => p.zendeskUserId),
      );
      const candidates = (await agentList()).map((a) => a.zendeskUserId).filter((id) => !away.has(id));
      if (candidates.length === 0) {
        deps.logger.warn('automatic assignment: no agent is available', { inboxId, ticketZendeskId });
        return null;
      }
      let pool = candidates;
      if (mode === 'least_open') {
        const open = await deps.counts.openByAssignee(candidates);
        const fewest = Math.min(...candidates.map((id) => open.get(id) ?? 0));
        pool = candidates.filter((id) => (open.get(id) ?? 0) === fewest);
      }
      const chosen = await deps.cursors.advance(inboxId, (last) => nextInTurn(pool, last));
      if (!chosen) return null;
      await deps.assigner.assign(ticketZendeskId, chosen);
      await deps.sync(ticketZendeskId);
      deps.logger.info('ticket assigned automatically', { ticketZendeskId, inboxId, mode, agent: chosen });
      return chosen;
    },
  };
}

export type AssignmentService = ReturnType<typeof createAssignmentService>;
