import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.ts';
import { AIKO, submitPreview, ticketWithThread, writeAndPreview } from './drafting-helpers.ts';
import { type SimMessage, type TestSandbox, waitFor } from './helpers.ts';
import { freePort, startSimulators } from './sim-harness.ts';
import { testDatabaseUrl } from './test-store.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-crash-reply-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('crash while a reply is in flight', () => {
  it('Zendesk stored the public comment and hangs; SIGKILL with the send provably in `sending`; after a restart exactly one comment', async () => {
    const appPort = await freePort();
    const sims = await startSimulators({ appPort, zendeskPerMinute: 100_000 });
    const inboxes = path.join(dir, 'inboxes.yml');
    writeFileSync(inboxes, 'inboxes:\n  - {id: photos, channel: C0PHOTOS, brand: photos, default: true}\n');
    const databaseUrl = await testDatabaseUrl(dir, 'crash-reply.db');
    const env = {
      ...process.env,
      ...sims.env,
      DATABASE_URL: databaseUrl,
      YORISOI_INBOXES_FILE: inboxes,
      YORISOI_POLL_SECONDS: '1',
      YORISOI_UNDO_SECONDS: '0',
      LOG_LEVEL: 'warn',
    };
    // Only ZENDESK_API_URL is set (no subdomain), as for a proxy: agent links must follow it.
    expect('ZENDESK_SUBDOMAIN' in sims.env).toBe(false);
    let output = '';
    const launch = () =>
      new Promise<ChildProcess>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), 'start'], {
          env,
          cwd: repo,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        children.push(child);
        child.stderr?.on('data', (d) => {
          output += d;
        });
        child.stdout?.on('data', (d) => {
          output += d;
          if (String(d).includes('yorisoi running')) resolve(child);
        });
        child.once('exit', (code) =>
          reject(new Error(`yorisoi exited early (${code}): ${output.slice(-2000)}`)),
        );
      });
    // The drafting helpers only talk to the simulators' control API.
    const api = async <T = unknown>(method: string, route: string, body?: unknown) => {
      const r = await fetch(`${sims.simUrl}${route}`, {
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
    const s = { api, messages } as unknown as TestSandbox;
    try {
      const first = await launch();
      const thread = await ticketWithThread(s, { subject: 'Crash while sending' });
      const link = JSON.stringify(thread.root.blocks ?? []);
      expect(link).toContain(`${sims.simUrl}/agent/tickets/${thread.ticket.id}`);
      expect(link).not.toContain('local.zendesk.com');

      await api('POST', '/_sim/zendesk/faults', {
        method: 'PUT',
        path_prefix: `/api/v2/tickets/${thread.ticket.id}`,
        status: 'hang',
        after_write: true,
      });
      const body = 'Exactly once, even through a crash.';
      await submitPreview(s, AIKO, await writeAndPreview(s, AIKO, thread, body));
      const comments = () => sims.zendesk.getTicket(thread.ticket.id).comments.filter((c) => c.body === body);
      await waitFor('Zendesk stored the comment', async () => comments().length === 1);
      let store = await openDatabase(databaseUrl, { migrate: false });
      const inFlight = await waitFor('the send row in `sending`', async () =>
        store.replySend.findFirst({
          where: { ticketZendeskId: String(thread.ticket.id), status: 'sending' },
        }),
      );
      // The request hangs, so the row cannot leave `sending` before the kill. The restart migrates the
      // database and must be its only user meanwhile: release it first.
      await store.$disconnect();
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      await launch();
      store = await openDatabase(databaseUrl, { migrate: false });
      const done = await waitFor(
        'the send settled after the restart',
        async () => {
          const row = await store.replySend.findUniqueOrThrow({ where: { id: inFlight.id } });
          return row.status === 'sent' || row.status === 'failed' ? row : null;
        },
        30_000,
      );
      expect(done.status).toBe('sent');
      expect(done.attempts).toBeGreaterThanOrEqual(2);
      await waitFor('"sent by" in the thread', async () =>
        (await messages(thread.channel)).find(
          (m) => m.thread_ts === thread.root.ts && m.text.startsWith('公開返信を'),
        ),
      );
      expect(comments()).toHaveLength(1);
      await store.$disconnect();
    } finally {
      for (const c of children) c.kill('SIGKILL');
      await sims.close();
    }
  }, 120_000);
});
