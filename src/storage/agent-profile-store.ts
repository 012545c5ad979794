import type {
  AgentProfile,
  AgentProfileStore,
  AssignmentCursorStore,
  OpenTicketCounts,
} from '../domain/team/ports.ts';
import { type Db, providerOfDb } from './database.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

const toProfile = (row: {
  zendeskUserId: string;
  slackUserId: string | null;
  name: string;
  emoji: string;
  colour: string;
  available: boolean;
}): AgentProfile => ({
  zendeskUserId: row.zendeskUserId,
  slackUserId: row.slackUserId,
  name: row.name,
  emoji: row.emoji,
  colour: row.colour,
  available: row.available,
});

/** Agent profiles (badge chosen once, Slack user, availability) in the AgentProfile table. */
export function createAgentProfileStore(db: Db): AgentProfileStore {
  const pg = providerOfDb(db) === 'postgresql';
  const store: AgentProfileStore = {
    async get(zendeskUserId) {
      const row = await db.agentProfile.findUnique({ where: { zendeskUserId } });
      return row ? toProfile(row) : null;
    },
    async getBySlackUser(slackUserId) {
      const row = await db.agentProfile.findUnique({ where: { slackUserId } });
      return row ? toProfile(row) : null;
    },
    async list() {
      return (await db.agentProfile.findMany({ orderBy: { createdAt: 'asc' } })).map(toProfile);
    },
    async ensure(zendeskUserId, pick, patch = {}) {
      const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as {
        name?: string;
        slackUserId?: string;
        available?: boolean;
      };
      if (changes.name === '') delete changes.name;
      const existing = await db.agentProfile.findUnique({ where: { zendeskUserId } });
      const unchanged =
        existing &&
        (changes.name === undefined || changes.name === existing.name) &&
        (changes.slackUserId === undefined || changes.slackUserId === existing.slackUserId) &&
        (changes.available === undefined || changes.available === existing.available);
      if (existing && unchanged) return toProfile(existing);
      for (let attempt = 0; ; attempt++) {
        try {
          const row = await db.$transaction(async (tx) => {
            // A Slack user belongs to one agent: a re-mapped Slack user leaves their old profile.
            if (changes.slackUserId)
              await tx.agentProfile.updateMany({
                where: { slackUserId: changes.slackUserId, NOT: { zendeskUserId } },
                data: { slackUserId: null },
              });
            const found = await tx.agentProfile.findUnique({ where: { zendeskUserId } });
            if (found) return tx.agentProfile.update({ where: { zendeskUserId }, data: changes });
            // Two agents seen for the first time at once must not both count n and take badge n. SQLite runs
            // one writer at a time; PostgreSQL's READ COMMITTED lets both count first, so creators queue on
            // a lock held to the end of the transaction (the count then sees the earlier one's row).
            if (pg)
              await tx.$queryRawUnsafe(
                "SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('yorisoi:agent-profile-badge'))) AS l",
              );
            const badge = pick(await tx.agentProfile.count());
            return tx.agentProfile.create({ data: { zendeskUserId, ...badge, ...changes } });
          });
          return toProfile(row);
        } catch (error) {
          // Two first sightings at once: the other one created it; read it (its badge is kept).
          if (isUniqueViolation(error) && attempt < 3) continue;
          throw error;
        }
      }
    },
  };
  return store;
}

/** The round-robin turn per inbox, moved by a conditional update on `version`. */
export function createAssignmentCursorStore(db: Db): AssignmentCursorStore {
  return {
    async advance(inboxId, choose) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const row = await db.assignmentCursor.findUnique({ where: { inboxId } });
        const next = choose(row?.lastZendeskUserId ?? null);
        if (next === null) return null;
        if (!row) {
          try {
            await db.assignmentCursor.create({ data: { inboxId, lastZendeskUserId: next, version: 1 } });
            return next;
          } catch (error) {
            if (isUniqueViolation(error)) continue;
            throw error;
          }
        }
        const { count } = await db.assignmentCursor.updateMany({
          where: { inboxId, version: row.version },
          data: { lastZendeskUserId: next, version: row.version + 1 },
        });
        if (count === 1) return next;
      }
      throw new Error(`assignment turn of inbox ${inboxId} is contended`);
    },
  };
}

const OPEN = ['new', 'open', 'pending', 'hold'];

export function createOpenTicketCounts(db: Db): OpenTicketCounts & {
  holderOf(ticketZendeskId: string): Promise<{
    assigneeZendeskId: string | null;
    assigneeName: string | null;
    groupId: string | null;
  } | null>;
} {
  return {
    async openByAssignee(ids) {
      const rows = await db.ticket.groupBy({
        by: ['assigneeZendeskId'],
        where: { assigneeZendeskId: { in: [...ids] }, status: { in: OPEN } },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.assigneeZendeskId ?? '', r._count._all]));
    },
    async holderOf(ticketZendeskId) {
      return db.ticket.findUnique({
        where: { zendeskId: ticketZendeskId },
        select: { assigneeZendeskId: true, assigneeName: true, groupId: true },
      });
    },
    async assigneeOf(ticketZendeskId) {
      const row = await db.ticket.findUnique({
        where: { zendeskId: ticketZendeskId },
        select: { assigneeZendeskId: true },
      });
      return row ? row.assigneeZendeskId : undefined;
    },
  };
}
