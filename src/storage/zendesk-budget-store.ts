import type { RateWindowStore } from '../domain/ports.ts';
import type { Db } from './database.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: unknown })?.code === 'P2002';

/**
 * The Zendesk budget's minute windows in the database, so every instance counts against one limit. Each
 * take is one conditional UPDATE (atomic in SQLite and PostgreSQL): no read-then-write race between instances.
 */
export function createRateWindowStore(db: Db): RateWindowStore {
  const free = (now: Date, background: boolean) => ({
    AND: [
      { OR: [{ pausedUntil: null }, { pausedUntil: { lte: now } }] },
      ...(background ? [{ OR: [{ contendedUntil: null }, { contendedUntil: { lte: now } }] }] : []),
    ],
  });
  const store: RateWindowStore = {
    async take(account, windowStart, limit, now, background = false) {
      const same = await db.zendeskRateWindow.updateMany({
        where: { account, windowStart, used: { lt: limit }, ...free(now, background) },
        data: { used: { increment: 1 } },
      });
      if (same.count === 1) return { ok: true, pausedUntil: null, contendedUntil: null };
      const next = await db.zendeskRateWindow.updateMany({
        where: { account, windowStart: { lt: windowStart }, ...free(now, background) },
        data: { windowStart, used: 1 },
      });
      if (next.count === 1) return { ok: true, pausedUntil: null, contendedUntil: null };
      const row = await db.zendeskRateWindow.findUnique({ where: { account } });
      if (row) {
        // On PostgreSQL another instance can create or move the row between the updates above and this
        // read (SQLite runs one writer at a time): a row with room in it now means take again, not "full".
        const t = windowStart.getTime();
        const blocked =
          (row.pausedUntil !== null && row.pausedUntil > now) ||
          (background && row.contendedUntil !== null && row.contendedUntil > now);
        const room = row.windowStart.getTime() < t || (row.windowStart.getTime() === t && row.used < limit);
        if (!blocked && room) return store.take(account, windowStart, limit, now, background);
        return { ok: false, pausedUntil: row.pausedUntil, contendedUntil: row.contendedUntil };
      }
      try {
        await db.zendeskRateWindow.create({ data: { account, windowStart, used: 1 } });
        return { ok: true, pausedUntil: null, contendedUntil: null };
      } catch (error) {
        // Another instance created the row first: count against it.
        if (isUniqueViolation(error)) return store.take(account, windowStart, limit, now, background);
        throw error;
      }
    },
    async pause(account, until) {
      await db.zendeskRateWindow.updateMany({
        where: { account, OR: [{ pausedUntil: null }, { pausedUntil: { lt: until } }] },
        data: { pausedUntil: until },
      });
      if (!(await db.zendeskRateWindow.findUnique({ where: { account } }))) {
        await db.zendeskRateWindow
          .create({ data: { account, windowStart: new Date(0), used: 0, pausedUntil: until } })
          .catch((error: unknown) => {
            if (!isUniqueViolation(error)) throw error;
          });
      }
    },
    async markContended(account, until) {
      await db.zendeskRateWindow.updateMany({
        where: { account, OR: [{ contendedUntil: null }, { contendedUntil: { lt: until } }] },
        data: { contendedUntil: until },
      });
    },
  };
  return store;
}
