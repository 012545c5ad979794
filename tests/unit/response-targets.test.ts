import { describe, expect, it } from 'vitest';
import {
  nextStepDue,
  responseDue,
  type TargetTicket,
  waitingOnUs,
} from '../../src/domain/reminders/response-targets.ts';
import { createBusinessCalendar, DEFAULT_BUSINESS_HOURS } from '../../src/domain/team/business-hours.ts';

const M = 60 * 1000;
/** A Tokyo wall-clock time as an instant. */
const jst = (local: string) => new Date(`${local}+09:00`);
const tokyo = createBusinessCalendar(DEFAULT_BUSINESS_HOURS);
const yearEnd = createBusinessCalendar({ ...DEFAULT_BUSINESS_HOURS, companyHolidays: ['12-29..01-03'] });
const CUSTOMER = '900';
const AGENT = '100';

const ticket = (
  createdAt: string,
  comments: Array<[author: string, at: string, isPublic?: boolean]>,
  status = 'open',
): TargetTicket => ({
  status,
  requesterZendeskId: CUSTOMER,
  createdAt: jst(createdAt),
  comments: comments.map(([author, at, isPublic = true], i) => ({
    zendeskCommentId: String(1000 + i),
    authorZendeskId: author,
    public: isPublic,
    createdAt: jst(at),
  })),
});
const targets = { firstResponseMinutes: 60, nextResponseMinutes: 240 };

describe('response targets: who is waiting on us, and since which message', () => {
  it('a new ticket nobody answered waits for a first response, about its first message', () => {
    const t = ticket('2026-11-24T10:00:00', [[CUSTOMER, '2026-11-24T10:00:00']]);
    expect(waitingOnUs(t)).toEqual({
      kind: 'first',
      since: jst('2026-11-24T10:00:00'),
      aboutCommentId: '1000',
    });
  });

  it('an internal note is not an answer; a public reply from us is', () => {
    const noted = ticket('2026-11-24T10:00:00', [
      [CUSTOMER, '2026-11-24T10:00:00'],
      [AGENT, '2026-11-24T10:05:00', false],
    ]);
    expect(waitingOnUs(noted)?.kind).toBe('first');
    const answered = ticket('2026-11-24T10:00:00', [
      [CUSTOMER, '2026-11-24T10:00:00'],
      [AGENT, '2026-11-24T10:05:00'],
    ]);
    expect(waitingOnUs(answered)).toBeNull();
  });

  it('the customer writing again after our reply starts the next-response clock at that message', () => {
    const t = ticket('2026-11-24T10:00:00', [
      [CUSTOMER, '2026-11-24T10:00:00'],
      [AGENT, '2026-11-24T10:05:00'],
      [CUSTOMER, '2026-11-24T11:00:00'],
      [CUSTOMER, '2026-11-24T11:10:00'],
    ]);
    expect(waitingOnUs(t)).toEqual({
      kind: 'next',
      since: jst('2026-11-24T11:00:00'),
      aboutCommentId: '1002',
    });
  });

  it('solved and closed tickets wait on nobody', () => {
    expect(
      waitingOnUs(ticket('2026-11-24T10:00:00', [[CUSTOMER, '2026-11-24T10:00:00']], 'solved')),
    ).toBeNull();
  });
});

describe('response targets: due times in business hours (Asia/Tokyo, mon-fri 09:00-18:00)', () => {
  it('a first response due an hour later on the same business day', () => {
    const t = ticket('2026-11-24T10:00:00', [[CUSTOMER, '2026-11-24T10:00:00']]);
    const due = responseDue(t, targets, tokyo, jst('2026-11-24T10:30:00'));
    expect(due).toMatchObject({ kind: 'first', targetMinutes: 60, dueAt: jst('2026-11-24T11:00:00') });
    expect(due?.lateMs).toBe(-30 * M);
  });

  it('skips the weekend and 勤労感謝の日 (Mon 2026-11-23): Fri 17:30 + 60 min is due Tue 09:30', () => {
    const t = ticket('2026-11-20T17:30:00', [[CUSTOMER, '2026-11-20T17:30:00']]);
    const due = responseDue(t, targets, tokyo, jst('2026-11-24T10:00:00'));
    expect(due?.dueAt).toEqual(jst('2026-11-24T09:30:00'));
    // Late by business time only: 30 minutes, not the four calendar days in between.
    expect(due?.lateMs).toBe(30 * M);
    // All of the holiday is "not late yet": the clock did not run.
    expect(responseDue(t, targets, tokyo, jst('2026-11-23T15:00:00'))?.lateMs).toBe(-30 * M);
  });

  it('a message that arrives on the holiday starts counting at Tuesday 09:00', () => {
    const t = ticket('2026-11-23T10:00:00', [[CUSTOMER, '2026-11-23T10:00:00']]);
    expect(responseDue(t, targets, tokyo, jst('2026-11-23T12:00:00'))?.dueAt).toEqual(
      jst('2026-11-24T10:00:00'),
    );
  });

  it('元日 and the company year-end break (12-29..01-03) both stop the clock', () => {
    const t = ticket('2026-12-28T17:00:00', [[CUSTOMER, '2026-12-28T17:00:00']]);
    const twoHours = { firstResponseMinutes: 120, nextResponseMinutes: null };
    // Japanese holidays only: 元日 is a Friday; Tue 12-29 is a business day.
    expect(responseDue(t, twoHours, tokyo, jst('2026-12-28T17:30:00'))?.dueAt).toEqual(
      jst('2026-12-29T10:00:00'),
    );
    // With the company's break the next business day is Mon 2027-01-04.
    expect(responseDue(t, twoHours, yearEnd, jst('2026-12-28T17:30:00'))?.dueAt).toEqual(
      jst('2027-01-04T10:00:00'),
    );
  });

  it('the next-response target counts from the customer message after our reply', () => {
    const t = ticket('2026-11-24T10:00:00', [
      [CUSTOMER, '2026-11-24T10:00:00'],
      [AGENT, '2026-11-24T10:05:00'],
      [CUSTOMER, '2026-11-24T16:00:00'],
    ]);
    // 16:00 + 4 h of business time: 2 h on Tuesday, 2 h on Wednesday from 09:00.
    expect(responseDue(t, targets, tokyo, jst('2026-11-25T12:00:00'))).toMatchObject({
      kind: 'next',
      aboutCommentId: '1002',
      dueAt: jst('2026-11-25T11:00:00'),
      lateMs: 60 * M,
    });
  });

  it('no target of that kind, no due time', () => {
    const t = ticket('2026-11-24T10:00:00', [[CUSTOMER, '2026-11-24T10:00:00']]);
    expect(
      responseDue(
        t,
        { firstResponseMinutes: null, nextResponseMinutes: 60 },
        tokyo,
        jst('2026-11-30T10:00:00'),
      ),
    ).toBeNull();
  });
});

describe('response targets: which reminder step is due', () => {
  const t = ticket('2026-11-24T10:00:00', [[CUSTOMER, '2026-11-24T10:00:00']]);
  const due = (now: string) => responseDue(t, targets, tokyo, jst(now));

  it('step 1 once the target passed, not before', () => {
    expect(nextStepDue(due('2026-11-24T10:59:00')!, [], tokyo, jst('2026-11-24T10:59:00'))).toBeNull();
    expect(nextStepDue(due('2026-11-24T11:00:00')!, [], tokyo, jst('2026-11-24T11:00:00'))).toBe(1);
  });

  it('step 2 one more target period of business time after step 1 fired', () => {
    const fired = [{ step: 1, firedAt: jst('2026-11-24T11:00:30') }];
    expect(nextStepDue(due('2026-11-24T11:30:00')!, fired, tokyo, jst('2026-11-24T11:30:00'))).toBeNull();
    expect(nextStepDue(due('2026-11-24T12:01:00')!, fired, tokyo, jst('2026-11-24T12:01:00'))).toBe(2);
    // Step 1 at 17:30: the period runs on past the evening, to 09:30 the next business day.
    const late = [{ step: 1, firedAt: jst('2026-11-24T17:30:00') }];
    expect(nextStepDue(due('2026-11-25T09:00:00')!, late, tokyo, jst('2026-11-25T09:00:00'))).toBeNull();
    expect(nextStepDue(due('2026-11-25T09:30:00')!, late, tokyo, jst('2026-11-25T09:30:00'))).toBe(2);
  });

  it('nothing after step 2', () => {
    const fired = [
      { step: 1, firedAt: jst('2026-11-24T11:00:00') },
      { step: 2, firedAt: jst('2026-11-24T12:00:00') },
    ];
    expect(nextStepDue(due('2026-11-26T12:00:00')!, fired, tokyo, jst('2026-11-26T12:00:00'))).toBeNull();
  });

  it('never outside business hours or on a holiday, even when long overdue', () => {
    expect(nextStepDue(due('2026-11-24T20:00:00')!, [], tokyo, jst('2026-11-24T20:00:00'))).toBeNull();
    const holiday = ticket('2026-11-20T10:00:00', [[CUSTOMER, '2026-11-20T10:00:00']]);
    const d = responseDue(holiday, targets, tokyo, jst('2026-11-23T12:00:00'))!;
    expect(d.lateMs).toBeGreaterThan(0);
    expect(nextStepDue(d, [], tokyo, jst('2026-11-23T12:00:00'))).toBeNull();
    expect(nextStepDue(d, [], tokyo, jst('2026-11-24T09:00:00'))).toBe(1);
  });
});
