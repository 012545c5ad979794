import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, startSimulators as startSims, yorisoiEnvironment } from '../../src/sim/index.ts';
import { type Db, openDatabase } from '../../src/storage/database.ts';

export { freePort };

/**
 * The simulators alone, for tests that run yorisoi as a separate process (`yorisoi start` with live-mode
 * environment variables pointing at them) — e.g. to kill it with SIGKILL.
 */
export async function startSimulators(options: {
  appPort: number;
  slackRate?: { perSecond: number; burst: number };
  zendeskPerMinute?: number;
}) {
  // Tests run a day's tickets in seconds: an Enterprise+ allowance, all of it for yorisoi (the budget is
  // tested by zendesk-budget.test.ts).
  const zendeskPerMinute = options.zendeskPerMinute ?? 2500;
  const sims = await startSims({
    appUrl: `http://127.0.0.1:${options.appPort}`,
    slackRate: options.slackRate,
    zendeskPerMinute,
  });
  const env = {
    ...yorisoiEnvironment(sims),
    ZENDESK_RATE_LIMIT_PER_MINUTE: String(zendeskPerMinute),
    YORISOI_ZENDESK_SHARE: '1',
    PORT: String(options.appPort),
  };
  return { ...sims, env };
}

/**
 * `yorisoi start` as a child process with these environment variables; resolves once it says it is
 * running, rejects if it exits first. `output()` is everything it printed.
 */
export function launchYorisoi(env: NodeJS.ProcessEnv, repo: string) {
  let output = '';
  const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), 'start'], {
    env,
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = new Promise<ChildProcess>((resolve, reject) => {
    child.stderr?.on('data', (d) => {
      output += d;
    });
    child.stdout?.on('data', (d) => {
      output += d;
      if (String(d).includes('yorisoi running')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`yorisoi exited early (${code}): ${output.slice(-2000)}`)));
  });
  running.catch(() => {});
  return { child, running, output: () => output };
}

/** SIGKILL, and wait until the process is gone. */
export async function killHard(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
}

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  status: string;
  lastError: string | null;
  slackTs: string | null;
}

/**
 * A read connection beside the running process, as an operator's SQL shell would be (a SQLite file or a
 * PostgreSQL database): the outbox rows as they are right now. Closed by `close()`.
 */
export async function outboxReader(databaseUrl: string) {
  let db: Db | undefined;
  return {
    async rows(): Promise<OutboxRow[]> {
      // The process under test migrates the database at start-up: open it only when there is something to read.
      db ??= await openDatabase(databaseUrl, { migrate: false });
      return db.outboxMessage.findMany({
        select: { id: true, idempotencyKey: true, status: true, lastError: true, slackTs: true },
        orderBy: { id: 'asc' },
      });
    },
    /** Releases the connection (a restarting yorisoi migrates the database and must be its only user). */
    async close() {
      await db?.$disconnect();
      db = undefined;
    },
  };
}
