import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/logger.ts';
import { type SandboxOptions, startSandbox } from '../../src/sandbox/sandbox.ts';
import { testDatabaseUrl } from './test-store.ts';

export type SimMessage = {
  channel: string;
  ts: string;
  thread_ts?: string | null;
  user?: string;
  text: string;
  blocks?: unknown[];
  attachments?: Array<{ color?: string; blocks?: unknown[] }>;
  metadata?: unknown;
  reply_broadcast?: boolean;
  /** Live mentions Slack would notify (the simulator's record). */
  would_notify: string[];
  /** Live links in the message's mrkdwn. */
  links: string[];
};

/** A sandbox on free ports with its own SQLite file (or PostgreSQL database in the `integration-pg`
 *  project); `logs` holds every line the app logged. */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-it-'));
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (l) => logs.push(l) });
  const databaseUrl = await testDatabaseUrl(dir);
  const sandbox = await startSandbox({
    databaseUrl,
    logger,
    pollSeconds: 3600,
    slackRate: { perSecond: 50, burst: 10 },
    // The simulator defaults to the Team plan (200/min). Tests run hours of agent work in seconds, so they
    // get Enterprise's budget unless they test the limit itself.
    zendeskPerMinute: 700,
    ...options,
  });
  const api = async <T = unknown>(
    method: string,
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${sandbox.simUrl}${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const messages = async (channel?: string) =>
    (
      await api<{ messages: SimMessage[] }>(
        'GET',
        `/_sim/slack/messages${channel ? `?channel=${channel}` : ''}`,
      )
    ).body.messages;
  const openTicket = async (input: Record<string, unknown>) =>
    (
      await api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
        requester: { email: 'taro@example.com', name: 'Taro' },
        ...input,
      })
    ).body.ticket;
  return {
    ...sandbox,
    /** The current runtime (restartApp replaces it). */
    get runtime() {
      return sandbox.runtime;
    },
    /** The test's own connection to the sandbox's database (replaced by restartApp). */
    get db() {
      return sandbox.db;
    },
    /** The current runtime's feature services. */
    get features() {
      return sandbox.runtime.features;
    },
    dir,
    /** The sandbox's store, for a CLI command run beside it. */
    databaseUrl,
    logs,
    api,
    messages,
    openTicket,
    async close() {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestSandbox = Awaited<ReturnType<typeof startTestSandbox>>;

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

export const rootsOf = (messages: SimMessage[], ticketId: number | string) =>
  messages.filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && m.text.startsWith(`#${ticketId} `));
export const repliesTo = (messages: SimMessage[], rootTs: string) =>
  messages.filter((m) => m.thread_ts === rootTs && m.ts !== rootTs);
