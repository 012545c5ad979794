// Runs `prisma generate` offline. Prisma's CLI insists on a schema-engine binary it would download from the
// internet; generating the client does not use it (the generator is WebAssembly), so any existing file will do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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
const result = spawnSync(process.execPath, [cli, 'generate'], { cwd: root, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
