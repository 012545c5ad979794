import type { ReminderStore, ReminderTicket } from '../domain/reminders/ports.ts';
import { pastTargetKind, TARGET_KINDS, type TargetKind } from '../domain/reminders/response-targets.ts';
import type { TicketSnapshot } from '../domain/tickets/ticket.ts';
import type { Db } from './database.ts';
import { enqueueEffects } from './outbox-store.ts';

const DONE = ['solved', 'closed', 'deleted'];
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/** Open tickets with their comments, inbox, assignee's Slack account, snooze and fired reminder steps. */
export function createReminderStore(db: Db): ReminderStore {
  return {
    async openTickets() {
      const rows = await db.ticket.findMany({
        where: { status: { notIn: DONE }, channelId: { not: null } },
        include: {
          comments: {
            select: { zendeskCommentId: true, authorZendeskId: true, public: true, zendeskCreatedAt: true },
          },
          requester: { select: { zendeskUserId: true } },
          inbox: true,
        },
      });
      if (rows.length === 0) return [];
      const zendeskIds = rows.map((r) => r.zendeskId);
      const assignees = [...new Set(rows.flatMap((r) => (r.assigneeZendeskId ? [r.assigneeZendeskId] : [])))];
      const [mappings, snoozes, fired] = await Promise.all([
        db.agentMapping.findMany({ where: { zendeskUserId: { in: assignees } } }),
        db.snooze.findMany({
          where: { status: 'active', ticketZendeskId: { in: zendeskIds } },
          select: { ticketZendeskId: true },
        }),
        db.targetReminder.findMany({ where: { ticketZendeskId: { in: zendeskIds } } }),
      ]);
      const slackOf = new Map(mappings.map((m) => [m.zendeskUserId, m.slackUserId]));
      const snoozed = new Set(snoozes.map((s) => s.ticketZendeskId));
      const firedOf = new Map<string, ReminderTicket['fired']>();
      for (const f of fired) {
        const kind = TARGET_KINDS.find((k) => k === f.kind);
        if (!kind) continue;
        const list = firedOf.get(f.ticketZendeskId) ?? [];
        list.push({ kind, step: f.step, aboutCommentId: f.aboutCommentId, firedAt: f.firedAt });
        firedOf.set(f.ticketZendeskId, list);
      }
      return rows.map(
        (r): ReminderTicket => ({
          id: r.id,
          zendeskId: r.zendeskId,
          subject: r.subject,
          status: r.status,
          requesterZendeskId: r.requester.zendeskUserId,
          createdAt: r.zendeskCreatedAt,
          unassignedSince: r.assigneeZendeskId ? null : (r.unassignedSince ?? r.zendeskCreatedAt),
          comments: r.comments.map((c) => ({
            zendeskCommentId: c.zendeskCommentId,
            authorZendeskId: c.authorZendeskId,
            public: c.public,
            createdAt: c.zendeskCreatedAt,
          })),
          channelId: r.channelId,
          rootTs: r.rootTs,
          inbox: r.inbox
            ? {
                id: r.inbox.id,
                name: r.inbox.name,
                channelId: r.inbox.channelId,
                lead: r.inbox.leadSlackUserId,
                targets: {
                  firstResponseMinutes: r.inbox.firstResponseMinutes,
                  nextResponseMinutes: r.inbox.nextResponseMinutes,
                },
              }
            : null,
          assignee: r.assigneeZendeskId
            ? {
                name: r.assigneeName ?? r.assigneeZendeskId,
                slackUserId: slackOf.get(r.assigneeZendeskId) ?? null,
              }
            : null,
          snoozed: snoozed.has(r.zendeskId),
          fired: firedOf.get(r.zendeskId) ?? [],
        }),
      );
    },

    async recordStep(step, effects) {
      try {
        await db.$transaction(async (tx) => {
          // The unique (ticket, kind, step, message) key: a second insert fails and rolls the effects back.
          await tx.targetReminder.create({ data: step });
          await enqueueEffects(tx, effects);
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}

/**
 * For the root renderer: the kind of target the ticket (as just fetched from Zendesk) is past, i.e. its
 * current wait's step 1 fired. The unassigned wait's start is the one the store keeps (or would keep: the
 * ticket row is written after the root is rendered).
 */
export function createPastTargetLookup(db: Db) {
  return async (s: TicketSnapshot): Promise<TargetKind | null> => {
    const [row, fired] = await Promise.all([
      db.ticket.findUnique({
        where: { zendeskId: s.zendeskId },
        select: { assigneeZendeskId: true, unassignedSince: true },
      }),
      db.targetReminder.findMany({
        where: { ticketZendeskId: s.zendeskId, step: 1 },
        select: { kind: true, step: true, aboutCommentId: true },
      }),
    ]);
    if (fired.length === 0) return null;
    const unassignedSince = s.assignee
      ? null
      : (row?.unassignedSince ?? (row?.assigneeZendeskId ? s.updatedAt : s.createdAt));
    return pastTargetKind(
      {
        status: s.status,
        requesterZendeskId: s.requester.zendeskUserId,
        createdAt: s.createdAt,
        unassignedSince,
        comments: s.comments,
      },
      fired,
    );
  };
}
