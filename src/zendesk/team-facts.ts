import { z } from 'zod';
import type { SatisfactionScore } from '../domain/team/metrics.ts';
import type { AssigneeDirectory, TeamZendeskFacts, TicketAssigner } from '../domain/team/ports.ts';
import { listAll } from './list-all.ts';
import type { ZendeskApi } from './zendesk-client.ts';
import { zid, zNamed, zUser } from './zendesk-schemas.ts';

const zStatusAudit = z.object({
  created_at: z.string(),
  events: z
    .array(
      z.looseObject({ type: z.string(), field_name: z.string().nullish(), value: z.unknown().optional() }),
    )
    .default([]),
});

const zRating = z.object({
  id: zid,
  ticket_id: zid.nullable(),
  score: z.string(),
  created_at: z.string(),
});

const SCORES = new Set<SatisfactionScore>(['offered', 'unoffered', 'good', 'bad']);

/**
 * Status history from `GET /tickets/{id}/audits` (Create and Change events on `status`) and CSAT from
 * `GET /satisfaction_ratings?start_time&end_time` (legacy ratings API, admins only), both cursor-paged.
 */
export function createTeamZendeskFacts(api: ZendeskApi): TeamZendeskFacts {
  return {
    async statusChanges(ticketZendeskId) {
      const audits = await listAll(api, ['tickets', ticketZendeskId, 'audits'], 'audits', zStatusAudit);
      return audits.flatMap((a) =>
        a.events
          .filter((e) => (e.type === 'Create' || e.type === 'Change') && e.field_name === 'status')
          .map((e) => ({ at: new Date(a.created_at), to: String(e.value) })),
      );
    },
    async satisfactionRatings(from, to) {
      const rows = await listAll(api, ['satisfaction_ratings'], 'satisfaction_ratings', zRating, {
        // end_time is inclusive in seconds: stop one second before the week's end.
        query: {
          start_time: Math.floor(from.getTime() / 1000),
          end_time: Math.ceil(to.getTime() / 1000) - 1,
        },
      });
      return rows
        .filter((r) => r.ticket_id !== null && SCORES.has(r.score as SatisfactionScore))
        .map((r) => ({
          ticketZendeskId: r.ticket_id ?? '',
          score: r.score as SatisfactionScore,
          offeredAt: new Date(r.created_at),
        }));
    },
  };
}

const zTicketAnswer = z.object({ ticket: z.looseObject({ id: zid }) });

/**
 * `PUT /tickets/{id}`: `assignee_id` alone (Zendesk keeps the group when the agent belongs to it, else moves
 * the ticket to the agent's default group); a group with `assignee_id: null` (a group's queue: an agent of
 * another group would be refused with "Assignee is not a member of the group"); `assignee_id: null` alone.
 */
export function createZendeskAssigner(api: ZendeskApi): Required<TicketAssigner> {
  const put = (ticketZendeskId: string, ticket: Record<string, unknown>) =>
    api.call('PUT', ['tickets', ticketZendeskId], zTicketAnswer, { ticket }).then(() => undefined);
  return {
    assign: (ticketZendeskId, agentZendeskId) =>
      put(ticketZendeskId, { assignee_id: Number(agentZendeskId) }),
    assignGroup: (ticketZendeskId, groupId) =>
      put(ticketZendeskId, { group_id: Number(groupId), assignee_id: null }),
    unassign: (ticketZendeskId) => put(ticketZendeskId, { assignee_id: null }),
  };
}

/**
 * The account's agents (`GET /users?role=agent` and `?role=admin`, cursor-paged; only active ones) without the
 * API user yorisoi signs in as (`GET /users/me`), and its groups (`GET /groups`).
 */
export function createAssigneeDirectory(api: ZendeskApi): AssigneeDirectory {
  let me: Promise<string> | null = null;
  const self = () => {
    me ??= api.call('GET', ['users', 'me'], z.object({ user: z.object({ id: zid }) })).then((r) => r.user.id);
    me.catch(() => {
      me = null;
    });
    return me;
  };
  return {
    async agents() {
      const [agents, admins, own] = await Promise.all([
        listAll(api, ['users'], 'users', zUser, { query: { role: 'agent' } }),
        listAll(api, ['users'], 'users', zUser, { query: { role: 'admin' } }),
        self(),
      ]);
      const seen = new Set<string>();
      return [...agents, ...admins]
        .filter((u) => u.active !== false && u.id !== own && !seen.has(u.id) && seen.add(u.id))
        .map((u) => ({ zendeskUserId: u.id, name: u.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
    },
    async groups() {
      const groups = await listAll(api, ['groups'], 'groups', zNamed);
      return groups
        .map((g) => ({ id: g.id, name: g.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
    },
  };
}
