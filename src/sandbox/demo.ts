import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
 * `yorisoi demo`: plays a customer and an agent against the sandbox and prints what Slack and Zendesk show,
 * read back from the simulators' control API. Returns the exit code: 0 when every step checked out.
 */
export async function runDemo(
  out: (line: string) => void,
  logger: Logger,
  locale: Locale = 'ja',
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
    const r = await fetch(`${sandbox.simUrl}${route}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${route} → HTTP ${r.status}: ${await r.text()}`);
    return (await r.json()) as T;
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
  const show = (m: SimMessage) =>
    `    [${m.ts}${m.thread_ts && m.thread_ts !== m.ts ? ` in thread ${m.thread_ts}` : ''}] ${m.text.replace(/\n/g, ' ').slice(0, 160)}`;
  const checks: Array<[string, boolean]> = [];
  // Channel posts are in the workspace's language: what the demo looks for, in that language.
  const t = translator(locale);
  const prefixOf = (key: MessageKey) => t(key, { id: '\u0000', scope: '\u0000' }).split('\u0000')[0] ?? '';
  out(`workspace language (YORISOI_LOCALE): ${locale}`);
  try {
    out(`yorisoi demo — simulators at ${sandbox.simUrl}/_sim/, yorisoi at ${sandbox.appUrl}`);
    out(
      `1. zendesk setup: webhook ${sandbox.setup.webhookId} → ${sandbox.setup.endpoint}, trigger ${sandbox.setup.triggerId}`,
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
    out(
      `2. customer hanako@example.com opened Zendesk ticket #${ticket.id} (brand photos); Zendesk fired the signed webhook`,
    );
    const root = await waitFor('the ticket thread in #support-photos', async () =>
      (await messages('C0PHOTOS')).find((m) => !m.thread_ts && m.text.includes(`#${ticket.id}`)),
    );
    const firstReply = await waitFor('the first message in the thread', async () =>
      (await messages('C0PHOTOS')).find((m) => m.thread_ts === root.ts && m.ts !== root.ts),
    );
    out('   Slack #support-photos now shows:');
    out(show(root));
    out(show(firstReply));
    checks.push(['ticket thread created in the routed channel', true]);

    await api('POST', `/_sim/zendesk/tickets/${ticket.id}/customer-reply`, {
      body: '追記です。iPhoneでは問題なくアップロードできました。',
    });
    out('3. the customer wrote a follow-up in Zendesk');
    const followUp = await waitFor('the follow-up in the same thread', async () =>
      (await messages('C0PHOTOS')).find((m) => m.thread_ts === root.ts && m.text.includes('iPhone')),
    );
    out(show(followUp));
    checks.push(['follow-up landed in the same thread', followUp.thread_ts === root.ts]);

    await api('PATCH', `/_sim/zendesk/tickets/${ticket.id}`, {
      status: 'pending',
      assignee_email: 'aiko@example.com',
      priority: 'high',
    });
    out('4. an agent set the ticket to pending, priority high, assigned to Aiko Sato (in Zendesk)');
    const edited = await waitFor('the root message edited in place', async () =>
      (await messages('C0PHOTOS')).find(
        (m) => m.ts === root.ts && m.text.includes('pending') && m.text.includes('Aiko'),
      ),
    );
    out(show(edited));
    checks.push(['status change edited the root message', edited.ts === root.ts]);

    await runCareChartDemo({ api, waitFor, out, checks });

    const all = await messages('C0PHOTOS');
    const roots = all.filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    checks.push([
      'exactly one thread for the ticket',
      roots.filter((m) => m.text.includes(`#${ticket.id}`)).length === 1,
    ]);

    // 5. Voice of the customer.
    await api('POST', '/_sim/slack/commands', {
      user: 'U0PRODUCT',
      channel: 'C0VOICE',
      command: '/voice',
      text: 'subscribe product:photos tag:upload',
    });
    out('5. product (Sora) typed `/voice subscribe product:photos tag:upload` in #product-voice');
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
    out("   #product-voice shows the customer's words verbatim, personal data masked:");
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
      'voice posted verbatim with personal data masked',
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
    out(
      '6. loaded 4 weeks of generated hourly ticket counts (history), then 14 customers wrote within minutes:',
    );
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
    out(
      `   chart ${chart.name} uploaded with files.uploadV2 into the alert's thread; saved a copy to ${chartPath}`,
    );
    checks.push(['one alert with a PNG chart', chart.content_base64?.startsWith('iVBORw0KGgo') === true]);

    clockOffsetMs = 2 * hour;
    await sandbox.runtime.features.volume.check();
    const recovery = await waitFor('the recovery', async () =>
      (await messages('C0ALERTS')).find(
        (m) => m.thread_ts === alert.ts && m.text.startsWith(prefixOf('volume.recovery')),
      ),
    );
    out('7. two hours later (alert clock moved ahead) the episode closed:');
    out(show(recovery));
    checks.push([
      'exactly one alert and one recovery',
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
      // The burst of step 6 is still being posted at Slack's ~1 message/s per channel.
      settle: () => sandbox.runtime.settle(),
    });
    out(`${next}. checks (read back from the simulators):`);
    for (const [name, ok] of checks) out(`   ${ok ? 'ok  ' : 'FAIL'} ${name}`);
    return checks.every(([, ok]) => ok) ? 0 : 1;
  } catch (error) {
    out(`demo failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
