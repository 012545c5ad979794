// `npm run bench:slack`: ack latency of yorisoi's Bolt app for 20 (BENCH_N) concurrent interactions of each kind —
// button clicks, view submissions, slash commands, and a mix — delivered over Socket Mode by the Slack
// simulator. The simulators run in a child process (bench/slack-sims.ts) and time each interaction there,
// from sending the envelope to receiving the app's ack — what Slack holds against its 3-second limit —
// while this process runs yorisoi exactly as `yorisoi start` would (real Bolt, WebSocket, SQLite).
// Both simulators answer with realistic latency throughout (Slack Web API 100–600 ms, Zendesk p50 300 ms /
// p99 2.5 s), and every modal an interaction should open is counted: opened from its trigger_id within
// Slack's 3 s, or not (expired_trigger_id, or never opened).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../src/composition/runtime.ts';
import { createInMemoryTemplateLookup } from '../src/domain/drafting/template-lookup.ts';
import { createLogger } from '../src/logger.ts';
import { sandboxInboxes } from '../src/sandbox/sandbox.ts';
import { sandboxTemplates } from '../src/sandbox/sandbox-templates.ts';
import { createZendeskApi } from '../src/zendesk/zendesk-client.ts';
import { setupZendesk } from '../src/zendesk/zendesk-setup.ts';

// 20 of each at once: a busy team's worst second. 100 would open ~300 modals within a minute, over Slack's
// Tier 4 allowance for views.open/update (100 a minute per workspace), which the simulator enforces.
const N = Number(process.env.BENCH_N ?? 20);
const USERS = ['U0AGENT1', 'U0AGENT2', 'U0LEAD', 'U0PRODUCT'];
const here = path.dirname(fileURLToPath(import.meta.url));

const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'slack-sims.ts')], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const first = await new Promise<string>((resolve, reject) => {
  createInterface({ input: child.stdout! }).once('line', resolve);
  child.once('exit', (code) => reject(new Error(`simulators exited with ${code}`)));
});
const sims = JSON.parse(first) as {
  simUrl: string;
  botToken: string;
  appToken: string;
  signingSecret: string;
  zendeskToken: string;
};

const warnings: string[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-bench-slack-'));
const zendesk = {
  apiUrl: `${sims.simUrl}/api/v2`,
  email: 'yorisoi-api@example.com',
  apiToken: sims.zendeskToken,
};
const setup = await setupZendesk(createZendeskApi(zendesk), 'http://127.0.0.1:1');
const runtime = await createRuntime({
  databaseUrl: `file:${path.join(dir, 'bench.db')}`,
  port: 0,
  slack: {
    mode: 'socket',
    botToken: sims.botToken,
    appToken: sims.appToken,
    signingSecret: sims.signingSecret,
    apiUrl: `${sims.simUrl}/api/`,
  },
  zendesk: { ...zendesk, webhookSecret: setup.signingSecret, agentUrl: sims.simUrl },
  inboxes: sandboxInboxes,
  pollSeconds: 3600,
  slackRate: { perSecond: 1000, burst: 1000 },
  // Warnings are counted, not printed: a listener that failed after its ack (e.g. an expired trigger_id
  // for views.open) shows up in the table.
  logger: createLogger({ level: 'warn', sink: (line) => warnings.push(line) }),
  drafting: { templates: createInMemoryTemplateLookup(sandboxTemplates) },
});
await runtime.start();
const SLACK_LATENCY = { min_ms: 100, max_ms: 600 };
const ZENDESK_LATENCY = { p50_ms: 300, p99_ms: 2500 };

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const send = () =>
    fetch(`${sims.simUrl}${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  // A GET once more when a kept-alive connection was closed by the simulator as it was reused (after a
  // long settle, on a loaded machine): the control API's reads change nothing.
  const r = await send().catch((error) => {
    if (method !== 'GET') throw error;
    return send();
  });
  return (await r.json()) as T;
}
async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}
type View = {
  id: string;
  user: string;
  view: { callback_id: string; blocks?: Array<{ type: string; block_id?: string }> };
};
/** trigger_age_ms: how old the click's trigger_id was when Slack judged views.open/push (limit 3000). */
type ViewCall = { method: string; ok: boolean; error?: string; trigger_age_ms?: number };
function stats(name: string, samples: Array<{ ms: number; acked: boolean }>) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)] ?? Number.NaN;
  return {
    name,
    n: ms.length,
    acked: samples.filter((s) => s.acked).length,
    p50: q(50),
    p99: q(99),
    max: ms[ms.length - 1] ?? Number.NaN,
  };
}
const viewsOf = async (user: string, callbackId: string) =>
  (await api<{ views: View[] }>('GET', `/_sim/slack/views?user=${user}`)).views.filter(
    (v) => v.view.callback_id === callbackId,
  );

try {
  await api('POST', '/_sim/slack/latency', SLACK_LATENCY);
  await api('POST', '/_sim/zendesk/latency', ZENDESK_LATENCY);
  const { ticket } = await api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
    subject: 'Bench ticket',
    body: 'Benchmarking the Slack app.',
    requester: { email: 'bench@example.com', name: 'Bench' },
    brand: 'photos',
  });
  await runtime.features.tickets.sync(String(ticket.id));
  type Msg = { ts: string; text: string };
  const root = await waitFor(async () =>
    (await api<{ messages: Msg[] }>('GET', '/_sim/slack/messages?channel=C0PHOTOS')).messages.find((m) =>
      m.text.startsWith(`#${ticket.id} `),
    ),
  );

  type Call = { kind: 'action' | 'command' | 'submit'; input: Record<string, unknown> };
  const click = (i: number, user = USERS[i % USERS.length]): Call => ({
    kind: 'action',
    input: { user, channel: 'C0PHOTOS', message_ts: root.ts, action_id: 'ticket_draft_reply' },
  });
  const command = (i: number, text = 'status'): Call => ({
    kind: 'command',
    input: { user: USERS[i % USERS.length], channel: 'C0PHOTOS', command: '/yorisoi', text },
  });
  // "Send later" with a time in the past: the listener validates and acks with an error, so the preview
  // stays open and 100 submissions can target the 3 agents' previews at any moment.
  let previews: View[] = [];
  const submitPreview = (i: number): Call => {
    const v = previews[i % previews.length]!;
    return {
      kind: 'submit',
      input: {
        view_id: v.id,
        user: v.user,
        values: { send_visibility: 'public', send_status: 'pending', send_at: 1 },
      },
    };
  };
  const burst = async (calls: Call[]) =>
    (
      await api<{ samples: Array<{ ms: number; acked: boolean; error?: string }> }>('POST', '/_bench/burst', {
        calls,
      })
    ).samples;

  // Each mapped agent gets an editor with the send preview pushed on top. "Draft reply" replaces a user's
  // modal, so the mixed row clicks as the product user only (who has no preview to lose).
  const preparePreviews = async () => {
    await burst(USERS.map((_, i) => click(i)));
    // A user whose editor did not open (its trigger expired on a loaded machine) is left out, and counted.
    const editors = (
      await Promise.all(
        USERS.map((u) => waitFor(async () => (await viewsOf(u, 'draft_editor'))[0]).catch(() => undefined)),
      )
    ).filter((v): v is View => v !== undefined);
    if (editors.length < USERS.length)
      console.error(`warm-up: ${USERS.length - editors.length} editor(s) did not open`);
    const agents = editors.filter((v) => v.user !== 'U0PRODUCT');
    // A reply typed first: an empty one is refused in the editor, with no preview.
    const replyInput = (v: View) =>
      v.view.blocks?.find((b) => b.type === 'input' && /^reply_0(__r\d+)?$/.test(b.block_id ?? ''))
        ?.block_id ?? 'reply_0';
    await burst(
      agents.map((v) => ({
        kind: 'action',
        input: {
          user: v.user,
          view_id: v.id,
          action_id: 'draft_send',
          values: { [replyInput(v)]: 'Thank you for waiting: the upload works again.' },
        },
      })),
    );
    previews = (
      await Promise.all(
        agents.map((v) =>
          waitFor(async () => (await viewsOf(v.user, 'draft_send_preview'))[0]).catch(() => undefined),
        ),
      )
    ).filter((v): v is View => v !== undefined);
    if (previews.length === 0) {
      // Say why: the listeners' warnings and the Slack calls that failed.
      for (const l of warnings) console.error(l);
      const calls = (await api<{ calls: ViewCall[] }>('GET', '/_sim/slack/calls')).calls;
      for (const c of calls.filter((c) => !c.ok)) console.error(`${c.method}: ${c.error}`);
      throw new Error('no send preview opened: the machine is too loaded to measure');
    }
    await runtime.settle();
  };

  // Warm-up: JIT, first reads, every listener once.
  await burst(USERS.map((_, i) => command(i)));
  await preparePreviews();
  await burst(previews.map((_, i) => submitPreview(i)));
  await runtime.settle();

  const viewOpens = async () =>
    (await api<{ calls: ViewCall[] }>('GET', '/_sim/slack/calls')).calls.filter(
      (c) => c.method === 'views.open' || c.method === 'views.push',
    );
  const results: Array<
    ReturnType<typeof stats> & {
      failedAfterAck: number;
      modalsWanted: number;
      modalsOpened: number;
      /** How old the trigger_id was when Slack judged views.open/push: p50 and max, ms. */
      openAge?: { p50: number; max: number };
    }
  > = [];
  /** `modals`: how many of the N interactions should open a modal (clicks, /karte: all; commands: none). */
  const row = async (name: string, make: (i: number) => Call, modals = 0) => {
    warnings.length = 0;
    const before = (await viewOpens()).length;
    const samples = await burst(Array.from({ length: N }, (_, i) => make(i)));
    for (const s of samples) if (!s.acked) console.error(`not acked: ${s.error}`);
    await runtime.settle();
    // Listeners keep working after their ack (views.open, then the search or Zendesk, then views.update):
    // wait until no modal call has come for 3 s, so this row's modals are counted in this row.
    let seen = -1;
    let quietSince = Date.now();
    while (Date.now() - quietSince < 3000) {
      const n = (await viewOpens()).length;
      if (n !== seen) [seen, quietSince] = [n, Date.now()];
      await new Promise((r) => setTimeout(r, 250));
    }
    const opens = (await viewOpens()).slice(before);
    for (const c of opens) if (!c.ok) console.error(`${c.method}: ${c.error}`);
    const failed = warnings.filter((l) => /"level":"(warn|error)"/.test(l));
    // What failed after the ack, once per kind of message (the count is in the table).
    for (const l of new Set(failed.map((l) => (JSON.parse(l) as { msg?: string }).msg ?? l)))
      console.error(`${name}: after the ack: ${l}`);
    results.push({
      ...stats(name, samples),
      failedAfterAck: failed.length,
      modalsWanted: modals,
      modalsOpened: modals ? opens.filter((c) => c.ok).length : 0,
      ...(modals ? { openAge: ages(opens) } : {}),
    });
  };
  const ages = (opens: ViewCall[]) => {
    const a = opens
      .flatMap((c) => (c.trigger_age_ms === undefined ? [] : [c.trigger_age_ms]))
      .sort((x, y) => x - y);
    return { p50: a[Math.ceil(a.length / 2) - 1] ?? Number.NaN, max: a[a.length - 1] ?? Number.NaN };
  };
  const findTemplate = (i: number): Call => ({
    kind: 'action',
    input: {
      user: USERS[i % USERS.length],
      channel: 'C0PHOTOS',
      message_ts: root.ts,
      action_id: 'ticket_find_template',
      value: String(ticket.id),
    },
  });
  const karte = (i: number): Call => ({
    kind: 'command',
    input: {
      user: USERS[i % USERS.length],
      channel: 'C0PHOTOS',
      command: '/karte',
      text: 'bench@example.com',
    },
  });
  await row('button click (Draft reply)', (i) => click(i), N);
  await row('button click (Find template)', findTemplate, N);
  await row('slash command (/karte)', karte, N);
  await row('slash command (/yorisoi status)', (i) => command(i));
  await preparePreviews();
  await row('view submission (Send, validated)', submitPreview);
  const kinds = [(i: number) => click(i, 'U0PRODUCT'), (i: number) => command(i), submitPreview];
  await row('mixed (1/3 each, concurrently)', (i) => kinds[i % 3]!(i), Math.ceil(N / 3));

  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(
    `\nyorisoi Slack ack latency — ${N} concurrent interactions per row, Socket Mode, simulators in another process,\nlatency on: Slack ${SLACK_LATENCY.min_ms}–${SLACK_LATENCY.max_ms} ms per Web API call, Zendesk p50 ${ZENDESK_LATENCY.p50_ms} ms / p99 ${ZENDESK_LATENCY.p99_ms} ms`,
  );
  console.log(
    `${'interaction'.padEnd(36)}${pad('n', 5)}${pad('acked', 7)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}${pad('failed after ack', 18)}${pad('modals in 3 s', 15)}${pad('open at p50/max ms', 20)}`,
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(36)}${pad(r.n, 5)}${pad(r.acked, 7)}${pad(r.p50.toFixed(1), 9)}${pad(r.p99.toFixed(1), 9)}${pad(r.max.toFixed(1), 9)}${pad(r.failedAfterAck, 18)}${pad(r.modalsWanted ? `${r.modalsOpened}/${r.modalsWanted}` : '—', 15)}${pad(r.openAge ? `${r.openAge.p50}/${r.openAge.max}` : '—', 20)}`,
    );
  }
  const worst = Math.max(...results.map((r) => r.max));
  console.log(
    `\nSlack's limit is 3000 ms; slowest ack ${worst.toFixed(1)} ms. "open at": the trigger_id's age when Slack judged views.open/push\n(from the click, after that call's own latency; over 3000 is expired_trigger_id). Node ${process.version}, ${new Date().toISOString()}`,
  );
  const wanted = results.reduce((n, r) => n + r.modalsWanted, 0);
  const opened = results.reduce((n, r) => n + r.modalsOpened, 0);
  console.log(
    `Modals opened within Slack's 3 s (trigger_id accepted): ${opened}/${wanted} (${((100 * opened) / Math.max(1, wanted)).toFixed(1)}%)`,
  );
  if (results.some((r) => r.acked !== r.n) || opened < wanted) process.exitCode = 1;
} finally {
  await runtime.stop();
  child.stdin?.end();
  rmSync(dir, { recursive: true, force: true });
}
