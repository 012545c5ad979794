import type { TicketTextSource } from '../domain/templates/ports.ts';
import type { TicketThreadLookup } from '../domain/voice/ports.ts';
import type { Db } from './database.ts';

/** Read-only questions other features ask about stored tickets. */
export function createTicketQueries(
  db: Db,
): TicketThreadLookup & TicketTextSource & { count(): Promise<number> } {
  return {
    async threadOf(zendeskId) {
      const t = await db.ticket.findUnique({
        where: { zendeskId },
        select: { id: true, channelId: true, subject: true },
      });
      return t ? { ticketId: t.id, channelId: t.channelId, subject: t.subject } : null;
    },
    async ticketText(zendeskId) {
      const t = await db.ticket.findUnique({ where: { zendeskId }, include: { requester: true } });
      if (!t) return null;
      const first = await db.ticketComment.findFirst({
        where: { ticketId: t.id, authorZendeskId: t.requester.zendeskUserId },
        orderBy: { zendeskCreatedAt: 'asc' },
      });
      return first ? `${t.subject}\n${first.body}` : t.subject;
    },
    count: () => db.ticket.count(),
  };
}
