import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/cli.ts';
import type { WeeklyReport } from '../../src/domain/team/metrics.ts';
import { rootsOf, type SimMessage, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
});
afterAll(async () => {
  await s?.close();
});

/** The ISO week the simulators' tickets fall in (they are created now), in the team's zone. */
const thisWeek = () => format(new TZDate(Date.now(), 'Asia/Tokyo'), "RRRR-'W'II");
const agent = (id: number, patch: Record<string, unknown>) =>
  s.api('PATCH', `/_sim/zendesk/tickets/${id}`, patch);
const settle = async () => {
  await s.api('POST', '/_sim/zendesk/settled');
  await s.runtime.settle();
};

describe('weekly team report against the simulators', () => {
  let week: string;
  beforeAll(async () => {
    week = thisWeek();
    const billing = await s.openTicket({
      subject: '請求書の再発行',
      body: '請求書をもう一度ください',
      tags: ['billing'],
    });
    const app = await s.openTicket({
      subject: 'アプリが落ちる',
      body: '起動するとすぐ落ちます',
      tags: ['app'],
      requester: { email: 'hanako@example.com', name: 'Hanako' },
    });
    await agent(billing.id, { comment: '再発行いたしました。', status: 'solved' });
    await s.api('POST', `/_sim/zendesk/tickets/${billing.id}/customer-reply`, { body: '宛名が違います' });
    await agent(billing.id, { comment: '宛名を直して再発行しました。', status: 'solved' });
    await s.api('POST', `/_sim/zendesk/tickets/${billing.id}/satisfaction`, { score: 'offered' });
    await s.api('POST', `/_sim/zendesk/tickets/${billing.id}/satisfaction`, { score: 'good' });
    await s.api('POST', `/_sim/zendesk/tickets/${app.id}/satisfaction`, { score: 'offered' });
    await settle();
    // Every comment is stored (4 on the billing ticket, 1 on the app ticket) before the report reads them.
    await waitFor('the comments in yorisoi', async () => (await s.db.ticketComment.count()) >= 5);
  });

  it('counts tickets, replies, solves, reopens and ratings from yorisoi + Zendesk audits and CSAT', async () => {
    const report = await s.features.team.reports.weekly(week);
    expect(report.created).toBe(2);
    expect(report.perTag).toEqual([
      { key: 'app', count: 1 },
      { key: 'billing', count: 1 },
    ]);
    // One first reply (the app ticket has none yet), one next reply (after the customer's second message).
    expect(report.firstResponse.count).toBe(1);
    expect(report.nextResponse.count).toBe(1);
    // Solved, reopened by the customer, solved again: one solved ticket, reopened, resolved once.
    expect(report.solved).toBe(1);
    expect(report.reopened).toBe(1);
    expect(report.fullResolution.count).toBe(1);
    expect(report.satisfaction).toMatchObject({ offered: 2, answered: 1, good: 1, bad: 0 });
  });

  it('`yorisoi report weekly --json` prints the same numbers; a bad --week is a usage error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const env = {
      DATABASE_URL: s.databaseUrl,
      ZENDESK_API_URL: s.zendeskApi.apiUrl,
      ZENDESK_EMAIL: s.zendeskApi.email,
      ZENDESK_API_TOKEN: s.zendeskApi.apiToken,
      SLACK_BOT_TOKEN: 'xoxb-cli',
      SLACK_APP_TOKEN: 'xapp-cli',
      SLACK_SIGNING_SECRET: 'cli',
    };
    const code = await runCli(['report', 'weekly', '--week', week, '--json'], env, io);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const printed = JSON.parse(out.join('\n')) as WeeklyReport;
    expect(printed.created).toBe(2);
    expect(printed.satisfaction.good).toBe(1);
    expect(printed.reopened).toBe(1);

    out.length = 0;
    expect(await runCli(['report', 'weekly', '--week', week], { ...env, YORISOI_LOCALE: 'en' }, io)).toBe(0);
    expect(out[0]).toBe(`Team weekly report ${week}`);
    expect(out.join('\n')).toMatch(/Reopen rate 100% \(1 of 1 solved\)/);

    expect(await runCli(['report', 'weekly', '--week', '2026-48'], env, io)).toBe(2);
    expect(err.at(-1)).toMatch(/--week must be an ISO week such as 2026-W48/);
  });

  it('/yorisoi report answers only the asker, in their language (Kenji reads English)', async () => {
    const responses = async (user: string) =>
      (
        await s.api<{
          responses: Array<{ body: { text?: string; response_type?: string; blocks?: unknown[] } }>;
        }>('GET', `/_sim/slack/responses?user=${user}`)
      ).body.responses;
    await s.api('POST', '/_sim/slack/commands', {
      user: 'U0AGENT2',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: `report ${week}`,
    });
    const en = await waitFor('the English report', async () =>
      (await responses('U0AGENT2')).find((r) => r.body.text?.startsWith('Team weekly report')),
    ).catch((error) => {
      throw new Error(`${error}\n${s.logs.filter((l) => /report|error/i.test(l)).join('\n')}`);
    });
    expect(en.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(en.body.blocks)).toContain('Reopen rate 100%');

    await s.api('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: `report ${week}`,
    });
    const ja = await waitFor('the Japanese report', async () =>
      (await responses('U0LEAD')).find((r) => r.body.text?.startsWith('チーム週次レポート')),
    );
    expect(JSON.stringify(ja.body.blocks)).toContain('再オープン率 100%');

    await s.api('POST', '/_sim/slack/commands', {
      user: 'U0LEAD',
      channel: 'C0SUPPORT',
      command: '/yorisoi',
      text: 'report 2025-W53',
    });
    await waitFor('the usage answer', async () =>
      (await responses('U0LEAD')).find((r) => r.body.text?.includes('/yorisoi report [2026-W48]')),
    );
  });

  it('"Take it" assigns the ticket in Zendesk to the clicking agent; an assignment in Zendesk shows on the root', async () => {
    const ticket = await s.openTicket({ subject: '配送状況を知りたい', body: '注文がまだ届きません' });
    const root = await waitFor('the root', async () => rootsOf(await s.messages(), ticket.id)[0]);
    const click = await s.api<{ acked: boolean }>('POST', '/_sim/slack/actions', {
      user: 'U0AGENT1',
      channel: root.channel,
      message_ts: root.ts,
      action_id: 'ticket_take',
      value: String(ticket.id),
    });
    expect(click.body.acked).toBe(true);
    const inZendesk = async () =>
      (await s.api<{ ticket: { assignee_id: number | null } }>('GET', `/_sim/zendesk/tickets/${ticket.id}`))
        .body.ticket.assignee_id;
    const users = (await s.api<{ users: Array<{ id: number; email: string }> }>('GET', '/_sim/zendesk/users'))
      .body.users;
    const aiko = users.find((u) => u.email === 'aiko@example.com')?.id;
    await waitFor('the assignment in Zendesk', async () => (await inZendesk()) === aiko);
    await waitFor('Aiko on the root', async () =>
      rootsOf(await s.messages(), ticket.id)[0]?.text.includes('Aiko Sato'),
    );

    await agent(ticket.id, { assignee_email: 'kenji@example.com', actor_email: 'kenji@example.com' });
    await settle();
    await waitFor('Kenji on the root', async () =>
      rootsOf(await s.messages(), ticket.id)[0]?.text.includes('Kenji'),
    );
  });

  it('posts last week once on Monday after opening time, with its chart; not before; not again after a restart', async () => {
    const reportRoots = (ms: SimMessage[]) =>
      ms.filter((m) => !m.thread_ts && m.text.startsWith('チーム週次レポート'));
    // Monday 2026-11-30 08:00 in Tokyo: the week has not opened yet.
    await s.restartApp({ reportChannel: 'C0ALERTS', clock: () => new Date('2026-11-29T23:00:00Z') });
    expect(await s.features.team.postWeeklyIfDue()).toBeNull();
    // Tuesday noon in Tokyo: last week (2026-W48) is due.
    await s.restartApp({ reportChannel: 'C0ALERTS', clock: () => new Date('2026-12-01T03:00:00Z') });
    await settle();
    const root = await waitFor('the weekly report', async () => reportRoots(await s.messages('C0ALERTS'))[0]);
    expect(root.text).toContain('2026-W48');
    const files = async () =>
      (
        await s.api<{ files: Array<{ name: string; thread_ts: string | null; completed: boolean }> }>(
          'GET',
          '/_sim/slack/files',
        )
      ).body.files;
    const chart = await waitFor('the chart in the report thread', async () =>
      (await files()).find((f) => f.completed && f.name === 'team-report-2026-W48.png'),
    );
    expect(chart.thread_ts).toBe(root.ts);

    expect(await s.features.team.postWeeklyIfDue()).toBeNull();
    await s.restartApp({ reportChannel: 'C0ALERTS', clock: () => new Date('2026-12-01T04:00:00Z') });
    expect(await s.features.team.postWeeklyIfDue()).toBeNull();
    await settle();
    expect(reportRoots(await s.messages('C0ALERTS'))).toHaveLength(1);
  });
});
