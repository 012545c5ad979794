import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Prisma migrations without the Prisma CLI. The CLI downloads a native schema engine, which this product
 * cannot rely on; the same engine ships as WebAssembly and applies `prisma/migrations/*` into Prisma's own
 * `_prisma_migrations` table, so `prisma migrate deploy` on a connected machine agrees with what ran here.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const schemaPath = path.join(repoRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');
/** PostgreSQL's migrations: the same changes as `migrationsDir`, in PostgreSQL's SQL, under the same names. */
export const postgresMigrationsDir = path.join(repoRoot, 'prisma', 'migrations-postgres');

export type Provider = 'sqlite' | 'postgresql';

/**
 * PostgreSQL support began with one migration holding every SQLite migration before it; every later change
 * has a twin of the same name in both folders (`yorisoi db diff NAME` writes both).
 */
export const postgresBaseline = '20261130080300_postgres_baseline';

/** The migration names in each folder, sorted. */
export function migrationNames(provider: Provider): string[] {
  return migrationsList(provider).migrationDirectories.map((d) => d.path);
}

/** `postgres://…` / `postgresql://…` → PostgreSQL; anything else (`file:…`) → SQLite. */
export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/** schema.prisma is written once, for SQLite; PostgreSQL's datamodel is the same text with its provider. */
export function schemaFor(provider: Provider): string {
  const schema = readFileSync(schemaPath, 'utf8');
  return provider === 'sqlite'
    ? schema
    : schema.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
}

function migrationsDirFor(provider: Provider): string {
  return provider === 'sqlite' ? migrationsDir : postgresMigrationsDir;
}
const noFilters = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;
let lastPanic: string | undefined;
/** The message of the schema engine's last panic, if any (for error reports). */
export function lastEnginePanic(): string | undefined {
  return lastPanic;
}
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    // A panic in the engine reports its message here before it throws; keep it for the error.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message(message: string) {
        lastPanic = message;
      },
    };
    // The .wasm file is not in the package's exports map: resolve the exported glue and look beside it.
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(
      path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')),
      'schema_engine_bg.wasm',
    );
    const { instance } = await (
      globalThis as unknown as {
        WebAssembly: { instantiate(b: Uint8Array, i: object): Promise<{ instance: { exports: object } }> };
      }
    ).WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': bg });
    // biome-ignore lint/suspicious/noExplicitAny: wasm-bindgen glue is untyped
    (bg as any).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return wasmReady;
}

type Connection = { dispose(): Promise<void> };

const PG_CHAR = 18;
const PG_TEXT = 25;
type PgQueryable = {
  performIO(query: object): Promise<{ fields?: Array<{ dataTypeID: number }> }>;
  queryRaw(query: object): Promise<{ columnTypes: number[] }>;
};

/**
 * The schema engine reads PostgreSQL's catalog, whose `"char"` columns (pg_class.relkind,
 * pg_constraint.contype …) @prisma/adapter-pg 7.10 refuses as an unsupported type, while the engine expects
 * them as its `Character` column type. On the migration engine's connections only, such columns are read as
 * text and reported as `Character`; yorisoi's own client never reads them.
 */
function readCharAsCharacter<T extends Connection>(connection: T): T {
  const c = connection as unknown as Partial<PgQueryable>;
  if (typeof c.performIO !== 'function' || typeof c.queryRaw !== 'function') return connection;
  const performIO = c.performIO.bind(connection);
  const queryRaw = c.queryRaw.bind(connection);
  const charColumns = new WeakMap<object, number[]>();
  c.performIO = async (query) => {
    const result = await performIO(query);
    const columns: number[] = [];
    result.fields?.forEach((field, i) => {
      if (field.dataTypeID === PG_CHAR) {
        field.dataTypeID = PG_TEXT;
        columns.push(i);
      }
    });
    if (columns.length) charColumns.set(query, columns);
    return result;
  };
  c.queryRaw = async (query) => {
    const out = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) out.columnTypes[i] = ColumnTypeEnum.Character;
    return out;
  };
  return connection;
}

/**
 * The engine never closes the connections it opens; an open better-sqlite3 handle keeps the file locked
 * for the next run. So connections are tracked here and closed with the engine.
 */
async function openEngine(url: string, logs: string[], pool?: pg.Pool) {
  await loadWasm();
  const provider = providerOf(url);
  const base =
    provider === 'sqlite'
      ? new PrismaBetterSqlite3({ url })
      : new PrismaPg(pool ?? { connectionString: url });
  const opened: Connection[] = [];
  const track = async <T extends Connection>(connection: Promise<T>) => {
    const c = await connection;
    opened.push(c);
    return c;
  };
  const factory = {
    provider: base.provider as 'sqlite' | 'postgres',
    adapterName: base.adapterName,
    connect: () => track(base.connect().then(readCharAsCharacter)),
    connectToShadowDb: () => track(base.connectToShadowDb().then(readCharAsCharacter)),
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const schema = schemaFor(provider);
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    (line: string) => logs.push(line),
    adapter,
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((c) => c.dispose().catch(() => undefined)));
    },
  };
}

function migrationsList(provider: Provider): bg.MigrationList {
  const migrationsDir = migrationsDirFor(provider);
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, 'migration.sql')))
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: {
          tag: 'ok' as const,
          value: readFileSync(path.join(migrationsDir, dir, 'migration.sql'), 'utf8'),
        },
      },
    })),
  };
}

/** SQLite file URL → make sure its folder exists (better-sqlite3 creates the file, not the folder). */
export function ensureDatabaseFolder(url: string): void {
  if (providerOf(url) !== 'sqlite') return;
  const file = url.replace(/^file:/, '');
  if (file === ':memory:' || file === '') return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/** The advisory lock key Prisma's schema engine (and `prisma migrate deploy`) takes while it migrates. */
export const migrationLockKey = 72707369;

/**
 * PostgreSQL: one session for the whole migrate, holding Prisma's migration lock from before the engine
 * reads `_prisma_migrations` until after it has recorded the last migration. Instances that start at once
 * queue on the lock (as long as it takes: the engine's own wait gives up after ten seconds, while a
 * migration on a big table can take minutes), then find everything applied. The engine runs on this same
 * session (a pool of one connection), where its own `pg_advisory_lock` of the same key is granted at once
 * (advisory locks are re-entrant per session); closing the session releases the lock, also on a crash.
 */
async function withPostgresMigrationLock<T>(url: string, run: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 1, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    return await run(pool);
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/**
 * SQLite: the engine takes no lock of its own, and two runs at once on one file (a second process started
 * while the first migrates, `yorisoi db migrate` beside `yorisoi start`) fail on each other's writes. A
 * write transaction (`BEGIN IMMEDIATE`) on a file beside the database, `<file>.migrate-lock`, is held for
 * the whole migrate; the others try again every 50 ms without blocking their event loop. The operating
 * system drops the lock with the process, so a crash leaves no stale lock behind.
 */
async function withSqliteMigrationLock<T>(url: string, run: () => Promise<T>): Promise<T> {
  const file = url.replace(/^file:/, '').replace(/\?.*$/, '');
  if (file === '' || file === ':memory:') return run();
  const lock = new Database(`${path.resolve(file)}.migrate-lock`, { timeout: 0 });
  try {
    for (;;) {
      try {
        lock.exec('BEGIN IMMEDIATE');
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return await run();
  } finally {
    lock.close();
  }
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied now. */
export async function applyMigrations(url: string): Promise<string[]> {
  ensureDatabaseFolder(url);
  const apply = async (pool?: pg.Pool) => {
    const logs: string[] = [];
    const { engine, close } = await openEngine(url, logs, pool);
    try {
      const out = await engine.applyMigrations({
        migrationsList: migrationsList(providerOf(url)),
        filters: noFilters,
      });
      return out.appliedMigrationNames;
    } finally {
      await close();
    }
  };
  return providerOf(url) === 'postgresql'
    ? withPostgresMigrationLock(url, apply)
    : withSqliteMigrationLock(url, () => apply());
}

/**
 * The SQL that takes a fresh database, migrated by its provider's migrations, to the current schema.prisma;
 * null when they agree. Diffing from the migrations folder needs a shadow database the WebAssembly engine
 * cannot open for SQLite, so the migrations are applied to an empty database and the diff starts from it.
 */
export async function schemaDriftSql(emptyDatabaseUrl: string): Promise<string | null> {
  await applyMigrations(emptyDatabaseUrl);
  const logs: string[] = [];
  const { engine, close } = await openEngine(emptyDatabaseUrl, logs);
  try {
    const schema = schemaFor(providerOf(emptyDatabaseUrl));
    const out = await engine.diff({
      from: { tag: 'schemaDatasource', files: [{ path: schemaPath, content: schema }], configDir: repoRoot },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = out.stdout ?? '';
    return sql.trim() === '' || /^-- This is an empty migration\.\s*$/.test(sql.trim()) ? null : sql;
  } finally {
    await close();
  }
}

/** SQLite's pending schema changes, computed on a scratch file. */
export async function pendingSchemaSql(): Promise<string | null> {
  const scratch = path.join(mkdtempSync(path.join(tmpdir(), 'yorisoi-diff-')), 'scratch.db');
  try {
    return await schemaDriftSql(`file:${scratch}`);
  } finally {
    rmSync(path.dirname(scratch), { recursive: true, force: true });
  }
}

function writeMigration(provider: Provider, folder: string, sql: string): string {
  const base = migrationsDirFor(provider);
  const dir = path.join(base, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), sql);
  const lock = path.join(base, 'migration_lock.toml');
  if (!existsSync(lock)) {
    writeFileSync(
      lock,
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`,
    );
  }
  return dir;
}

/**
 * Writes pending schema changes as `prisma/migrations/<timestamp>_<name>/migration.sql` (like
 * `prisma migrate dev --create-only`) and, with `postgresUrl` (an empty scratch PostgreSQL database), the
 * PostgreSQL twin under the same name in `prisma/migrations-postgres/`. Returns the folders written.
 */
export async function createMigration(
  name: string,
  now = new Date(),
  options: { postgresUrl?: string } = {},
): Promise<string[]> {
  const sqliteSql = await pendingSchemaSql();
  const pgSql = options.postgresUrl ? await schemaDriftSql(options.postgresUrl) : null;
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const folder = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`;
  const written: string[] = [];
  if (sqliteSql !== null) written.push(writeMigration('sqlite', folder, sqliteSql));
  if (pgSql !== null) written.push(writeMigration('postgresql', folder, pgSql));
  return written;
}
