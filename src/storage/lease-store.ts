import type { Leases } from '../domain/ports.ts';
import type { Db } from './database.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

/**
 * Leases in the `Lease` table, the same on SQLite and PostgreSQL: taking a lease is one conditional UPDATE
 * (`holder = me OR expiresAt < now`), or an INSERT when the row does not exist yet, whose unique key lets only
 * one instance win. On PostgreSQL two instances racing for an expired lease serialise on the row lock and the
 * second re-checks the condition against the first one's new expiry, so only one gets it.
 * Times are this instance's clock: instances are expected to keep NTP time (seconds, not the lease's TTL, apart).
 */
export function createLeases(
  db: Db,
  options: { holder: string; ttlMs: number; onLost?: (name: string) => void },
): Leases {
  const { holder, ttlMs } = options;
  const held = new Set<string>();
  async function acquire(name: string): Promise<boolean> {
    const got = await take(name);
    if (got) held.add(name);
    else held.delete(name);
    return got;
  }
  async function take(name: string): Promise<boolean> {
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const { count } = await db.lease.updateMany({
      where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
      data: { holder, expiresAt },
    });
    if (count === 1) return true;
    try {
      await db.lease.create({ data: { name, holder, expiresAt } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
  return {
    holder,
    ttlMs,
    acquire,
    async release(name) {
      held.delete(name);
      await db.lease.deleteMany({ where: { name, holder } });
    },
    async releaseAll() {
      const names = [...held];
      held.clear();
      if (names.length > 0) await db.lease.deleteMany({ where: { name: { in: names }, holder } });
    },
    async runExclusive(name, fn) {
      if (!(await acquire(name))) return { ran: false };
      // Renewed while fn runs, so a long run is not taken over; kept afterwards (until it expires), so the
      // same instance keeps running a frequent job and the others skip it.
      const renew = setInterval(
        () => {
          acquire(name)
            .then((still) => {
              if (!still) options.onLost?.(name);
            })
            .catch(() => undefined);
        },
        Math.max(50, Math.floor(ttlMs / 3)),
      );
      renew.unref();
      try {
        return { ran: true, value: await fn() };
      } finally {
        clearInterval(renew);
      }
    },
  };
}
