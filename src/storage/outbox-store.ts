import {
  type OutboxEffect,
  type OutboxItem,
  type OutboxStatus,
  orderGroupOf,
} from '../domain/outbox/outbox.ts';
import type { OutboxStore } from '../domain/outbox/ports.ts';
import { type Db, providerOfDb, type Tx } from './database.ts';

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

/** `enqueueEffect` for many effects in two statements (one read, one insert) instead of two per effect:
 *  on PostgreSQL every statement is a round trip inside the caller's transaction. Returns how many were new. */
export async function enqueueEffects(tx: Tx | Db, effects: readonly OutboxEffect[]): Promise<number> {
  if (effects.length === 0) return 0;
  if (effects.length === 1) return (await enqueueEffect(tx, effects[0] as OutboxEffect)) ? 1 : 0;
  const existing = await tx.outboxMessage.findMany({
    where: { idempotencyKey: { in: effects.map((e) => e.key) } },
    select: { idempotencyKey: true },
  });
  const seen = new Set(existing.map((r) => r.idempotencyKey));
  const fresh: OutboxEffect[] = [];
  for (const e of effects) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    fresh.push(e);
  }
  if (fresh.length === 0) return 0;
  // One multi-row INSERT keeps the array's order in the autoincrement ids (thread order).
  await tx.outboxMessage.createMany({
    data: fresh.map((effect) => ({
      idempotencyKey: effect.key,
      kind: effect.kind,
      channelId: effect.channelId,
      ticketId: orderGroupOf(effect),
      payloadJson: JSON.stringify(effect),
    })),
  });
  return fresh.length;
}

/** Who claims rows, and for how long (see the `Lease` notes in prisma/schema.prisma). */
export interface ClaimOptions {
  instanceId: string;
  leaseMs: number;
}

/** A row in `sending` is in doubt when its claim ran out, has none (claimed before leases), or is ours. */
const inDoubtWhere = (now: Date, instanceId: string) => ({
  status: 'sending',
  OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }, { claimedBy: instanceId }],
});

export function createOutboxStore(db: Db, claims: ClaimOptions): OutboxStore {
  const { instanceId, leaseMs } = claims;
  return {
    async due(now, limit) {
      // The first unsent message of each ticket only: thread order is the order of enqueueing.
      // Quoted identifiers work in both stores; SQLite keeps timestamps as epoch ms, PostgreSQL as timestamps.
      const pg = providerOfDb(db) === 'postgresql';
      const rows = await db.$queryRawUnsafe<Row[]>(
        `SELECT o."id", o."payloadJson", o."status", o."attempts", o."nextAttemptAt", o."slackTs", o."lastError"
           FROM "OutboxMessage" o
          WHERE o."status" = 'pending' AND o."nextAttemptAt" <= ${pg ? '$1' : '?'}
            AND (o."ticketId" IS NULL OR NOT EXISTS (
                  SELECT 1 FROM "OutboxMessage" p
                   WHERE p."ticketId" = o."ticketId" AND p."id" < o."id" AND p."status" IN ('pending', 'sending')))
          ORDER BY o."id" LIMIT ${pg ? '$2' : '?'}`,
        pg ? now : now.getTime(),
        limit,
      );
      return rows.map((r) => toItem({ ...r, nextAttemptAt: new Date(r.nextAttemptAt) }));
    },
    async claim(id) {
      const { count } = await db.outboxMessage.updateMany({
        where: { id, status: 'pending' },
        data: {
          status: 'sending',
          attempts: { increment: 1 },
          claimedBy: instanceId,
          leaseUntil: new Date(Date.now() + leaseMs),
        },
      });
      return count === 1;
    },
    async renew(ids) {
      if (ids.length === 0) return;
      await db.outboxMessage.updateMany({
        where: { id: { in: ids }, status: 'sending', claimedBy: instanceId },
        data: { leaseUntil: new Date(Date.now() + leaseMs) },
      });
    },
    async confirm(id) {
      const { count } = await db.outboxMessage.updateMany({
        where: { id, status: 'sending', claimedBy: instanceId },
        data: { leaseUntil: new Date(Date.now() + leaseMs) },
      });
      return count === 1;
    },
    async inDoubt(now) {
      const rows = await db.outboxMessage.findMany({
        where: inDoubtWhere(now, instanceId),
        orderBy: { id: 'asc' },
      });
      return rows.map(toItem);
    },
    async takeOver(id, now, error) {
      const { count } = await db.outboxMessage.updateMany({
        where: { id, ...inDoubtWhere(now, instanceId) },
        data: {
          status: 'pending',
          nextAttemptAt: now,
          lastError: error.slice(0, 500),
          claimedBy: null,
          leaseUntil: null,
        },
      });
      return count === 1;
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
    async tsOfKey(key) {
      const row = await db.outboxMessage.findUnique({
        where: { idempotencyKey: key },
        select: { status: true, slackTs: true },
      });
      return row?.status === 'sent' ? row.slackTs : null;
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
