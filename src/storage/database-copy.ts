import { readFileSync } from 'node:fs';
import { type Db, openDatabase, providerOfDb } from './database.ts';
import { providerOf, schemaPath } from './migrations.ts';

/**
 * Copies every row of one yorisoi database into another, empty one — SQLite → PostgreSQL when a team
 * outgrows the file, or back. Both are migrated to the current schema first. Tables are read in pages
 * (ordered by every column, so the order is total) and written in dependency order, parents first;
 * PostgreSQL's autoincrement sequences are moved past the copied ids.
 */

type Model = { name: string; scalars: string[]; parents: string[]; autoincrement: string[] };

/** The models of schema.prisma, parents before children. */
export function modelsInCopyOrder(schema = readFileSync(schemaPath, 'utf8')): Model[] {
  const blocks = [...schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)].map((m) => ({
    name: m[1] as string,
    body: m[2] as string,
  }));
  const names = new Set(blocks.map((b) => b.name));
  const models = blocks.map(({ name, body }): Model => {
    const scalars: string[] = [];
    const parents: string[] = [];
    const autoincrement: string[] = [];
    for (const raw of body.split('\n')) {
      const line = raw.replace(/\/\/.*$/, '').trim();
      const field = /^(\w+)\s+(\w+)(\[\])?\??(\s|$)/.exec(line);
      if (!field || line.startsWith('@@')) continue;
      const [, fieldName, type, list] = field as unknown as [string, string, string, string | undefined];
      if (names.has(type)) {
        if (!list && /@relation\([^)]*fields:/.test(line) && type !== name) parents.push(type);
        continue;
      }
      scalars.push(fieldName);
      if (/@default\(autoincrement\(\)\)/.test(line)) autoincrement.push(fieldName);
    }
    return { name, scalars, parents, autoincrement };
  });
  const ordered: Model[] = [];
  const placed = new Set<string>();
  while (ordered.length < models.length) {
    const next = models.find((m) => !placed.has(m.name) && m.parents.every((p) => placed.has(p)));
    if (!next) throw new Error('schema.prisma has a relation cycle: cannot order the copy');
    ordered.push(next);
    placed.add(next.name);
  }
  return ordered;
}

type Delegate = {
  count(): Promise<number>;
  findMany(args: object): Promise<Record<string, unknown>[]>;
  createMany(args: { data: Record<string, unknown>[] }): Promise<{ count: number }>;
};
const delegate = (db: Db, model: string) =>
  (db as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)] as Delegate;

export type CopyReport = { table: string; rows: number }[];

export async function copyDatabase(
  fromUrl: string,
  toUrl: string,
  options: { pageSize?: number; progress?: (table: string, rows: number) => void } = {},
): Promise<CopyReport> {
  if (fromUrl === toUrl) throw new Error('--from and --to are the same database');
  const pageSize = options.pageSize ?? 1000;
  const from = await openDatabase(fromUrl).catch((error: Error) => {
    // better-sqlite3's "database is locked" reaches the schema engine as a socket timeout.
    throw /SocketTimeout|locked|busy/i.test(error.message)
      ? new Error(`the source database is in use: stop yorisoi first (${error.message.slice(0, 120)})`)
      : error;
  });
  let to: Db | undefined;
  try {
    to = await openDatabase(toUrl);
    const models = modelsInCopyOrder();
    for (const m of models) {
      const rows = await delegate(to, m.name).count();
      if (rows > 0)
        throw new Error(`the target is not empty (${m.name} has ${rows} rows): copy into a new database`);
    }
    const report: CopyReport = [];
    for (const m of models) {
      const source = delegate(from, m.name);
      const target = delegate(to, m.name);
      const orderBy = m.scalars.map((f) => ({ [f]: 'asc' }));
      let copied = 0;
      for (;;) {
        const page = await source.findMany({ orderBy, skip: copied, take: pageSize });
        if (page.length === 0) break;
        await target.createMany({ data: page });
        copied += page.length;
        options.progress?.(m.name, copied);
        if (page.length < pageSize) break;
      }
      if (providerOfDb(to) === 'postgresql') {
        for (const column of m.autoincrement) {
          await to.$executeRawUnsafe(
            `SELECT setval(pg_get_serial_sequence('"${m.name}"', '${column}'), COALESCE((SELECT MAX("${column}") FROM "${m.name}"), 0) + 1, false)`,
          );
        }
      }
      report.push({ table: m.name, rows: copied });
    }
    return report;
  } finally {
    await from.$disconnect();
    await to?.$disconnect();
  }
}

/** For messages: the URL without its password. */
export function redactUrl(url: string): string {
  if (providerOf(url) === 'sqlite') return url;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
