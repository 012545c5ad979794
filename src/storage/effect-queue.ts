import type { OutboxEffect } from '../domain/outbox/outbox.ts';
import type { Db } from './database.ts';
import { enqueueEffect } from './outbox-store.ts';

/** Queues outbox effects outside a ticket sync (voices, follow-ups), each once under its idempotency key. */
export function createEffectQueue(db: Db, onQueued: () => void) {
  return {
    /** Adds the effects in one transaction; returns how many were new. */
    async enqueue(effects: OutboxEffect[]): Promise<number> {
      let added = 0;
      await db.$transaction(async (tx) => {
        for (const e of effects) if (await enqueueEffect(tx, e)) added++;
      });
      if (added > 0) onQueued();
      return added;
    },
    async has(key: string): Promise<boolean> {
      return (await db.outboxMessage.count({ where: { idempotencyKey: key } })) > 0;
    },
  };
}
