import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TemplateIndexSnapshots } from '../domain/templates/ports.ts';

const FORMAT = 2;

/** `file:./.yorisoi/yorisoi.db` → `.yorisoi/yorisoi.db.templates-index`; null for in-memory databases and PostgreSQL. */
export function templateIndexFileFor(databaseUrl: string): string | null {
  // On PostgreSQL (possibly shared by several instances) the index is rebuilt from the database at start.
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return null;
  const file = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  if (file === '' || file === ':memory:') return null;
  return `${path.resolve(file)}.templates-index`;
}

/**
 * The search index snapshot as a file next to the database: one line of metadata, one line of
 * `[id, updatedAt]` pairs, then the index's own serialisation. Written to a temporary file and renamed, so a crash never leaves half a snapshot.
 */
export function createTemplateIndexFile(file: string | null): TemplateIndexSnapshots {
  return {
    async read() {
      if (!file || !existsSync(file)) return null;
      const text = readFileSync(file, 'utf8');
      const cut = text.indexOf('\n');
      const cut2 = text.indexOf('\n', cut + 1);
      if (cut < 0 || cut2 < 0) return null;
      const meta = JSON.parse(text.slice(0, cut)) as {
        format?: number;
        syncedThrough?: number;
        count?: number;
      };
      if (meta.format !== FORMAT || typeof meta.syncedThrough !== 'number' || typeof meta.count !== 'number')
        return null;
      const indexedAt = JSON.parse(text.slice(cut + 1, cut2)) as Array<[string, number]>;
      return { syncedThrough: meta.syncedThrough, count: meta.count, indexedAt, index: text.slice(cut2 + 1) };
    },
    async write(snapshot) {
      if (!file) return;
      const tmp = `${file}.${process.pid}.tmp`;
      const meta = JSON.stringify({
        format: FORMAT,
        syncedThrough: snapshot.syncedThrough,
        count: snapshot.count,
      });
      writeFileSync(tmp, `${meta}\n${JSON.stringify(snapshot.indexedAt)}\n${snapshot.index}`);
      renameSync(tmp, file);
    },
  };
}
