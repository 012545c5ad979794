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
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Prisma migrations without the Prisma CLI. The CLI downloads a native schema engine, which this product
 * cannot rely on; the same engine ships as WebAssembly and applies `prisma/migrations/*` into Prisma's own
 * `_prisma_migrations` table, so `prisma migrate deploy` on a connected machine agrees with what ran here.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const schemaPath = path.join(repoRoot, 'prisma', 'schema.prisma');
export const migrationsDir = path.join(repoRoot, 'prisma', 'migrations');
const noFilters = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
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

/**
 * The engine never closes the connections it opens; an open better-sqlite3 handle keeps the file locked
 * for the next run. So connections are tracked here and closed with the engine.
 */
async function openEngine(url: string, logs: string[]) {
  await loadWasm();
  const base = new PrismaBetterSqlite3({ url });
  const opened: Connection[] = [];
  const track = async <T extends Connection>(connection: Promise<T>) => {
    const c = await connection;
    opened.push(c);
    return c;
  };
  const factory = {
    provider: base.provider as 'sqlite',
    adapterName: base.adapterName,
    connect: () => track(base.connect()),
    connectToShadowDb: () => track(base.connectToShadowDb()),
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const schema = readFileSync(schemaPath, 'utf8');
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

function migrationsList(): bg.MigrationList {
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
  const file = url.replace(/^file:/, '');
  if (file === ':memory:' || file === '') return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied now. */
export async function applyMigrations(url: string): Promise<string[]> {
  ensureDatabaseFolder(url);
  const logs: string[] = [];
  const { engine, close } = await openEngine(url, logs);
  try {
    const out = await engine.applyMigrations({
      migrationsList: migrationsList(),
      filters: noFilters,
    });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/**
 * The SQL that takes a database migrated by prisma/migrations to the current schema.prisma; null when they
 * agree. Diffing from the migrations folder needs a shadow database the WebAssembly engine cannot open
 * here, so the migrations are applied to a scratch file and the diff starts from that database instead.
 */
export async function pendingSchemaSql(): Promise<string | null> {
  const scratch = path.join(mkdtempSync(path.join(tmpdir(), 'yorisoi-diff-')), 'scratch.db');
  const url = `file:${scratch}`;
  try {
    await applyMigrations(url);
    const logs: string[] = [];
    const { engine, close } = await openEngine(url, logs);
    try {
      const schema = readFileSync(schemaPath, 'utf8');
      const out = await engine.diff({
        from: {
          tag: 'schemaDatasource',
          files: [{ path: schemaPath, content: schema }],
          configDir: repoRoot,
        },
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
  } finally {
    rmSync(path.dirname(scratch), { recursive: true, force: true });
  }
}

/** Writes pending schema changes as `prisma/migrations/<timestamp>_<name>/migration.sql` (like
 *  `prisma migrate dev --create-only`). Returns the folder, or null when there is nothing to write. */
export async function createMigration(name: string, now = new Date()): Promise<string | null> {
  const sql = await pendingSchemaSql();
  if (sql === null) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), sql);
  const lock = path.join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lock)) {
    writeFileSync(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
    );
  }
  return dir;
}
