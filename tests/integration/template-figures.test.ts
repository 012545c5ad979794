import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.ts';
import type { WeeklyReport } from '../../src/domain/team/metrics.ts';
import {
  AIKO,
  act,
  KENJI,
  nextVersionOf,
  openEditorFromRoot,
  submitPreview,
  ticketWithThread,
  viewOf,
  viewText,
} from './drafting-helpers.ts';
import { startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox({ drafting: { undoSeconds: 1 } });
});
afterAll(async () => {
  await s?.close();
});

const TEMPLATE = 'tpl-upload-android';
const thisWeek = () => format(new TZDate(Date.now(), 'Asia/Tokyo'), "RRRR-'W'II");

/** Aiko answers a ticket with the Android upload template and solves it. */
async function answerWithTemplate(subject: string) {
  const thread = await ticketWithThread(s, { subject });
  const editor = await openEditorFromRoot(s, AIKO, thread);
  await act(s, AIKO, editor, 'draft_template_search', {
    value: 'アップロード android',
    typed: { reply_0: 'Taro様\n' },
  });
  const results = await nextVersionOf(s, AIKO, editor, (v) => viewText(v).includes('draft_template_insert'));
  await act(s, AIKO, results, 'draft_template_insert', { value: TEMPLATE });
  const inserted = await nextVersionOf(s, AIKO, results, (v) => viewText(v).includes('を挿入しました'));
  await act(s, AIKO, inserted, 'draft_send', {});
  const preview = await viewOf(s, AIKO, 'draft_send_preview');
  await submitPreview(s, AIKO, preview, { send_status: 'solved' });
  await waitFor('the reply sent', async () =>
    s.db.replySend.findFirst({ where: { ticketZendeskId: String(thread.ticket.id), status: 'sent' } }),
  );
  return thread;
}

describe('per-template figures from sent replies, Zendesk audits and CSAT', () => {
  beforeAll(async () => {
    // Two tickets answered with the template and solved: one reopened by the customer, one rated good.
    const reopened = await answerWithTemplate('Upload fails (1)');
    const rated = await answerWithTemplate('Upload fails (2)');
    await s.api('POST', `/_sim/zendesk/tickets/${reopened.ticket.id}/customer-reply`, {
      body: 'まだ失敗します',
    });
    await s.api('POST', `/_sim/zendesk/tickets/${rated.ticket.id}/satisfaction`, { score: 'offered' });
    await s.api('POST', `/_sim/zendesk/tickets/${rated.ticket.id}/satisfaction`, { score: 'good' });
    await s.api('POST', '/_sim/zendesk/settled');
    await s.runtime.settle();
  });

  it("the weekly report and `yorisoi report weekly --json` carry the template's uses, reopen rate and rating", async () => {
    const report = await s.features.team.reports.weekly(thisWeek());
    const figures = report.templates.used.find((f) => f.templateId === TEMPLATE);
    expect(figures).toMatchObject({
      uses: 2,
      tickets: 2,
      solved: 2,
      reopened: 1,
      reopenRate: 0.5,
      good: 1,
      bad: 0,
    });
    expect(figures?.title).toContain('Android');

    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(`ERR ${l}`) };
    const env = {
      DATABASE_URL: s.databaseUrl,
      ZENDESK_API_URL: s.zendeskApi.apiUrl,
      ZENDESK_EMAIL: s.zendeskApi.email,
      ZENDESK_API_TOKEN: s.zendeskApi.apiToken,
      SLACK_BOT_TOKEN: 'xoxb-cli',
      SLACK_APP_TOKEN: 'xapp-cli',
      SLACK_SIGNING_SECRET: 'cli',
    };
    expect(await runCli(['report', 'weekly', '--week', thisWeek(), '--json'], env, io)).toBe(0);
    const printed = JSON.parse(out.join('\n')) as WeeklyReport;
    expect(printed.templates.used.find((f) => f.templateId === TEMPLATE)).toMatchObject({
      uses: 2,
      reopened: 1,
    });
    out.length = 0;
    expect(
      await runCli(['report', 'weekly', '--week', thisWeek()], { ...env, YORISOI_LOCALE: 'en' }, io),
    ).toBe(0);
    expect(out.join('\n')).toMatch(/used 2×, reopen rate 50%, 1 good \/ 0 bad/);
  });

  it("the template's Show view shows them in the reader's language", async () => {
    const direct = await s.features.team.templateFigures.figures(TEMPLATE, { waitMs: 30_000 });
    expect(direct, JSON.stringify(direct)).toMatchObject({
      uses: 2,
      reopenRate: 0.5,
      good: 1,
    });
    const r = await s.api<{ responses: Array<{ body: { blocks?: Array<{ block_id?: string }> } }> }>(
      'POST',
      '/_sim/slack/commands',
      {
        user: KENJI,
        channel: 'C0SUPPORT',
        command: '/template',
        text: 'アップロード android',
        wait_ms: 10_000,
      },
    );
    const hits = r.body.responses[0]?.body.blocks ?? [];
    const hit = hits.findIndex((b) => JSON.stringify(b).includes(TEMPLATE));
    const blockId = hits.slice(hit).find((b) => b.block_id?.startsWith('tpl_hit'))?.block_id;
    expect(blockId).toBeTruthy();
    const ephemeral = await waitFor('the results', async () =>
      (
        await s.api<{ ephemerals: Array<{ ts: string; text: string }> }>(
          'GET',
          `/_sim/slack/ephemerals?user=${KENJI}`,
        )
      ).body.ephemerals.at(-1),
    );
    await s.api('POST', '/_sim/slack/actions', {
      user: KENJI,
      channel: 'C0SUPPORT',
      message_ts: ephemeral.ts,
      action_id: 'template_show',
      block_id: blockId,
    });
    const shown = await viewOf(s, KENJI, 'template_show_view');
    expect(viewText(shown)).toContain('Used 2 times (2 tickets)');
    expect(viewText(shown)).toContain('Reopen rate 50% (1 of 2 solved)');
    expect(viewText(shown)).toContain('Satisfaction 100% (1 good, 0 bad)');
  });
});
