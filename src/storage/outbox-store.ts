import {
  type OutboxEffect,
  type OutboxItem,
  type OutboxStatus,
  orderGroupOf,
} from '../domain/outbox/outbox.ts';
import type { OutboxStore } from '../domain/outbox/ports.ts';
import type { Db, Tx } from './database.ts';

type Row = {
  id: number;
  payloadJson: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  slackTs: string | null;
  lastError: string | null;
};

const toItem = (row: Row): OutboxItem => ({
  id: row.id,
  effect: JSON.parse(row.payloadJson) as OutboxEffect,
  status: row.status as OutboxStatus,
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  slackTs: row.slackTs,
  lastError: row.lastError,
});

/** Inserts the effect unless its key exists. Runs inside the caller's transaction so the effect and the
 *  state change that caused it commit together. */
export async function enqueueEffect(tx: Tx | Db, effect: OutboxEffect): Promise<boolean> {
  const existing = await tx.outboxMessage.findUnique({
    where: { idempotencyKey: effect.key },
    select: { id: true },
  });
  if (existing) return false;
  await tx.outboxMessage.create({
    data: {
      idempotencyKey: effect.key,
      kind: effect.kind,
      channelId: effect.channelId,
      // The ordering group: a ticket id, or a voice/alert thread's group name.
      ticketId: orderGroupOf(effect),
      payloadJson: JSON.stringify(effect),
    },
  });
  return true;
}

export function createOutboxStore(db: Db): OutboxStore {
  return {
    async due(now, limit) {
      // The first unsent message of each ticket only: thread order is the order of enqueueing.
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT o.id, o.payloadJson, o.status, o.attempts, o.nextAttemptAt, o.slackTs, o.lastError
           FROM OutboxMessage o
          WHERE o.status = 'pending' AND o.nextAttemptAt <= ?
            AND (o.ticketId IS NULL OR NOT EXISTS (
                  SELECT 1 FROM OutboxMessage p
                   WHERE p.ticketId = o.ticketId AND p.id < o.id AND p.status IN ('pending', 'sending')))
          ORDER BY o.id LIMIT ?`,
        now.getTime(),
        limit,
      );
      return rows.map((r) => toItem({ ...r, nextAttemptAt: new Date(r.nextAttemptAt) }));
    },
    async claim(id) {
      const { count } = await db.outboxMessage.updateMany({
        where: { id, status: 'pending' },
        data: { status: 'sending', attempts: { increment: 1 } },
      });
      return count === 1;
    },
    async inDoubt() {
      const rows = await db.outboxMessage.findMany({ where: { status: 'sending' }, orderBy: { id: 'asc' } });
      return rows.map(toItem);
    },
    async markSent(id, slackTs) {
      await db.$transaction(async (tx) => {
        const row = await tx.outboxMessage.update({
          where: { id },
          data: { status: 'sent', slackTs, sentAt: new Date(), lastError: null },
        });
        if (row.kind === 'post_root' && row.ticketId && slackTs) {
          await tx.ticket.update({
            where: { id: row.ticketId },
            data: { rootTs: slackTs, channelId: row.channelId },
          });
        }
      });
    },
    async reschedule(id, at, error) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: 'pending', nextAttemptAt: at, lastError: error.slice(0, 500) },
      });
    },
    async markFailed(id, error) {
      await db.outboxMessage.update({
        where: { id },
        data: { status: 'failed', lastError: error.slice(0, 500) },
      });
    },
    async rootTsOf(ticketId) {
      const t = await db.ticket.findUnique({ where: { id: ticketId }, select: { rootTs: true } });
      return t?.rootTs ?? null;
    },
    async groupRootTsOf(group) {
      const row = await db.outboxMessage.findFirst({
        where: { ticketId: group, kind: 'post_thread_root', status: 'sent' },
        orderBy: { id: 'asc' },
        select: { slackTs: true },
      });
      return row?.slackTs ?? null;
    },
    async nextDueAt() {
      const row = await db.outboxMessage.findFirst({
        where: { status: 'pending' },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      });
      return row?.nextAttemptAt ?? null;
    },
    async counts() {
      const groups = await db.outboxMessage.groupBy({ by: ['status'], _count: { _all: true } });
      const out: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
      for (const g of groups) out[g.status as OutboxStatus] = g._count._all;
      return out;
    },
  };
}
