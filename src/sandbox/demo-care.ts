import type { Translate } from '../i18n/index.ts';
import { CareBlockIds } from '../views/ids.ts';

type SimMessage = {
  channel: string;
  ts: string;
  thread_ts?: string | null;
  text: string;
  blocks?: Array<{ type: string; text?: { text: string }; elements?: Array<{ text?: string }> }>;
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
  /** The narration's language (the workspace's, YORISOI_LOCALE), also that of the channel posts. */
  t: Translate;
}

/**
 * The care chart part of `yorisoi demo`: hanako (who already wrote once, and once before yorisoi was
 * installed) gets a care chart from Aiko; her next ticket shows it in the thread's root without a click.
 */
export async function runCareChartDemo(ctx: DemoContext): Promise<void> {
  const { api, waitFor, out, checks, t } = ctx;
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
  out(t('demo.care.old_ticket', { id: old.ticket.id }));

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
  out(t('demo.care.saved'));

  const { ticket } = await api<{ ticket: { id: number } }>('POST', '/_sim/zendesk/tickets', {
    subject: '共有したアルバムが表示されません',
    body: '祖父母に共有したアルバムが、相手の端末で表示されないそうです。',
    requester: { email: 'hanako@example.com', name: '山田 花子' },
    brand: 'photos',
  });
  const root = await waitFor('the returning customer’s thread', async () =>
    (await messages('C0PHOTOS')).find((m) => !m.thread_ts && m.text.startsWith(`#${ticket.id} `)),
  );
  // The flag comes first: the root's first block carries it with its reason.
  const first = root.blocks?.[0];
  const firstText = first?.text?.text ?? (first?.elements ?? []).map((e) => e.text ?? '').join(' ');
  out(t('demo.care.returning', { id: ticket.id }));
  out(`    [${root.ts}] ${root.text}`);
  // Its first line, as a reader sees it: without mrkdwn's marks, Slack's date tokens as their fallback.
  const firstLine = (firstText.split('\n')[0] ?? '')
    .replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1')
    .replace(/\*/g, '');
  out(t('demo.care.first_block', { text: firstLine }));
  checks.push([
    t('demo.check.care_flag'),
    firstText.includes(':warning:') && firstText.includes('当日中に返信'),
  ]);
  checks.push([
    t('demo.check.care_prior'),
    JSON.stringify(root.blocks ?? []).includes(t('root.prior_some', { count: 2 })),
  ]);

  await api('POST', '/_sim/slack/actions', {
    user: 'U0AGENT2',
    channel: 'C0PHOTOS',
    message_ts: root.ts,
    action_id: 'ticket_care_chart',
  });
  const modalView = await modal('U0AGENT2', 'care_history', `#${old.ticket.id}`);
  const lines = JSON.stringify(modalView.view.blocks).match(/\|#\d+>[^"\\]*/g) ?? [];
  out(t('demo.care.history'));
  for (const l of lines) out(`    ${l.replace(/^\|/, '').replace('>', '').replace(/\*/g, '')}`);
  checks.push([t('demo.check.care_history'), lines.some((l) => l.includes(`#${old.ticket.id}`))]);

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
  out(t('demo.care.languages'));
  out(
    t('demo.care.kenji_sees', {
      title: modalView.view.title?.text ?? '',
      button: kenji.includes('Edit care chart') ? '"Edit care chart"' : '?',
    }),
  );
  out(
    t('demo.care.aiko_sees', {
      title: aikoView.view.title?.text ?? '',
      button: aiko.includes('カルテを編集') ? '「カルテを編集」' : '?',
    }),
  );
  checks.push([
    t('demo.check.care_languages'),
    kenji.includes('Edit care chart') && aiko.includes('カルテを編集') && !aiko.includes('Edit care chart'),
  ]);
}
