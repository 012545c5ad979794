import type { KeyValueStore } from '../domain/ports.ts';
import type { Db } from './database.ts';

export function createKeyValueStore(db: Db): KeyValueStore {
  return {
    async get(key) {
      return (await db.keyValue.findUnique({ where: { key } }))?.value ?? null;
    },
    async set(key, value) {
      await db.keyValue.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
  };
}
