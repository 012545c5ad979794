import { CareBlockIds } from '../views/ids.ts';

type SimMessage = {
  channel: string;
  ts: string;
  thread_ts?: string | null;
  text: string;
  attachments?: Array<{ color?: string; fallback?: string }>;
};
type SimView = {
  id: string;
  position: number;
  view: { callback_id?: string; title?: { text: string }; blocks: unknown[] };
};

/** What the demo's steps share (src/demo.ts builds it). */
export interface DemoContext {
  api: <T>(method: string, route: string, body?: unknown) => Promise<T>;
  waitFor: <T>(
    what: string,
    probe: () => Promise<T | undefined | null | false>,
    timeoutMs?: number,
  ) => Promise<T>;
  out: (line: string) => void;
  checks: Array<[string, boolean]>;
}

/**
 * The care chart part of `yorisoi demo`: hanako (who already wrote once, and once before yorisoi was
 * installed) gets a care chart from Aiko; her next ticket shows it in the thread's root without a click.
 */
export async function runCareChartDemo(ctx: DemoContext): Promise<void> {
  const { api, waitFor, out, checks } = ctx;
  const messages = async (channel: string) =>
    (await api<{ messages: SimMessage[] }>('GET', `/_sim/slack/messages?channel=${channel}`)).messages;
  const topView = async (user: string) =>
    (await api<{ views: SimView[] }>('GET', `/_sim/slack/views?user=${user}`)).views.sort(
      (a, b) => b.position - a.position,
    )[0];
  const modal = (user: string, callbackId: string, needle: string) =>
    waitFor(`${callbackId} modal`, async () => {
      const v = await topView(user);
      return v?.view.callback_id === callbackId && JSON.stringify(v.view.blocks).includes(needle) ? v : null;
    });

  // A ticket from last year: Zendesk has it, yorisoi was not installed yet (its webhook never arrived).
  await api('POST', '/_sim/zendesk/webhooks/drop', { count: 1 });
  const old = await api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
    subject: '年間プランの請求について',
    body: '年間プランの請求が二重になっているようです。',
    requester: { email: 'hanako@example.com', name: '山田 花子' },
    brand: 'photos',
    created_at: '2025-02-10T10:00:00+09:00',
  });
  await api('POST', '/_sim/zendesk/settled');
  out(`C1. hanako's ticket #${old.ticket.id} from 2025 exists only in Zendesk (from before yorisoi)`);

  await api('POST', '/_sim/slack/commands', {
    user: 'U0AGENT1',
    channel: 'C0PHOTOS',
    command: '/karte',
    text: 'hanako@example.com',
  });
  const history = await modal('U0AGENT1', 'care_history', 'care_chart_edit_open');
  await api('POST', '/_sim/slack/actions', {
    user: 'U0AGENT1',
    view_id: history.id,
    action_id: 'care_chart_edit_open',
  });
  const edit = await modal('U0AGENT1', 'care_chart_edit', CareBlockIds.notes);
  await api('POST', `/_sim/slack/views/${edit.id}/submit`, {
    user: 'U0AGENT1',
    values: {
      [CareBlockIds.flag]: ['handle_with_care'],
      [CareBlockIds.flagReason]: '家族写真の消失を強く心配されている。当日中に返信する',
      [CareBlockIds.facts]: 'plan: ファミリープレミアム\nlanguage: 日本語\ncontract: 2024-04 〜 2026-03',
      [CareBlockIds.notes]: '2025年に二重請求あり（返金済み）。電話より文章での説明を好まれる。',
    },
  });
  out(
    'C2. Aiko ran `/karte hanako@example.com` and saved a care chart: flag "handle with care", plan, language, notes',
  );

  const { ticket } = await api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
    subject: '共有したアルバムが表示されません',
    body: '祖父母に共有したアルバムが、相手の端末で表示されないそうです。',
    requester: { email: 'hanako@example.com', name: '山田 花子' },
    brand: 'photos',
  });
  const root = await waitFor('the returning customer’s thread', async () =>
    (await messages('C0PHOTOS')).find((m) => !m.thread_ts && m.text.startsWith(`#${ticket.id} `)),
  );
  const bar = root.attachments?.[0];
  out(`C3. hanako wrote again (#${ticket.id}); the thread's root in #support-photos shows, without a click:`);
  out(`    [${root.ts}] ${root.text}`);
  out(`    ${bar?.color === '#E01E5A' ? 'red bar' : `bar ${bar?.color ?? 'none'}`} | ${bar?.fallback ?? ''}`);
  checks.push([
    'returning customer: root shows the care chart summary with a red flag bar',
    bar?.color === '#E01E5A' && (bar.fallback ?? '').includes('当日中に返信'),
  ]);
  checks.push([
    'returning customer: root shows the prior ticket count (2, one only in Zendesk)',
    root.text.includes('2 prior tickets'),
  ]);

  await api('POST', '/_sim/slack/actions', {
    user: 'U0AGENT2',
    channel: 'C0PHOTOS',
    message_ts: root.ts,
    action_id: 'ticket_care_chart',
  });
  const modalView = await modal('U0AGENT2', 'care_history', `#${old.ticket.id}`);
  const lines = JSON.stringify(modalView.view.blocks).match(/\|#\d+>[^"\\]*/g) ?? [];
  out('C4. Kenji clicked "Care chart & history" on the root; the modal lists, newest first:');
  for (const l of lines) out(`    ${l.replace(/^\|/, '').replace('>', '').replace(/\*/g, '')}`);
  checks.push([
    'history modal lists the ticket that exists only in Zendesk',
    lines.some((l) => l.includes(`#${old.ticket.id}`)),
  ]);

  // The same button for Aiko (Slack locale ja-JP): the same modal in Japanese; Kenji (en-US) read English.
  await api('POST', '/_sim/slack/actions', {
    user: 'U0AGENT1',
    channel: 'C0PHOTOS',
    message_ts: root.ts,
    action_id: 'ticket_care_chart',
  });
  const aikoView = await modal('U0AGENT1', 'care_history', `#${ticket.id}`);
  const kenji = JSON.stringify(modalView.view);
  const aiko = JSON.stringify(aikoView.view);
  out('C5. Aiko (Slack in Japanese) clicked the same button: the same modal in her language');
  out(
    `    Kenji sees: "${modalView.view.title?.text ?? ''}" · ${kenji.includes('Edit care chart') ? '"Edit care chart"' : '?'}`,
  );
  out(
    `    Aiko sees:  "${aikoView.view.title?.text ?? ''}" · ${aiko.includes('カルテを編集') ? '「カルテを編集」' : '?'}`,
  );
  checks.push([
    "care chart modal in each reader's language (Kenji en-US English, Aiko ja-JP Japanese)",
    kenji.includes('Edit care chart') && aiko.includes('カルテを編集') && !aiko.includes('Edit care chart'),
  ]);
}
