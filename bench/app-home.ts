/**
 * npm run bench:home [-- --tickets 500 --agents 20 --solved 10000 --runs 300]
 *
 * App Home render time: one agent's home built from a real SQLite file holding N open tickets (each with a
 * few public comments, a quarter unassigned over 4 inboxes, the rest spread over the agents) and shared
 * drafts, beside a history of solved tickets — the store's queries, the badges/availability ports, and the Block Kit view — timed per run.
 * Prints p50/p99/max in ms, the view's block count and its size in bytes (Slack: ≤100 blocks, ≤250 kB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createHomeService } from '../src/domain/home/home-service.ts';
import { neutralHomeFacts } from '../src/domain/home/ports.ts';
import { translator } from '../src/i18n/index.ts';
import { openDatabase } from '../src/storage/database.ts';
import { createHomeStore } from '../src/storage/home-queries.ts';
import { buildAgentHome } from '../src/views/app-home.ts';

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '500' },
    agents: { type: 'string', default: '20' },
    runs: { type: 'string', default: '300' },
    solved: { type: 'string', default: '10000' },
  },
});
const ticketCount = Number(values.tickets);
const agentCount = Number(values.agents);
const runs = Number(values.runs);
const solvedCount = Number(values.solved);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-bench-home-'));
const db = await openDatabase(`file:${path.join(dir, 'bench.db')}`);
try {
  const inboxes = ['photos', 'billing', 'onboarding', 'support'];
  for (const [i, id] of inboxes.entries())
    await db.inbox.create({
      data: { id, name: `受信箱 ${id}`, channelId: `C0${id.toUpperCase()}`, position: i },
    });
  const agents = Array.from({ length: agentCount }, (_, i) => `9000${String(i).padStart(2, '0')}`);
  const customer = await db.customer.create({ data: { zendeskUserId: '1', name: '山田 花子' } });
  const created = Date.now() - 48 * 3600_000;
  await db.ticket.createMany({
    data: Array.from({ length: ticketCount }, (_, i) => ({
      zendeskId: String(10_000 + i),
      subject: `写真がアップロードできない件 ${i}（アプリ更新後）`,
      status: ['new', 'open', 'open', 'pending', 'hold'][i % 5]!,
      requesterId: customer.id,
      assigneeZendeskId: i % 4 === 0 ? null : agents[i % agentCount]!,
      assigneeName: i % 4 === 0 ? null : `担当 ${i % agentCount}`,
      inboxId: inboxes[i % inboxes.length]!,
      channelId: `C0${inboxes[i % inboxes.length]!.toUpperCase()}`,
      rootTs: `1764000000.${String(100_000 + i)}`,
      zendeskCreatedAt: new Date(created + i * 60_000),
      zendeskUpdatedAt: new Date(created + i * 60_000),
    })),
  });
  // Years of solved tickets: the home must not read them.
  await db.ticket.createMany({
    data: Array.from({ length: solvedCount }, (_, i) => ({
      zendeskId: String(1_000_000 + i),
      subject: `解決済みのお問い合わせ ${i}`,
      status: i % 3 === 0 ? 'closed' : 'solved',
      requesterId: customer.id,
      assigneeZendeskId: agents[i % agentCount]!,
      assigneeName: `担当 ${i % agentCount}`,
      inboxId: inboxes[i % inboxes.length]!,
      channelId: 'C0SUPPORT',
      rootTs: `1700000000.${String(100_000 + i)}`,
      zendeskCreatedAt: new Date(created - (i + 1) * 3_600_000),
      zendeskUpdatedAt: new Date(created - i * 3_600_000),
    })),
  });
  const rows = await db.ticket.findMany({
    where: { status: { notIn: ['solved', 'closed'] } },
    select: { id: true, zendeskId: true },
  });
  await db.ticketComment.createMany({
    data: rows.flatMap((t, i) =>
      Array.from({ length: 4 }, (_, k) => ({
        ticketId: t.id,
        zendeskCommentId: `${t.zendeskId}-${k}`,
        authorZendeskId: k % 2 === 0 ? '1' : agents[i % agentCount]!,
        public: true,
        body: `${k}回目のメッセージです。昨日から写真が表示されず困っています。`.repeat(3),
        zendeskCreatedAt: new Date(created + i * 60_000 + k * 600_000),
      })),
    ),
  });
  for (let i = 0; i < 30; i++) {
    const draft = await db.draft.create({
      data: {
        ticketZendeskId: String(10_000 + i * 7),
        name: `案 ${i}`,
        body: '返金のご案内',
        currentVersion: 1,
        createdBySlackId: 'U0OTHER',
        updatedBySlackId: 'U0OTHER',
      },
    });
    await db.draftVersion.create({
      data: {
        draftId: draft.id,
        version: 1,
        name: draft.name,
        policyJson: '{}',
        body: '返金',
        savedBySlackId: 'U0OTHER',
        reason: 'share',
      },
    });
  }

  const service = createHomeService({
    store: createHomeStore(db),
    facts: neutralHomeFacts,
    identity: { agentOf: async () => ({ zendeskUserId: agents[1]!, name: '担当 1' }) },
    clock: () => new Date(),
    workspaceUrl: async () => 'https://example.slack.com/',
  });
  const t = translator('ja');
  const render = async () => buildAgentHome(t, await service.build('U0BENCH'));
  for (let i = 0; i < 20; i++) await render(); // warm-up
  const times: number[] = [];
  let view = await render();
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    view = await render();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  // The view alone (no query), for the split.
  const model = await service.build('U0BENCH');
  const viewTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    buildAgentHome(t, model);
    viewTimes.push(performance.now() - start);
  }
  viewTimes.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  console.log(
    `app home, ${ticketCount} open tickets (+${solvedCount} solved), ${agentCount} agents, ${runs} runs (SQLite query + view): ` +
      `p50 ${percentile(times, 50).toFixed(1)} ms · p99 ${percentile(times, 99).toFixed(1)} ms · max ${times.at(-1)?.toFixed(1)} ms · ` +
      `${view.blocks.length} blocks (≤100) · ${(bytes / 1000).toFixed(1)} kB (≤250); ` +
      `the view alone p50 ${percentile(viewTimes, 50).toFixed(1)} ms · p99 ${percentile(viewTimes, 99).toFixed(1)} ms`,
  );
} finally {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
