import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Locale, type MessageKey, translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { createVolumeStore } from '../storage/volume-store.ts';
import { runCareChartDemo } from './demo-care.ts';
import { runDraftingDemo } from './demo-drafting.ts';
import { startSandbox } from './sandbox.ts';

type SimMessage = {
  channel: string;
  ts: string;
  thread_ts?: string | null;
  user?: string;
  text: string;
  blocks?: unknown[];
};

/**
 * One request to the simulators' control API on its own connection: a kept-alive socket that the server
 * closes as it idles can fail the next request on a busy machine ("fetch failed"), and the demo's
 * requests (a new ticket, a click) must not be sent twice to be safe.
 */
function request(url: string, method: string, body?: unknown): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * `yorisoi demo`: plays a customer and an agent against the sandbox and prints what Slack and Zendesk show,
 * read back from the simulators' control API. Returns the exit code: 0 when every step checked out.
 */
export async function runDemo(
  out: (line: string) => void,
  logger: Logger,
  locale: Locale = 'ja',
  opts: { saveDir?: string } = {},
): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-demo-'));
  // The alert clock can be moved ahead (step 7 shows a recovery without waiting an hour).
  let clockOffsetMs = 0;
  const sandbox = await startSandbox({
    databaseUrl: `file:${path.join(dir, 'demo.db')}`,
    logger,
    pollSeconds: 5,
    drafting: { undoSeconds: 3 },
    clock: () => new Date(Date.now() + clockOffsetMs),
    locale,
  });
  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const r = await request(`${sandbox.simUrl}${route}`, method, body);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${route} → HTTP ${r.status}: ${r.text}`);
    return JSON.parse(r.text) as T;
  };
  const messages = async (channel: string) =>
    (await api<{ messages: SimMessage[] }>('GET', `/_sim/slack/messages?channel=${channel}`)).messages;
  const waitFor = async <T>(
    what: string,
    probe: () => Promise<T | undefined | null | false>,
    timeoutMs = 20_000,
  ): Promise<T> => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const v = await probe();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  // A message as the terminal can show it: one line, Slack's date tokens as their (UTC) fallback text.
  const show = (m: SimMessage) =>
    `    [${m.ts}${m.thread_ts && m.thread_ts !== m.ts ? ` in thread ${m.thread_ts}` : ''}] ${m.text
      .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
      .replace(/\n/g, ' ')
      .slice(0, 160)}`;
  const checks: Array<[string, boolean]> = [];
  // --save DIR: what Slack showed, as JSON that `npm run render:slack` draws (and the chart as PNG).
  const saveDir = opts.saveDir ? path.resolve(opts.saveDir) : undefined;
  if (saveDir) mkdirSync(saveDir, { recursive: true });
  const save = (name: string, content: unknown) => {
    if (!saveDir) return;
    const file = path.join(saveDir, name);
    writeFileSync(file, Buffer.isBuffer(content) ? content : `${JSON.stringify(content, null, 2)}\n`);
  };
  // The narration and the channel posts are in the workspace's language (YORISOI_LOCALE): what the demo
  // says and what it looks for in Slack, both from the catalog.
  const t = translator(locale);
  const prefixOf = (key: MessageKey) => t(key, { id: '\u0000', scope: '\u0000' }).split('\u0000')[0] ?? '';
  out(t('demo.language', { locale }));
  try {
    out(t('demo.title', { sim: sandbox.simUrl, app: sandbox.appUrl }));
    out(
      t('demo.setup', {
        webhook: sandbox.setup.webhookId,
        endpoint: sandbox.setup.endpoint,
        trigger: sandbox.setup.triggerId,
      }),
    );

    const { ticket } = await api<{ ticket: { id: number; subject: string } }>(
      'POST',
      '/_sim/zendesk/tickets',
      {
        subject: 'アルバムに写真をアップロードできません',
        body: '昨日からアプリで写真をアップロードすると「エラーが発生しました」と表示されます。\n家族の写真を早く共有したいので、確認をお願いします。',
        requester: { email: 'hanako@example.com', name: '山田 花子' },
        brand: 'photos',
        tags: ['upload', 'android'],
      },
    );
    out(t('demo.ticket_opened', { id: ticket.id }));
    const root = await waitFor('the ticket thread in #support-photos', async () =>
      (await messages('C0PHOTOS')).find((m) => !m.thread_ts && m.text.includes(`#${ticket.id}`)),
    );
    const firstReply = await waitFor('the first message in the thread', async () =>
      (await messages('C0PHOTOS')).find((m) => m.thread_ts === root.ts && m.ts !== root.ts),
    );
    out(t('demo.slack_shows'));
    out(show(root));
    out(show(firstReply));
    checks.push([t('demo.check.thread'), true]);

    await api('POST', `/_sim/zendesk/tickets/${ticket.id}/customer-reply`, {
      body: '追記です。iPhoneでは問題なくアップロードできました。',
    });
    out(t('demo.follow_up'));
    const followUp = await waitFor('the follow-up in the same thread', async () =>
      (await messages('C0PHOTOS')).find((m) => m.thread_ts === root.ts && m.text.includes('iPhone')),
    );
    out(show(followUp));
    checks.push([t('demo.check.follow_up'), followUp.thread_ts === root.ts]);

    await api('PATCH', `/_sim/zendesk/tickets/${ticket.id}`, {
      status: 'pending',
      assignee_email: 'aiko@example.com',
      priority: 'high',
    });
    out(t('demo.status_changed'));
    const edited = await waitFor('the root message edited in place', async () =>
      (await messages('C0PHOTOS')).find(
        (m) => m.ts === root.ts && m.text.includes(t('status.pending')) && m.text.includes('Aiko'),
      ),
    );
    out(show(edited));
    checks.push([t('demo.check.root_edited'), edited.ts === root.ts]);

    await runCareChartDemo({ api, waitFor, out, checks, t });

    const all = await messages('C0PHOTOS');
    const roots = all.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    checks.push([
      t('demo.check.one_thread'),
      roots.filter((m) => m.text.includes(`#${ticket.id}`)).length === 1,
    ]);

    // 5. Voice of the customer.
    await api('POST', '/_sim/slack/commands', {
      user: 'U0PRODUCT',
      channel: 'C0VOICE',
      command: '/voice',
      text: 'subscribe product:photos tag:upload',
    });
    out(t('demo.voice_subscribe'));
    const voiced = await api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
      subject: '動画がアップロードできない',
      body: '鈴木 一郎です。動画のアップロードが 99% で止まります。\n連絡先: ichiro.suzuki@example.jp / 090-1111-2222\n住所: 〒150-0041 東京都渋谷区神南1-2-3',
      requester: { email: 'ichiro.suzuki@example.jp', name: '鈴木 一郎' },
      brand: 'photos',
      tags: ['upload', 'video'],
    });
    const voice = await waitFor('the voice in #product-voice', async () =>
      (await messages('C0VOICE')).find(
        (m) => !m.thread_ts && m.text.startsWith(`${prefixOf('voice.message_text')}${voiced.ticket.id}`),
      ),
    );
    out(t('demo.voice_shows'));
    const words = ((voice.blocks ?? []) as Array<{ type: string; text?: { text: string } }>)
      .filter((b) => b.type === 'section')
      .slice(1);
    for (const line of words
      .map((b) => b.text?.text ?? '')
      .join('\n')
      .split('\n'))
      out(`     | ${line}`);
    const shown = JSON.stringify(voice);
    checks.push([
      t('demo.check.voice'),
      shown.includes('[email]') &&
        shown.includes('[phone]') &&
        shown.includes('[address]') &&
        !shown.includes('090-1111-2222'),
    ]);

    // 6. Volume alert: four weeks of generated history, then a burst of tickets through Zendesk.
    const now = Date.now();
    const hour = 3_600_000;
    const history = createVolumeStore(sandbox.db);
    for (let h = 28 * 24; h >= 1; h--) {
      const at = new Date(now - h * hour);
      const local = new Date(at.getTime() + 9 * hour);
      const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6;
      const busy = local.getUTCHours() >= 9 && local.getUTCHours() < 19;
      const n = (busy ? (weekend ? 2 : 4) : 1) + ((h * 7) % 3);
      await history.add('all', at, n);
    }
    out(t('demo.volume_history'));
    for (let i = 0; i < 14; i++) {
      await api('POST', '/_sim/zendesk/tickets', {
        subject: `ログインできません (${i + 1})`,
        body: 'アプリを更新したらログインできなくなりました。',
        requester: { email: `user${i}@example.com`, name: `User ${i}` },
        tags: ['login', i % 2 ? 'android' : 'ios'],
      });
    }
    const alert = await waitFor('the volume alert in #support-alerts', async () =>
      (await messages('C0ALERTS')).find(
        (m) => !m.thread_ts && m.text.startsWith(prefixOf('volume.alert_text')),
      ),
    );
    out(show(alert));
    const files = async () =>
      (
        await api<{
          files: Array<{
            name: string;
            thread_ts: string | null;
            completed: boolean;
            content_base64: string | null;
          }>;
        }>('GET', '/_sim/slack/files')
      ).files;
    const chart = await waitFor('the chart upload', async () =>
      (await files()).find((f) => f.completed && f.thread_ts === alert.ts),
    );
    const chartPath = path.resolve('yorisoi-demo-chart.png');
    writeFileSync(chartPath, Buffer.from(chart.content_base64 ?? '', 'base64'));
    save('volume-chart.png', Buffer.from(chart.content_base64 ?? '', 'base64'));
    out(t('demo.chart_saved', { name: chart.name, path: chartPath }));
    checks.push([t('demo.check.alert'), chart.content_base64?.startsWith('iVBORw0KGgo') === true]);

    clockOffsetMs = 2 * hour;
    await sandbox.runtime.features.volume.check();
    const recovery = await waitFor('the recovery', async () =>
      (await messages('C0ALERTS')).find(
        (m) => m.thread_ts === alert.ts && m.text.startsWith(prefixOf('volume.recovery')),
      ),
    );
    out(t('demo.recovery'));
    out(show(recovery));
    checks.push([
      t('demo.check.recovery'),
      (await messages('C0ALERTS')).filter((m) => m.text.startsWith(prefixOf('volume.alert_text'))).length ===
        1,
    ]);

    // 8… Drafting: ticket thread → draft with a template → shared → approved → sent, read from Zendesk.
    const next = await runDraftingDemo({
      api,
      messages,
      waitFor,
      show,
      out,
      checks,
      ticketId: ticket.id,
      channel: 'C0PHOTOS',
      root,
      step: 8,
      t,
      // The burst of step 6 is still being posted at Slack's ~1 message/s per channel.
      settle: () => sandbox.runtime.settle(),
      save,
    });
    if (saveDir) {
      // Each channel's messages, roots first as a channel shows them, and every root's thread after it.
      for (const channel of ['C0PHOTOS', 'C0SUPPORT', 'C0VOICE', 'C0ALERTS']) {
        const all = await messages(channel);
        const rootsOnly = all.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
        save(`${channel}-roots.json`, { messages: rootsOnly });
        save(`${channel}-all.json`, { messages: all });
      }
    }
    out(t('demo.checks', { step: next }));
    for (const [name, ok] of checks) out(`   ${ok ? 'ok  ' : 'FAIL'} ${name}`);
    return checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    out(t('demo.failed', { message: (error as Error).message }));
    return 1;
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
