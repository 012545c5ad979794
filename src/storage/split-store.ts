import type { SplitStore, SplitTicket, TicketSplitRow } from '../domain/split/ports.ts';
import type { Db } from './database.ts';

type TicketRow = {
  zendeskId: string;
  subject: string;
  brandId: string | null;
  groupId: string | null;
  tagsJson: string;
  requester: { zendeskUserId: string; name: string };
};
const ticketSelect = {
  zendeskId: true,
  subject: true,
  brandId: true,
  groupId: true,
  tagsJson: true,
  requester: { select: { zendeskUserId: true, name: true } },
} as const;

const toTicket = (t: TicketRow): SplitTicket => ({
  zendeskId: t.zendeskId,
  subject: t.subject,
  requesterZendeskId: t.requester.zendeskUserId,
  requesterName: t.requester.name || null,
  brandId: t.brandId,
  groupId: t.groupId,
  tags: JSON.parse(t.tagsJson) as string[],
});

const toRow = (r: {
  id: string;
  sourceTicketZendeskId: string;
  sourceCommentZendeskId: string;
  slackUserId: string;
  status: string;
  attempts: number;
  newTicketZendeskId: string | null;
  noteOnNew: boolean;
  noteOnSource: boolean;
  lastError: string | null;
}): TicketSplitRow => ({ ...r, status: r.status as TicketSplitRow['status'] });

/** Mirrored comments are outbox rows keyed `comment:<zendesk comment id>` (`:<part>` for long ones). */
const COMMENT_KEY = /^comment:(\d+)(?::\d+)?$/;

export function createSplitStore(db: Db): SplitStore {
  return {
    async messageAt(channelId, ts) {
      const posted = await db.outboxMessage.findFirst({
        where: { channelId, slackTs: ts, status: 'sent' },
        select: { idempotencyKey: true, ticketId: true },
      });
      if (!posted) return { kind: 'unknown' };
      const commentId = COMMENT_KEY.exec(posted.idempotencyKey)?.[1];
      if (commentId) {
        const comment = await db.ticketComment.findUnique({
          where: { zendeskCommentId: commentId },
          include: { ticket: { select: ticketSelect } },
        });
        if (comment)
          return {
            kind: 'comment',
            ticket: toTicket(comment.ticket),
            comment: {
              zendeskId: comment.zendeskCommentId,
              authorZendeskId: comment.authorZendeskId,
              public: comment.public,
              body: comment.body,
            },
          };
      }
      const ticket = posted.ticketId
        ? await db.ticket.findFirst({
            where: { OR: [{ id: posted.ticketId }, { zendeskId: posted.ticketId }] },
            select: ticketSelect,
          })
        : null;
      return { kind: 'yorisoi', ticket: ticket ? toTicket(ticket) : null };
    },

    async ticketOfThread(channelId, threadTs) {
      const ticket = await db.ticket.findFirst({
        where: { channelId, rootTs: threadTs },
        select: ticketSelect,
      });
      return ticket ? toTicket(ticket) : null;
    },

    async findOrCreate(input) {
      // upsert on the unique comment id: two clicks at once make one row.
      return toRow(
        await db.ticketSplit.upsert({
          where: { sourceCommentZendeskId: input.sourceCommentZendeskId },
          create: input,
          update: {},
        }),
      );
    },

    async claim(id, now, leaseMs) {
      const taken = await db.ticketSplit.updateMany({
        where: { id, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
        data: { claimedUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      });
      if (taken.count === 0) return null;
      return toRow(await db.ticketSplit.findUniqueOrThrow({ where: { id } }));
    },

    async update(id, patch) {
      const { release, ...data } = patch;
      await db.ticketSplit.update({
        where: { id },
        data: { ...data, ...(release ? { claimedUntil: null } : {}) },
      });
    },
  };
}
