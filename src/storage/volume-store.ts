import type { OutboxEffect } from '../domain/outbox/outbox.ts';
import type { VolumeStore } from '../domain/volume/ports.ts';
import { BUCKET_MINUTES, bucketStart } from '../domain/volume/volume-model.ts';
import type { Db, Tx } from './database.ts';
import { enqueueEffect } from './outbox-store.ts';

/** Adds one ticket to its 5-minute bucket in every scope; runs inside the ticket's own transaction. */
export async function countTicket(tx: Tx | Db, at: Date, scopes: string[]) {
  const start = bucketStart(at);
  for (const scope of scopes) {
    await tx.volumeBucket.upsert({
      where: { scope_start: { scope, start } },
      create: { scope, start, count: 1 },
      update: { count: { increment: 1 } },
    });
  }
}

export function createVolumeStore(db: Db): VolumeStore & {
  countsSince(from: Date, to: Date): Promise<Array<{ scope: string; count: number }>>;
  /** Adds counts directly (imports, benches, tests of a generated history). */
  add(scope: string, at: Date, count: number): Promise<void>;
} {
  return {
    async count(scope, from, to) {
      // Buckets are whole: a window covers the bucket holding `from` (at most 5 minutes more).
      const r = await db.volumeBucket.aggregate({
        where: { scope, start: { gte: bucketStart(from), lt: to } },
        _sum: { count: true },
      });
      return r._sum.count ?? 0;
    },
    async series(scope, from, stepMs, steps) {
      const to = new Date(from.getTime() + stepMs * steps);
      const rows = await db.volumeBucket.findMany({
        where: { scope, start: { gte: from, lt: to } },
        select: { start: true, count: true },
      });
      const out = new Array<number>(steps).fill(0);
      for (const r of rows) {
        const i = Math.floor((r.start.getTime() - from.getTime()) / stepMs);
        if (i >= 0 && i < steps) out[i] = (out[i] ?? 0) + r.count;
      }
      return out;
    },
    async topTags(from, to, limit) {
      const groups = await db.volumeBucket.groupBy({
        by: ['scope'],
        where: { scope: { startsWith: 'tag:' }, start: { gte: bucketStart(from), lt: to } },
        _sum: { count: true },
      });
      return groups
        .map((g) => ({ tag: g.scope.slice(4), count: g._sum.count ?? 0 }))
        .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
        .slice(0, limit);
    },
    async countsSince(from, to) {
      const groups = await db.volumeBucket.groupBy({
        by: ['scope'],
        where: { start: { gte: bucketStart(from), lt: to } },
        _sum: { count: true },
      });
      return groups
        .map((g) => ({ scope: g.scope, count: g._sum.count ?? 0 }))
        .sort((a, b) => b.count - a.count || a.scope.localeCompare(b.scope));
    },
    async sampleSubjects(scope, from, to, limit) {
      const [kind, ...rest] = scope.split(':');
      const value = rest.join(':');
      const rows = await db.ticket.findMany({
        where: {
          zendeskCreatedAt: { gte: new Date(from.getTime() - BUCKET_MINUTES * 60_000), lte: to },
          ...(kind === 'tag' ? { tagsJson: { contains: JSON.stringify(value) } } : {}),
          ...(kind === 'inbox' ? { inboxId: value } : {}),
        },
        orderBy: { zendeskCreatedAt: 'desc' },
        take: limit,
        select: { zendeskId: true, subject: true },
      });
      return rows;
    },
    async openEpisode(ruleId) {
      const row = await db.alertEpisode.findUnique({ where: { openRuleId: ruleId } });
      return row
        ? { id: row.id, ruleId: row.ruleId, startedAt: row.startedAt, peakCount: row.peakCount }
        : null;
    },
    async listOpenEpisodes() {
      const rows = await db.alertEpisode.findMany({
        where: { endedAt: null },
        orderBy: { startedAt: 'asc' },
      });
      return rows.map((r) => ({
        id: r.id,
        ruleId: r.ruleId,
        scope: r.scope,
        startedAt: r.startedAt,
        peakCount: r.peakCount,
      }));
    },
    async openEpisodeWith(e, effects: OutboxEffect[]) {
      try {
        await db.$transaction(async (tx) => {
          await tx.alertEpisode.create({
            data: {
              id: e.id,
              ruleId: e.ruleId,
              scope: e.scope,
              openRuleId: e.ruleId,
              startedAt: e.startedAt,
              peakCount: e.peakCount,
              baseline: e.baseline,
            },
          });
          for (const effect of effects) await enqueueEffect(tx, effect);
        });
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return false; // another evaluation opened it first
        throw error;
      }
    },
    async closeEpisodeWith(id, endedAt, effects) {
      await db.$transaction(async (tx) => {
        const { count } = await tx.alertEpisode.updateMany({
          where: { id, endedAt: null },
          data: { endedAt, openRuleId: null },
        });
        if (count === 1) for (const effect of effects) await enqueueEffect(tx, effect);
      });
    },
    async raisePeak(id, count) {
      await db.alertEpisode.updateMany({
        where: { id, peakCount: { lt: count } },
        data: { peakCount: count },
      });
    },
    async add(scope, at, count) {
      const start = bucketStart(at);
      await db.volumeBucket.upsert({
        where: { scope_start: { scope, start } },
        create: { scope, start, count },
        update: { count: { increment: count } },
      });
    },
  };
}

export type SqliteVolumeStore = ReturnType<typeof createVolumeStore>;
