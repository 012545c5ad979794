/**
 * npm run bench:intake [-- --tickets 1000 --channels 10 --rate 20]
 *
 * A burst of tickets through the whole intake path against the simulators: signed webhook → ack → ticket
 * sync from the Zendesk API → outbox → Slack, across N channels under the Slack simulator's per-channel
 * rate limit (Slack's shape — a token bucket per channel answering 429 + Retry-After — with a configurable
 * rate so the bench stays short). Prints webhook-ack latency, end-to-end throughput as a fraction of the
 * ceiling the rate limit allows, and the number of tickets lost and duplicated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Inbox } from '../src/domain/tickets/ticket.ts';
import { createLogger } from '../src/logger.ts';
import { startSandbox } from '../src/sandbox/sandbox.ts';
import { signZendeskWebhook } from '../src/zendesk/webhook-signature.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '1000' },
    channels: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    burst: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '50' },
    'zendesk-per-minute': { type: 'string', default: '2500' },
    'zendesk-share': { type: 'string', default: '0.5' },
  },
});
const tickets = Number(values.tickets);
const channelCount = Number(values.channels);
const rate = Number(values.rate);
const burst = Number(values.burst);
const concurrency = Number(values.concurrency);
const zendeskPerMinute = Number(values['zendesk-per-minute']);
const zendeskShare = Number(values['zendesk-share']);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-bench-intake-'));
const sandbox = await startSandbox({
  databaseUrl: `file:${path.join(dir, 'bench.db')}`,
  logger: createLogger({ level: 'error' }),
  pollSeconds: 3600,
  slackRate: { perSecond: rate, burst },
  zendeskPerMinute,
  zendeskShare,
});
try {
  const channels = Array.from({ length: channelCount }, (_, i) => `C0BENCH${String(i).padStart(2, '0')}`);
  const inboxes: Inbox[] = channels.map((channelId, i) => ({
    id: `bench-${i}`,
    name: `Bench ${i}`,
    channelId,
    brand: null,
    group: null,
    formId: null,
    tags: [`bench${i}`],
    position: i,
    isDefault: false,
  }));
  for (const [i, id] of channels.entries()) sandbox.slack.addChannel({ id, name: `bench-${i}` });
  await sandbox.runtime.features.tickets.inboxes.replaceAll(inboxes);

  // The bench sends the webhooks itself (signed exactly as Zendesk does) so it can time each ack.
  sandbox.zendesk.dropWebhooks(tickets);
  const ids: number[] = [];
  for (let i = 0; i < tickets; i++) {
    const { ticket } = sandbox.zendesk.openTicket({
      subject: `Bench ticket ${i}`,
      body: `Bench body ${i}`,
      requester: { email: `bench${i % 200}@example.com`, name: `Bench ${i % 200}` },
      tags: [`bench${i % channelCount}`],
    });
    ids.push(Number(ticket.id));
  }

  const benchStartedAt = Date.now();
  const ackMs: number[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const body = JSON.stringify({ ticket_id: String(id), event: 'ticket.changed' });
      const ts = new Date().toISOString();
      const t0 = performance.now();
      const res = await fetch(`${sandbox.appUrl}/zendesk/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-zendesk-webhook-signature': signZendeskWebhook(sandbox.setup.signingSecret, ts, body),
          'x-zendesk-webhook-signature-timestamp': ts,
          'x-zendesk-webhook-invocation-id': `bench-${id}`,
        },
        body,
      });
      await res.arrayBuffer();
      ackMs.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`webhook for ticket ${id} answered ${res.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const acked = performance.now();

  const expected = tickets * 2;
  const deadline = Date.now() + Math.max(120_000, (expected / (rate * channelCount)) * 3000);
  const benchMessages = () => sandbox.slack.messages().filter((m) => channels.includes(m.channel));
  while (benchMessages().length < expected && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const done = performance.now();
  await sandbox.runtime.settle(10_000);

  const messages = benchMessages();
  const rootCounts = new Map<string, number>();
  const firstCounts = new Map<string, number>();
  for (const m of messages) {
    const root = /^#(\d+) Bench ticket/.exec(m.text);
    if (root && !m.thread_ts) rootCounts.set(root[1]!, (rootCounts.get(root[1]!) ?? 0) + 1);
    const first = /Bench body (\d+)/.exec(m.text);
    if (first && m.thread_ts) firstCounts.set(first[1]!, (firstCounts.get(first[1]!) ?? 0) + 1);
  }
  let lost = 0;
  let duplicated = 0;
  for (const [i, id] of ids.entries()) {
    const r = rootCounts.get(String(id)) ?? 0;
    const f = firstCounts.get(String(i)) ?? 0;
    if (r === 0 || f === 0) lost++;
    duplicated += Math.max(0, r - 1) + Math.max(0, f - 1);
  }
  const seconds = (done - started) / 1000;
  // Ceiling: every channel sending at the limit from the first moment (plus its initial burst).
  const ceilingSeconds = Math.max(0, expected / channelCount - burst) / rate;
  const calls = (await (
    await fetch(`${sandbox.simUrl}/_sim/slack/calls?method=chat.postMessage`)
  ).json()) as { calls: Array<{ status: number }> };
  const zendeskCalls = (
    (await (await fetch(`${sandbox.simUrl}/_sim/zendesk/calls`)).json()) as {
      calls: Array<{ method: string; path: string; status: number; at: string }>;
    }
  ).calls.filter((c) => Date.parse(c.at) >= benchStartedAt);
  const byPath = new Map<string, number>();
  for (const c of zendeskCalls) {
    const shape = `${c.method} ${c.path.split('?')[0]!.replace(/\d+/g, '{id}')}`;
    byPath.set(shape, (byPath.get(shape) ?? 0) + 1);
  }
  const sorted = [...ackMs].sort((a, b) => a - b);
  const row = (k: string, v: string) => console.log(`${k.padEnd(42)} ${v}`);
  console.log(
    `bench:intake — ${tickets} tickets, ${channelCount} channels, Slack limit ${rate} msg/s per channel (burst ${burst}), ${concurrency} webhooks in flight`,
  );
  row(
    'webhook ack latency p50 / p99 / max',
    `${percentile(sorted, 50).toFixed(1)} ms / ${percentile(sorted, 99).toFixed(1)} ms / ${sorted.at(-1)!.toFixed(1)} ms`,
  );
  row('all webhooks acked after', `${((acked - started) / 1000).toFixed(2)} s`);
  row('Slack messages (roots + first messages)', `${messages.length} of ${expected}`);
  row('end-to-end: last message posted after', `${seconds.toFixed(2)} s`);
  row('throughput', `${(tickets / seconds).toFixed(1)} tickets/s (${(expected / seconds).toFixed(1)} msg/s)`);
  row(
    'ceiling under the rate limit',
    `${(tickets / Math.max(ceilingSeconds, 1e-9)).toFixed(1)} tickets/s (${ceilingSeconds.toFixed(2)} s)`,
  );
  row('fraction of ceiling', `${((ceilingSeconds / seconds) * 100).toFixed(1)} %`);
  row('429 answers from Slack', String(calls.calls.filter((c) => c.status === 429).length));
  // Reads the ticket path needs (the ticket, people, comments) vs. reads the budget defers during a burst.
  const background = zendeskCalls.filter((c) => /\/users\/\d+\/(identities|tickets\/requested)/.test(c.path));
  const hot = zendeskCalls.length - background.length;
  row(
    `Zendesk calls per ticket (budget ${Math.floor(zendeskPerMinute * zendeskShare)}/min)`,
    `${(hot / tickets).toFixed(2)} on the ticket path (${hot}) + ${(background.length / tickets).toFixed(2)} background (${background.length})`,
  );
  row('Zendesk 429 answers', String(zendeskCalls.filter((c) => c.status === 429).length));
  for (const [shape, n] of [...byPath].sort((a, b) => b[1] - a[1])) row(`  ${shape}`, String(n));
  row('lost (tickets without root or first message)', String(lost));
  row('duplicated (extra messages)', String(duplicated));
  process.exitCode = lost === 0 && duplicated === 0 ? 0 : 1;
} finally {
  await sandbox.stop();
  rmSync(dir, { recursive: true, force: true });
}
