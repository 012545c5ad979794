import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './helpers.ts';
import { freePort, killHard, launchYorisoi, outboxReader, startSimulators } from './sim-harness.ts';
import { testDatabaseUrl } from './test-store.ts';

/**
 * Deterministic crash tests: Slack stores the message and then never answers (or answers 500), the test
 * reads the database until the outbox row is provably in `sending`, kills yorisoi with SIGKILL there,
 * restarts it, and checks that the message is in Slack exactly once.
 */
const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-indoubt-'));
const killers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const k of killers) await k();
  rmSync(dir, { recursive: true, force: true });
});

async function setUp(name: string) {
  const appPort = await freePort();
  const sims = await startSimulators({ appPort, slackRate: { perSecond: 20, burst: 5 } });
  const inboxes = path.join(dir, `${name}-inboxes.yml`);
  writeFileSync(inboxes, 'inboxes:\n  - {id: billing, channel: C0BILLING, brand: billing, default: true}\n');
  const databaseUrl = await testDatabaseUrl(dir, `${name}.db`);
  const outbox = await outboxReader(databaseUrl);
  const readOutbox = () => outbox.rows();
  const release = () => outbox.close();
  const env = {
    ...process.env,
    ...sims.env,
    DATABASE_URL: databaseUrl,
    YORISOI_INBOXES_FILE: inboxes,
    YORISOI_POLL_SECONDS: '1',
    LOG_LEVEL: 'warn',
  };
  const started: Array<ReturnType<typeof launchYorisoi>> = [];
  const launch = async () => {
    const run = launchYorisoi(env, repo);
    started.push(run);
    return run.running;
  };
  killers.push(async () => {
    for (const r of started) await killHard(r.child);
    await outbox.close();
    await sims.close();
  });
  const roots = (ticketId: number) =>
    sims.slack
      .messages({ channel: 'C0BILLING' })
      .filter((m) => !m.thread_ts && m.text.startsWith(`#${ticketId} `));
  const firstMessages = (rootTs: string) =>
    sims.slack.messages({ channel: 'C0BILLING' }).filter((m) => m.thread_ts === rootTs && m.ts !== rootTs);
  return { sims, readOutbox, release, launch, roots, firstMessages };
}

describe('crash while a Slack post is in doubt', () => {
  it('Slack stored the root and hangs: SIGKILL with the row in "sending", restart, the root is there exactly once', async () => {
    const { sims, readOutbox, release, launch, roots, firstMessages } = await setUp('hang');
    const first = await launch();
    sims.slack.fault({ method: 'chat.postMessage', status: 'timeout', when: 'after', hang_ms: 120_000 });
    const { ticket } = sims.zendesk.openTicket({
      subject: 'Hung after storing',
      body: 'the first words',
      requester: { email: 'hang@example.com', name: 'Hang' },
      brand: 'billing',
    });
    await waitFor('root stored in Slack', async () => roots(ticket.id).length === 1);
    const row = await waitFor('root row provably sending', async () =>
      (await readOutbox()).find((r) => r.idempotencyKey === `root:${ticket.id}` && r.status === 'sending'),
    );
    await killHard(first);
    expect((await readOutbox()).find((r) => r.id === row.id)?.status).toBe('sending');

    await release();
    await launch();
    const root = roots(ticket.id)[0];
    if (!root) throw new Error('root vanished');
    await waitFor('first message in the thread', async () => firstMessages(root.ts).length === 1);
    await waitFor('outbox settled', async () => (await readOutbox()).every((r) => r.status === 'sent'));
    expect(roots(ticket.id)).toHaveLength(1);
    expect(firstMessages(root.ts)).toHaveLength(1);
    expect((await readOutbox()).find((r) => r.id === row.id)?.slackTs).toBe(root.ts);
  }, 120_000);

  it('Slack stored the root and answered 500: SIGKILL while the row is "sending" again, restart, exactly once', async () => {
    const { sims, readOutbox, release, launch, roots, firstMessages } = await setUp('500');
    const first = await launch();
    sims.slack.fault({ method: 'chat.postMessage', status: 500, when: 'after' });
    // Whatever yorisoi does next with the root (look it up, or post it again) hangs, so the row stays put.
    sims.slack.fault({ method: 'conversations.history', status: 'timeout', hang_ms: 120_000 });
    sims.slack.fault({ method: 'chat.postMessage', status: 'timeout', hang_ms: 120_000 });
    const { ticket } = sims.zendesk.openTicket({
      subject: 'Stored then 500',
      body: 'words after a 500',
      requester: { email: 'five@example.com', name: 'Five' },
      brand: 'billing',
    });
    await waitFor('root stored in Slack', async () => roots(ticket.id).length === 1);
    const row = await waitFor('root row sending again after the 500', async () =>
      (await readOutbox()).find(
        (r) => r.idempotencyKey === `root:${ticket.id}` && r.status === 'sending' && r.lastError !== null,
      ),
    );
    await killHard(first);
    // A 500 may come after Slack stored the message: the row must say it may be posted.
    expect(row.lastError).toMatch(/^maybe-posted:/);

    await release();
    await launch();
    const root = roots(ticket.id)[0];
    if (!root) throw new Error('root vanished');
    await waitFor('first message in the thread', async () => firstMessages(root.ts).length === 1, 60_000);
    await waitFor('outbox settled', async () => (await readOutbox()).every((r) => r.status === 'sent'));
    expect(roots(ticket.id)).toHaveLength(1);
    expect(firstMessages(root.ts)).toHaveLength(1);
  }, 120_000);
});
