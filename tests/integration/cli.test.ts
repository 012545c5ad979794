import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from './test-store.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cliDatabaseUrl = await testDatabaseUrl(dir, 'cli.db');

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), ...args], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: cliDatabaseUrl,
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function spawnSandbox(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = /control API (http:\/\/127\.0\.0\.1:\d+)\/_sim\//.exec(stdout);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return {
    base,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('yorisoi CLI', () => {
  it('sandbox prints one ready line, serves the control API, and stops cleanly on SIGTERM', async () => {
    const databaseUrl = await testDatabaseUrl(dir, 'sandbox.db', { empty: true });
    const child = spawn(process.execPath, [path.join(repo, 'bin/yorisoi.js'), 'sandbox', '--port', '0'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
      },
    });
    let stdout = '';
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const line = stdout.split('\n').find((l) => l.startsWith('yorisoi sandbox ready'));
        if (line) resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const base = /control API (http:\/\/127\.0\.0\.1:\d+)\/_sim\//.exec(ready)?.[1];
    expect(base).toBeDefined();
    const users = (await (await fetch(`${base}/_sim/slack/users`)).json()) as {
      users: Array<{ id: string; role: string }>;
    };
    expect(users.users.filter((u) => u.role === 'agent').length).toBeGreaterThanOrEqual(2);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // After the ready line: what to do next (an example curl, the control API index, how to stop).
    expect(stdout).toContain(`curl -X POST ${base}/_sim/zendesk/tickets`);
    expect(stdout).toContain(`curl ${base}/_sim/`);
    expect(stdout).toContain('Ctrl-C');
  });

  it('start without credentials refuses to run on the simulators and says how to run the sandbox', async () => {
    const r = await run(['start']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no Slack or Zendesk credentials');
    expect(r.stderr).toContain('SLACK_BOT_TOKEN');
    expect(r.stderr).toContain('yorisoi start --sandbox');
    expect(r.stdout).toBe('');
    const host = await run(['sandbox'], { HOST: 'not a host!' });
    expect(host.code).toBe(2);
    expect(host.stderr).toContain('HOST: must be an IP address or host name');
  });

  it('a second sandbox in the same folder starts from an empty database, as its simulators do', async () => {
    // On PostgreSQL: an empty database the sandbox takes over, and wipes again on its next run.
    const env = { DATABASE_URL: await testDatabaseUrl(dir, 'again.db', { empty: true }) };
    for (const args of [
      ['sandbox', '--port', '0'],
      ['start', '--sandbox', '--port', '0'],
    ]) {
      const sandbox = await spawnSandbox(args, env);
      try {
        const created = await fetch(`${sandbox.base}/_sim/zendesk/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            subject: 'Each run',
            body: 'Hello',
            requester: { email: 'r@example.com', name: 'R' },
          }),
        });
        const { ticket } = (await created.json()) as { ticket: { id: number } };
        expect(ticket.id).toBe(1);
        // Ticket #1 of this run reaches Slack even though the last run also had a ticket #1.
        let root: unknown;
        for (let i = 0; i < 400 && !root; i++) {
          const r = (await (await fetch(`${sandbox.base}/_sim/slack/messages`)).json()) as {
            messages: Array<{ text: string }>;
          };
          root = r.messages.find((m) => m.text.startsWith('#1 '));
          if (!root) await new Promise((done) => setTimeout(done, 50));
        }
        expect(
          root,
          `${args.join(' ')}: ${JSON.stringify(await (await fetch(`${sandbox.base}/_sim/slack/messages`)).json()).slice(0, 400)}`,
        ).toBeDefined();
      } finally {
        await sandbox.stop();
      }
    }
    // A database the sandbox did not make is never deleted: the sandbox refuses instead.
    // (A SQLite file it did not make; on PostgreSQL a database with yorisoi's tables it did not mark.)
    const real = await testDatabaseUrl(dir, 'real.db');
    if (real.startsWith('file:')) writeFileSync(real.slice('file:'.length), '');
    const refused = await run(['sandbox', '--port', '0'], { DATABASE_URL: real });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a database the sandbox did not create');
  }, 180_000);

  it('bad configuration and bad arguments give one clear error line and a non-zero exit', async () => {
    const badToken = await run(['start'], { SLACK_BOT_TOKEN: 'not-a-token', ZENDESK_SUBDOMAIN: 'acme' });
    expect(badToken.code).toBe(2);
    expect(badToken.stderr).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    expect(badToken.stderr).not.toMatch(/at .*\.ts:\d+/);
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badPort = await run(['sandbox', '--port', 'http']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a port number');
  });

  it('inboxes: load a routing file, list it, reject a bad one naming the field', async () => {
    const good = path.join(dir, 'inboxes.yml');
    writeFileSync(
      good,
      'inboxes:\n  - {id: photos, channel: C0PHOTOS, brand: photos}\n  - {id: support, channel: C0SUPPORT, default: true}\n',
    );
    expect((await run(['inboxes', 'load', good])).stdout).toContain('loaded 2 inboxes');
    const list = await run(['inboxes', 'list']);
    expect(list.stdout).toMatch(/photos\tC0PHOTOS\tbrand=photos/);
    expect(list.stdout).toMatch(/support\tC0SUPPORT\tdefault/);
    const bad = path.join(dir, 'bad.yml');
    writeFileSync(bad, 'inboxes:\n  - {id: photos, channel: "#photos"}\n');
    const r = await run(['inboxes', 'load', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/inboxes\.0\.channel: must be a Slack channel id/);
    expect((await run(['inboxes', 'list'])).stdout).toMatch(/photos\tC0PHOTOS/);
  });

  it('db migrate applies once, then reports up to date', async () => {
    const env = { DATABASE_URL: await testDatabaseUrl(dir, 'migrate.db', { empty: true }) };
    expect((await run(['db', 'migrate'], env)).stdout).toMatch(/^applied: /);
    expect((await run(['db', 'migrate'], env)).stdout).toContain('database is up to date');
  });
});
