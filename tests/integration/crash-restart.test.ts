import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from './helpers.ts';
import { freePort, startSimulators } from './sim-harness.ts';
import { testDatabaseUrl } from './test-store.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('crash and restart', () => {
  it('SIGKILL in the middle of a burst of 200 tickets: after a restart every ticket is posted exactly once', async () => {
    const appPort = await freePort();
    const sims = await startSimulators({
      appPort,
      slackRate: { perSecond: 20, burst: 5 },
      zendeskPerMinute: 100_000,
    });
    const inboxes = path.join(dir, 'inboxes.yml');
    writeFileSync(
      inboxes,
      'inboxes:\n  - {id: onboarding, channel: C0ONBOARD, tags: [onboarding]}\n  - {id: vip, channel: C0SUPPORT, tags: [vip]}\n  - {id: photos, channel: C0PHOTOS, brand: photos}\n  - {id: billing, channel: C0BILLING, brand: billing, default: true}\n',
    );
    const env = {
      ...process.env,
      ...sims.env,
      DATABASE_URL: await testDatabaseUrl(dir, 'crash.db'),
      YORISOI_INBOXES_FILE: inboxes,
      YORISOI_POLL_SECONDS: '1',
      YORISOI_SLACK_POSTS_PER_SECOND: '20',
      YORISOI_SLACK_BURST: '5',
      LOG_LEVEL: 'warn',
    };
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
    try {
      const first = await launch();
      const kinds = [{ tags: ['onboarding'] }, { tags: ['vip'] }, { brand: 'photos' }, { brand: 'billing' }];
      for (let i = 0; i < 200; i++) {
        sims.zendesk.openTicket({
          subject: `Burst ${i}`,
          body: `Message number ${i}`,
          requester: { email: `c${i}@example.com`, name: `Customer ${i}` },
          ...kinds[i % 4],
        });
      }
      await waitFor('some messages posted', async () => sims.slack.messages().length >= 60, 60_000);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const atKill = sims.slack.messages().length;
      expect(atKill).toBeLessThan(400);
      // Webhooks sent while yorisoi was down are lost; the poller finds them once the export's last minute has passed.
      sims.zendesk.advanceClock(120);
      await launch();
      await waitFor('all 400 messages', async () => sims.slack.messages().length >= 400, 90_000);
      await new Promise((r) => setTimeout(r, 1500));
      const messages = sims.slack.messages();
      const roots = messages.filter((m) => !m.thread_ts);
      const rootSubjects = roots.map((m) => /Burst (\d+)/.exec(m.text)?.[1]).filter(Boolean);
      expect(new Set(rootSubjects).size).toBe(200);
      expect(rootSubjects).toHaveLength(200);
      const firstMessages = messages.filter((m) => m.thread_ts && /Message number \d+/.test(m.text));
      expect(new Set(firstMessages.map((m) => /Message number (\d+)/.exec(m.text)?.[1])).size).toBe(200);
      expect(firstMessages).toHaveLength(200);
      for (const m of firstMessages) {
        const n = /Message number (\d+)/.exec(m.text)?.[1];
        const root = roots.find((r) => r.ts === m.thread_ts);
        expect(root?.text).toContain(`Burst ${n} `);
      }
    } finally {
      for (const c of children) c.kill('SIGKILL');
      await sims.close();
    }
  }, 180_000);
});
