import type { Db } from './database.ts';

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

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
