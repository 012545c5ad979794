// Runs `prisma generate` offline, for both stores. Prisma's CLI insists on a schema-engine binary it would
// download from the internet; generating the client does not use it (the generator is WebAssembly), so any
// existing file will do. prisma/schema.prisma (SQLite) is the one schema: the PostgreSQL client is generated
// from a copy whose datasource provider is "postgresql" (src/generated/postgres/schema.prisma), because a
// Prisma client only accepts a driver adapter of the provider it was generated for.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve('prisma/build/index.js', { paths: [root] });
} catch {
  console.log('prisma-generate: prisma CLI not installed (production install?), skipping');
  process.exit(0);
}
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
env.PRISMA_HIDE_UPDATE_MESSAGE = '1';

const sqliteSchema = readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8');
const pgDir = path.join(root, 'src', 'generated', 'postgres');
mkdirSync(pgDir, { recursive: true });
const pgSchemaPath = path.join(pgDir, 'schema.prisma');
writeFileSync(
  pgSchemaPath,
  sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/prisma"/, 'output = "../prisma-pg"'),
);

for (const args of [['generate'], ['generate', '--schema', pgSchemaPath]]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
