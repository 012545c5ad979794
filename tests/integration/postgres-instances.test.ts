import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { SimMessage } from './helpers.ts';
import { waitFor } from './helpers.ts';
import { freePort, killHard, launchYorisoi } from './sim-harness.ts';
import { createPostgresDatabase, postgresAdminUrl } from './test-store.ts';

/**
 * Several instances, one truth: yorisoi processes against one PostgreSQL database and one set of simulators
 * (in their own process, with a round-robin load balancer in front of the instances for the webhook).
 * The burst, 500 tickets, 2.5 to 3.5 minutes on a shared 2-core machine; YORISOI_IT_BURST=N for
 * another size. It prints its figures (`postgres-instances figures: {…}`).
 */
const TICKETS = Number(process.env.YORISOI_IT_BURST ?? 500);
const SCHEDULED_SENDS = 10;
/** Waits sized for 500 tickets that grow with a bigger burst: intake and posting take time in proportion. */
const scaled = (ms: number) => Math.round(ms * Math.max(1, TICKETS / 500));

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-instances-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** The simulators as a child process; resolves with the environment yorisoi needs to reach them. */
function startSimProcess(lbPort: number, backends: number[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repo, 'tests/integration/sim-process.ts')],
    {
      cwd: repo,
      env: {
        ...process.env,
        SIM_LB_PORT: String(lbPort),
        SIM_BACKENDS: backends.join(','),
        // Slow Slack answers keep posts in flight long enough for another instance to see them `sending`.
        SIM_SLACK_LATENCY_MS: '150-400',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stderr?.on('data', (d) => {
    err += d;
  });
  return new Promise<{ env: Record<string, string>; simUrl: string }>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`simulators exited (${code}): ${err.slice(-2000)}`)));
  });
}

// Waits, and the test's own timeout, grow with the burst.
describe('several instances on one PostgreSQL', { timeout: scaled(600_000) }, () => {
  it(`three instances, a burst of ${TICKETS} tickets, one killed with SIGKILL mid-burst: every effect once`, async () => {
    const admin = postgresAdminUrl();
    if (!admin) throw new Error('runs in the integration-pg project');
    const databaseUrl = await createPostgresDatabase(admin);
    const ports = [await freePort(), await freePort(), await freePort()];
    const lbPort = await freePort();
    const sims = await startSimProcess(lbPort, ports);
    const control = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const r = await fetch(`${sims.simUrl}${route}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };
    const inboxes = path.join(dir, 'inboxes.yml');
    writeFileSync(
      inboxes,
      'inboxes:\n  - {id: onboarding, channel: C0ONBOARD, tags: [onboarding]}\n  - {id: vip, channel: C0SUPPORT, tags: [vip]}\n  - {id: photos, channel: C0PHOTOS, brand: photos}\n  - {id: billing, channel: C0BILLING, brand: billing, default: true}\n',
    );
    const instanceOf = (port: number) => `it-instance-${ports.indexOf(port)}`;
    const envFor = (port: number) => ({
      ...process.env,
      ...sims.env,
      PORT: String(port),
      YORISOI_INSTANCE_ID: instanceOf(port),
      DATABASE_URL: databaseUrl,
      YORISOI_INBOXES_FILE: inboxes,
      YORISOI_POLL_SECONDS: '1',
      YORISOI_SLACK_POSTS_PER_SECOND: '20',
      YORISOI_SLACK_BURST: '5',
      YORISOI_ALERT_CHANNEL: 'C0ALERTS',
      YORISOI_ALERT_THRESHOLD_PER_HOUR: '20',
      // Short enough to see the dead instance's work taken over soon, long enough for a busy 2-core machine.
      YORISOI_LEASE_SECONDS: '10',
      LOG_LEVEL: 'warn',
    });
    const outputs: Array<() => string> = [];
    const launch = async (port: number) => {
      const y = launchYorisoi(envFor(port), repo);
      children.push(y.child);
      outputs.push(y.output);
      await y.running;
      return y;
    };
    const db = new pg.Client({ connectionString: databaseUrl });
    try {
      // The first instance migrates the database; the others start on it.
      const first = await launch(ports[0] as number);
      const instances = [
        first,
        ...(await Promise.all([launch(ports[1] as number), launch(ports[2] as number)])),
      ];
      await db.connect();

      const kinds = [{ tags: ['onboarding'] }, { tags: ['vip'] }, { brand: 'photos' }, { brand: 'billing' }];
      const opened: number[] = [];
      const open = async (i: number) => {
        const { ticket } = await control<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
          subject: `Burst ${i}`,
          body: `Message number ${i}`,
          requester: { email: `c${i}@example.com`, name: `Customer ${i}` },
          ...kinds[i % 4],
        });
        opened.push(ticket.id);
      };
      const half = Math.floor(TICKETS / 2);
      const burstStarted = Date.now();
      for (let i = 0; i < half; i++) await open(i);

      // Scheduled replies (the undo window has passed), due now: every instance's sender sees them.
      const { users } = await control<{ users: Array<{ id: number; email: string }> }>(
        'GET',
        '/_sim/zendesk/users',
      );
      const aiko = users.find((u) => u.email === 'aiko@example.com');
      if (!aiko) throw new Error('the Zendesk simulator has no aiko@example.com');
      await waitFor(
        'the first tickets stored',
        async () =>
          Number((await db.query('SELECT count(*)::int AS n FROM "Ticket"')).rows[0].n) >= SCHEDULED_SENDS,
        60_000,
      );
      const sendIds: string[] = [];
      for (let i = 0; i < SCHEDULED_SENDS; i++) {
        const id = randomUUID();
        sendIds.push(id);
        await db.query(
          `INSERT INTO "ReplySend" ("id", "kind", "version", "ticketZendeskId", "senderSlackId", "authorZendeskId",
             "body", "public", "status", "dueAt", "attempts", "createdAt", "updatedAt")
           VALUES ($1, 'reply', 1, $2, 'U0AGENT1', $3, $4, true, 'scheduled', now(), 0, now(), now())`,
          [id, String(opened[i]), String(aiko.id), `Scheduled reply ${i}`],
        );
      }

      const messages = () =>
        control<{ messages: SimMessage[] }>('GET', '/_sim/slack/messages').then((r) => r.messages);
      await waitFor('some messages posted', async () => (await messages()).length >= 40, 120_000);
      // Mid-burst: one instance dies with its claimed work; the two others must take it over and go on.
      // It is killed while it has posts claimed and on their way to Slack (150-400 ms each).
      // The one that runs the jobs (the incremental poll, the snooze check …) if any does, so their
      // takeover is tested too.
      const pollHolder = (await db.query(`SELECT "holder" FROM "Lease" WHERE "name" = 'job:poll'`)).rows[0]
        ?.holder as string | undefined;
      const victimIndex = Math.max(
        0,
        ports.findIndex((p) => instanceOf(p) === pollHolder),
      );
      const victim = instanceOf(ports[victimIndex] as number);
      const claimedBy = async (instance: string) =>
        (
          await db.query(
            `SELECT "id" FROM "OutboxMessage" WHERE "status" = 'sending' AND "claimedBy" = $1 ORDER BY "id"`,
            [instance],
          )
        ).rows.map((r: { id: number }) => r.id);
      await waitFor(`${victim} sending posts`, async () => (await claimedBy(victim)).length > 0, 60_000);
      await killHard((instances[victimIndex] as (typeof instances)[number]).child);
      const killedAt = Date.now();
      // What it left unfinished: claimed posts, and the jobs whose lease it held.
      const orphaned = await claimedBy(victim);
      const orphanedLeases = (
        await db.query(`SELECT "name" FROM "Lease" WHERE "holder" = $1 AND "expiresAt" > now()`, [victim])
      ).rows.map((r: { name: string }) => r.name);
      expect(orphaned.length).toBeGreaterThan(0);
      for (let i = half; i < TICKETS; i++) await open(i);
      const openedMs = Date.now() - burstStarted;

      await waitFor(
        `all ${2 * TICKETS} ticket messages`,
        async () =>
          (await messages()).filter((m) => /Burst \d+|Message number \d+/.test(m.text)).length >= 2 * TICKETS,
        scaled(300_000),
      );
      const postedMs = Date.now() - burstStarted;
      await waitFor(
        'the outbox drained and every scheduled reply sent',
        async () => {
          const outbox = await db.query(
            `SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "status" IN ('pending', 'sending')`,
          );
          const sends = await db.query(`SELECT count(*)::int AS n FROM "ReplySend" WHERE "status" <> 'sent'`);
          return outbox.rows[0].n === 0 && sends.rows[0].n === 0;
        },
        scaled(120_000),
      );
      const burstMs = Date.now() - burstStarted;
      // The every-second jobs the dead instance held are run by another one once its lease ran out.
      const everySecond = orphanedLeases.filter((n) => n === 'job:poll' || n === 'job:snooze check');
      if (pollHolder) expect(everySecond).toContain('job:poll');
      await waitFor(
        `${victim}'s jobs taken over`,
        async () =>
          (await db.query(`SELECT "holder" FROM "Lease" WHERE "name" = ANY($1)`, [everySecond])).rows.every(
            (r: { holder: string }) => r.holder !== victim,
          ),
        60_000,
      );
      // Anything still on its way (a second post of one key) has landed by now.
      await new Promise((r) => setTimeout(r, 2000));

      const all = await messages();
      // Every Slack effect once: no outbox key (carried in the message metadata) was posted twice.
      const keys = all.flatMap((m) => {
        const key = (m.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
        return key ? [key] : [];
      });
      const doubled = keys.filter((k, i) => keys.indexOf(k) !== i);
      const rows =
        doubled.length === 0
          ? []
          : (
              await db.query(
                `SELECT "idempotencyKey", "status", "attempts", "lastError", "claimedBy" FROM "OutboxMessage"
                  WHERE "idempotencyKey" = ANY($1)`,
                [doubled],
              )
            ).rows;
      expect({ doubled, rows }).toEqual({ doubled: [], rows: [] });
      const roots = all.filter((m) => !m.thread_ts && /Burst \d+ /.test(m.text));
      const rootNumbers = roots.map((m) => /Burst (\d+) /.exec(m.text)?.[1]);
      expect(new Set(rootNumbers).size).toBe(TICKETS);
      expect(rootNumbers).toHaveLength(TICKETS);
      const firsts = all.filter((m) => m.thread_ts && /Message number \d+/.test(m.text));
      expect(new Set(firsts.map((m) => /Message number (\d+)/.exec(m.text)?.[1])).size).toBe(TICKETS);
      expect(firsts).toHaveLength(TICKETS);
      for (const m of firsts) {
        const n = /Message number (\d+)/.exec(m.text)?.[1];
        expect(roots.find((r) => r.ts === m.thread_ts)?.text).toContain(`Burst ${n} `);
      }
      // The posts the killed instance had claimed were taken over by the others and posted once.
      const takenOver = (
        await db.query(
          `SELECT "id", "status", "claimedBy", "attempts" FROM "OutboxMessage" WHERE "id" = ANY($1) ORDER BY "id"`,
          [orphaned],
        )
      ).rows as Array<{ id: number; status: string; claimedBy: string; attempts: number }>;
      expect(
        takenOver.filter((r) => r.status !== 'sent' || r.claimedBy === victim || r.attempts < 2),
      ).toEqual([]);
      expect(takenOver).toHaveLength(orphaned.length);
      // The volume alert fired: each episode's root posted exactly once.
      const episodeRows = (await db.query(`SELECT "id", "ruleId" FROM "AlertEpisode"`)).rows as Array<{
        id: string;
        ruleId: string;
      }>;
      const episodes = episodeRows.map((r) => r.id);
      const episodeRules = episodeRows.map((r) => r.ruleId);
      expect(episodes.length).toBeGreaterThanOrEqual(1);
      const alertRoots = all.filter((m) => m.channel === 'C0ALERTS' && !m.thread_ts);
      for (const id of episodes) expect(keys.filter((k) => k === `alert:${id}`)).toHaveLength(1);
      // One episode per rule: the burst never recovers, so no rule opened a second one.
      expect(new Set(episodeRules).size).toBe(episodeRules.length);
      expect(alertRoots).toHaveLength(episodes.length);
      // Every scheduled reply reached Zendesk exactly once.
      for (let i = 0; i < SCHEDULED_SENDS; i++) {
        const { comments } = await control<{ comments: Array<{ body: string }> }>(
          'GET',
          `/_sim/zendesk/tickets/${opened[i]}`,
        );
        expect(comments.filter((c) => c.body === `Scheduled reply ${i}`)).toHaveLength(1);
      }
      const scheduledSent = Number(
        (await db.query(`SELECT count(*)::int AS n FROM "ReplySend" WHERE "status" = 'sent'`)).rows[0].n,
      );
      expect(scheduledSent).toBe(SCHEDULED_SENDS);

      // The figures (README, "Several instances").
      const { calls: zendeskCalls } = await control<{ calls: Array<{ status: number; path: string }> }>(
        'GET',
        '/_sim/zendesk/calls',
      );
      const { calls: slackCalls } = await control<{ calls: Array<{ method: string; status: number }> }>(
        'GET',
        '/_sim/slack/calls',
      );
      const figures = {
        tickets: TICKETS,
        openedSeconds: Math.round(openedMs / 100) / 10,
        postedSeconds: Math.round(postedMs / 100) / 10,
        burstSeconds: Math.round(burstMs / 100) / 10,
        secondsAfterKill: Math.round((Date.now() - killedAt) / 100) / 10,
        zendeskCalls: zendeskCalls.length,
        zendeskCallsPerTicket: Math.round((zendeskCalls.length / TICKETS) * 100) / 100,
        zendesk429: zendeskCalls.filter((c) => c.status === 429).map((c) => c.path),
        slackPosts: slackCalls.filter((c) => c.method === 'chat.postMessage').length,
        slack429: slackCalls.filter((c) => c.status === 429).length,
        slackMessages: all.length,
        killedWithPostsInFlight: orphaned.length,
        killedWithJobLeases: orphanedLeases,
        alertEpisodes: episodeRules,
        scheduledSent,
      };
      console.log(`postgres-instances figures: ${JSON.stringify(figures)}`);
    } finally {
      // YORISOI_IT_LOGS=dir keeps what each instance printed (LOG_LEVEL warn) for a look after a failure.
      if (process.env.YORISOI_IT_LOGS)
        for (const [i, o] of outputs.entries())
          writeFileSync(path.join(process.env.YORISOI_IT_LOGS, `instance-${i}.log`), o());
      await db.end().catch(() => undefined);
      for (const c of children) c.kill('SIGKILL');
    }
  });
});
