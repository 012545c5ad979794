import type { TeamHistory } from '../domain/team/ports.ts';
import type { Db } from './database.ts';

/** Stored tickets and comments as the team report's facts. */
export function createTeamHistory(db: Db): TeamHistory {
  return {
    async ticketsActiveSince(since) {
      const rows = await db.ticket.findMany({
        where: { OR: [{ zendeskUpdatedAt: { gte: since } }, { zendeskCreatedAt: { gte: since } }] },
        include: { requester: { select: { zendeskUserId: true } }, comments: true },
        orderBy: { zendeskCreatedAt: 'asc' },
      });
      return rows.map((t) => ({
        zendeskId: t.zendeskId,
        createdAt: t.zendeskCreatedAt,
        requesterZendeskId: t.requester.zendeskUserId,
        inboxId: t.inboxId,
        tags: JSON.parse(t.tagsJson) as string[],
        assignee: t.assigneeName ?? t.assigneeZendeskId,
        comments: t.comments.map((c) => ({
          authorZendeskId: c.authorZendeskId,
          public: c.public,
          at: c.zendeskCreatedAt,
        })),
        statusChanges: [],
      }));
    },
  };
}
