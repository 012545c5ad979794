import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusinessCalendar, DEFAULT_BUSINESS_HOURS } from '../../src/domain/team/business-hours.ts';
import {
  repliesTo,
  rootsOf,
  type SimMessage,
  startTestSandbox,
  type TestSandbox,
  waitFor,
} from './helpers.ts';

/**
 * Response-target reminders against the simulators, on a fake clock (settings.clock): tickets are backdated in
 * the Zendesk simulator (`created_at`), yorisoi's clock is moved by the test, and the test calls the same
 * `tick()` the scheduler calls every minute. Business hours: mon-fri 09:00-18:00 Asia/Tokyo with Japanese
 * holidays (the default); targets: first response 60 min, next response 120 min (workspace default).
 */
const jst = (local: string) => new Date(`${local}+09:00`);
const calendar = createBusinessCalendar(DEFAULT_BUSINESS_HOURS);
let now = jst('2026-11-23T08:00:00');
let s: TestSandbox;

beforeAll(async () => {
  s = await startTestSandbox({
    clock: () => now,
    responseTargets: { firstResponseMinutes: 60, nextResponseMinutes: 120 },
  });
});
afterAll(async () => {
  await s?.close();
});

const settle = async () => {
  await s.api('POST', '/_sim/zendesk/settled');
  await s.runtime.settle();
};
/** A ticket opened by the customer at a Tokyo wall-clock time, with its thread in Slack. */
async function ticketAt(local: string, subject: string) {
  const ticket = await s.openTicket({
    subject,
    body: `${subject}について教えてください`,
    created_at: `${local}+09:00`,
  });
  const root = await waitFor('the root', async () => rootsOf(await s.messages(), ticket.id)[0]);
  return { id: ticket.id, root };
}
const reminderIn = (m: SimMessage) => m.text.includes('目標');
async function threadReminders(t: { root: SimMessage }) {
  await s.runtime.settle();
  return repliesTo(await s.messages(t.root.channel), t.root.ts).filter(reminderIn);
}
async function channelEscalations(t: { id: number; root: SimMessage }) {
  await s.runtime.settle();
  return (await s.messages(t.root.channel)).filter(
    (m) => !m.thread_ts && m.text.includes(`#${t.id} `) && m.text.includes(':rotating_light:'),
  );
}
async function tickAt(at: Date) {
  now = at;
  await s.features.reminders.tick();
  await s.runtime.settle();
}
/** The root's visible text (its blocks), as the Slack simulator holds it now. */
async function rootText(id: number) {
  const root = rootsOf(await s.messages(), id)[0];
  return JSON.stringify(root?.blocks ?? []);
}
const firedRows = (id: number) => s.db.targetReminder.count({ where: { ticketZendeskId: String(id) } });

describe('response-target reminders', () => {
  it('do not ping on a holiday or outside business hours; a step that fell due then fires when the shift opens', async () => {
    // Opened on 勤労感謝の日 (Monday 2026-11-23): its clock starts on Tuesday at 09:00.
    const onHoliday = await ticketAt('2026-11-23T10:00:00', '祝日に届いた問い合わせ');
    // Opened the Friday before, 10:00: its hour ran out at 11:00 on Friday — long overdue on the holiday.
    const friday = await ticketAt('2026-11-20T10:00:00', '金曜日の問い合わせ');

    await tickAt(jst('2026-11-23T15:00:00'));
    expect(await threadReminders(onHoliday)).toHaveLength(0);
    expect(await threadReminders(friday)).toHaveLength(0);
    // Overdue all the same (the App Home lists it): late by Friday 11:00-18:00 in business time, not three days.
    const overdue = await s.features.reminders.overdueTickets();
    expect(overdue.find((o) => o.ticketZendeskId === String(friday.id))).toMatchObject({
      kind: 'first',
      lateMinutes: 7 * 60,
    });
    expect(overdue.some((o) => o.ticketZendeskId === String(onHoliday.id))).toBe(false);

    // Tuesday 09:00:30: the shift opened; the Friday ticket pings its thread, the holiday one is not due yet.
    await tickAt(jst('2026-11-24T09:00:30'));
    expect(await threadReminders(friday)).toHaveLength(1);
    expect(await threadReminders(onHoliday)).toHaveLength(0);

    // Tuesday 20:00: the holiday ticket passed its target at 10:00 and step 2 of the Friday one is due, but
    // the office is closed: nothing new.
    await tickAt(jst('2026-11-24T20:00:00'));
    expect(await threadReminders(friday)).toHaveLength(1);
    expect(await channelEscalations(friday)).toHaveLength(0);
    expect(await firedRows(onHoliday.id)).toBe(0);
  });

  it('fire each step exactly once: the thread (assignee mentioned), then the channel and the lead; not again after a restart', async () => {
    const t = await ticketAt('2026-11-25T10:00:00', 'ログインできません');
    await s.api('PATCH', `/_sim/zendesk/tickets/${t.id}`, {
      assignee_email: 'aiko@example.com',
      actor_email: 'aiko@example.com',
    });
    await settle();
    await s.features.drafting.agents.resolve('U0AGENT1');

    await tickAt(jst('2026-11-25T10:59:00'));
    expect(await threadReminders(t)).toHaveLength(0);

    await tickAt(jst('2026-11-25T11:00:30'));
    const [ping] = await threadReminders(t);
    expect(ping?.text).toContain('初回返信の目標（1時間）を過ぎました');
    expect(ping?.would_notify).toEqual(['@U0AGENT1']);

    // Every later tick, and a new process on the same database, find the stored step.
    await tickAt(jst('2026-11-25T11:10:00'));
    await s.restartApp();
    await tickAt(jst('2026-11-25T11:20:00'));
    expect(await threadReminders(t)).toHaveLength(1);
    expect(await channelEscalations(t)).toHaveLength(0);

    // One more target period after step 1: the inbox channel and its lead. Two checks at the same moment
    // (as two instances would) both see the step as due; the unique row lets one of them queue it.
    now = jst('2026-11-25T12:01:00');
    await Promise.all([s.features.reminders.tick(), s.features.reminders.tick()]);
    const escalations = await channelEscalations(t);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.text).toContain('ログインできません');
    expect(escalations[0]?.would_notify).toEqual(['@U0LEAD']);
    expect(await firedRows(t.id)).toBe(2);

    // Nothing after step 2, also after another restart.
    await s.restartApp();
    await tickAt(jst('2026-11-26T15:00:00'));
    expect(await threadReminders(t)).toHaveLength(1);
    expect(await channelEscalations(t)).toHaveLength(1);
  });

  it('a snoozed ticket pings nobody and is not listed as overdue', async () => {
    const t = await ticketAt('2026-11-26T10:00:00', '来月まで保留');
    await s.features.drafting.service.snooze({
      ticketZendeskId: String(t.id),
      until: new Date('2027-06-01T00:00:00Z'),
      untilCustomerWrites: false,
      slackUserId: 'U0AGENT1',
    });
    await tickAt(jst('2026-11-26T12:30:00'));
    await tickAt(jst('2026-11-26T14:00:00'));
    expect(await threadReminders(t)).toHaveLength(0);
    expect(await channelEscalations(t)).toHaveLength(0);
    expect(
      (await s.features.reminders.overdueTickets()).some((o) => o.ticketZendeskId === String(t.id)),
    ).toBe(false);
  });

  it('our reply stops the clock; the customer writing again starts the next-response clock at that message', async () => {
    const t = await ticketAt('2026-11-27T10:00:00', '請求書の宛名');
    await tickAt(jst('2026-11-27T11:00:30'));
    expect(await threadReminders(t)).toHaveLength(1);

    // Our public reply (the simulator stamps it with its own, real clock: after the fake now). Aiko takes the
    // ticket with it: an answered ticket nobody holds would ping as unassigned (tested below).
    await s.api('PATCH', `/_sim/zendesk/tickets/${t.id}`, {
      comment: '宛名を変更して再発行しました。',
      assignee_email: 'aiko@example.com',
      actor_email: 'aiko@example.com',
    });
    await settle();
    await tickAt(jst('2026-11-27T15:00:00'));
    expect(await threadReminders(t)).toHaveLength(1);
    expect(
      (await s.features.reminders.overdueTickets()).some((o) => o.ticketZendeskId === String(t.id)),
    ).toBe(false);

    const reply = await s.api<{ comment: { id: number; created_at: string } }>(
      'POST',
      `/_sim/zendesk/tickets/${t.id}/customer-reply`,
      { body: 'まだ届いていません' },
    );
    await settle();
    await waitFor('the customer message stored', async () =>
      s.db.ticketComment.findUnique({ where: { zendeskCommentId: String(reply.body.comment.id) } }),
    );
    const wrote = new Date(reply.body.comment.created_at);
    // Just before its 120 business minutes are up: nothing; 30 business seconds after: the thread.
    await tickAt(calendar.addBusinessTime(wrote, 119 * 60_000));
    expect(await threadReminders(t)).toHaveLength(1);
    await tickAt(calendar.addBusinessTime(wrote, 120 * 60_000 + 30_000));
    const pings = await threadReminders(t);
    expect(pings).toHaveLength(2);
    expect(pings[1]?.text).toContain('次の返信の目標（2時間）を過ぎました');
    expect(
      await s.db.targetReminder.findMany({
        where: { ticketZendeskId: String(t.id) },
        select: { kind: true, step: true, aboutCommentId: true },
        orderBy: { firedAt: 'asc' },
      }),
    ).toEqual([
      expect.objectContaining({ kind: 'first', step: 1 }),
      { kind: 'next', step: 1, aboutCommentId: String(reply.body.comment.id) },
    ]);
  });

  it('an answered ticket nobody holds pings once per step (counted from its creation); Take it stops further steps', async () => {
    const t = await ticketAt('2026-11-26T14:00:00', '返信済みだが担当なし');
    // We answered at once (the simulator makes a new ticket open on an agent's reply), but nobody took it.
    await s.api('PATCH', `/_sim/zendesk/tickets/${t.id}`, {
      comment: '確認して折り返します。',
      actor_email: 'aiko@example.com',
    });
    await settle();
    await waitFor('the reply stored', async () =>
      (await s.db.ticketComment.count({ where: { ticket: { zendeskId: String(t.id) } } })) >= 2
        ? true
        : undefined,
    );

    await tickAt(jst('2026-11-26T14:59:00'));
    expect(await threadReminders(t)).toHaveLength(0);
    await tickAt(jst('2026-11-26T15:00:30'));
    await tickAt(jst('2026-11-26T15:10:00'));
    const pings = await threadReminders(t);
    expect(pings).toHaveLength(1);
    expect(pings[0]?.text).toContain('担当割り当ての目標（1時間）を過ぎました');
    expect(pings[0]?.text).toContain('担当者がいません');
    // The root says so too.
    await waitFor('the hint on the root', async () =>
      (await rootText(t.id)).includes('担当割り当ての目標超過') ? true : undefined,
    );

    // Aiko takes it: no channel escalation one target period later, and the hint leaves the root.
    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0AGENT1',
      channel: t.root.channel,
      message_ts: t.root.ts,
      action_id: 'ticket_take',
      value: String(t.id),
    });
    await waitFor('Aiko holds it in yorisoi', async () =>
      (await s.db.ticket.findUnique({ where: { zendeskId: String(t.id) } }))?.assigneeZendeskId
        ? true
        : undefined,
    );
    await settle();
    await tickAt(jst('2026-11-26T16:05:00'));
    expect(await threadReminders(t)).toHaveLength(1);
    expect(await channelEscalations(t)).toHaveLength(0);
    await waitFor('the hint gone', async () =>
      (await rootText(t.id)).includes('目標超過') ? undefined : true,
    );
  });

  it('a ticket whose assignee is dropped in Zendesk counts from that update, not from its creation', async () => {
    const t = await ticketAt('2026-11-24T10:00:00', '担当が外れた問い合わせ');
    await s.api('PATCH', `/_sim/zendesk/tickets/${t.id}`, {
      comment: '確認します。',
      assignee_email: 'aiko@example.com',
      actor_email: 'aiko@example.com',
    });
    await settle();
    const dropped = await s.api<{ ticket: { updated_at: string } }>(
      'PATCH',
      `/_sim/zendesk/tickets/${t.id}`,
      {
        assignee_email: null,
        actor_email: 'aiko@example.com',
      },
    );
    await settle();
    const since = new Date(dropped.body.ticket.updated_at);
    const row = await waitFor('the drop stored', async () => {
      const r = await s.db.ticket.findUnique({ where: { zendeskId: String(t.id) } });
      return r && !r.assigneeZendeskId ? r : undefined;
    });
    expect(row.unassignedSince?.toISOString()).toBe(since.toISOString());

    // Long past creation + 60 min, but the ticket was held then: nothing.
    await tickAt(jst('2026-11-24T15:00:00'));
    await tickAt(calendar.addBusinessTime(since, 59 * 60_000));
    expect(await threadReminders(t)).toHaveLength(0);
    await tickAt(calendar.addBusinessTime(since, 60 * 60_000 + 30_000));
    const pings = await threadReminders(t);
    expect(pings).toHaveLength(1);
    expect(pings[0]?.text).toContain('担当割り当ての目標（1時間）を過ぎました');
  });

  it('without Take it, step 2 of the unassigned reminder goes to the channel and the lead, once', async () => {
    const t = await ticketAt('2026-11-27T14:00:00', '誰も持っていない問い合わせ');
    await s.api('PATCH', `/_sim/zendesk/tickets/${t.id}`, {
      comment: '受け付けました。',
      actor_email: 'aiko@example.com',
    });
    await settle();
    await tickAt(jst('2026-11-27T15:00:30'));
    await tickAt(jst('2026-11-27T16:01:00'));
    await tickAt(jst('2026-11-27T17:30:00'));
    expect(await threadReminders(t)).toHaveLength(1);
    const escalations = await channelEscalations(t);
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.would_notify).toEqual(['@U0LEAD']);
  });

  it('the root shows a past-target hint once step 1 fired, and drops it with our reply', async () => {
    const t = await ticketAt('2026-11-25T14:00:00', '領収書の再発行');
    await s.api('PATCH', `/_sim/zendesk/tickets/${t.id}`, {
      assignee_email: 'aiko@example.com',
      actor_email: 'aiko@example.com',
    });
    await settle();
    await tickAt(jst('2026-11-25T14:30:00'));
    expect(await rootText(t.id)).not.toContain('目標超過');
    await tickAt(jst('2026-11-25T15:00:30'));
    await waitFor('the hint on the root', async () =>
      (await rootText(t.id)).includes(':alarm_clock: *初回返信の目標超過*') ? true : undefined,
    );
    await s.api('PATCH', `/_sim/zendesk/tickets/${t.id}`, {
      comment: '再発行しました。',
      actor_email: 'aiko@example.com',
    });
    await settle();
    await waitFor('the hint gone after our reply', async () =>
      (await rootText(t.id)).includes('目標超過') ? undefined : true,
    );
  });
});
