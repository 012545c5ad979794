import { z } from 'zod';
import type { SatisfactionScore } from '../domain/team/metrics.ts';
import type { TeamZendeskFacts, TicketAssigner } from '../domain/team/ports.ts';
import { listAll } from './list-all.ts';
import type { ZendeskApi } from './zendesk-client.ts';
import { zid } from './zendesk-schemas.ts';

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

/** `PUT /tickets/{id}` with `assignee_id`: Zendesk keeps the group when the agent belongs to it. */
export function createZendeskAssigner(api: ZendeskApi): TicketAssigner {
  return {
    async assign(ticketZendeskId, agentZendeskId) {
      await api.call('PUT', ['tickets', ticketZendeskId], z.object({ ticket: z.looseObject({ id: zid }) }), {
        ticket: { assignee_id: Number(agentZendeskId) },
      });
    },
  };
}
