import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, DEFAULT_BUSINESS_HOURS } from '../../src/domain/team/business-hours.ts';
import { computeWeeklyReport, isoWeekRange, previousIsoWeek } from '../../src/domain/team/metrics.ts';
import { computeTemplateFigures } from '../../src/domain/team/template-metrics.ts';
import { loadWeekFixture } from '../fixtures/team/week-fixture.ts';

const M = 60 * 1000;
const H = 60 * M;

describe('ISO weeks in the business time zone', () => {
  it('2026-W48 runs from Monday 2026-11-23 00:00 JST to Monday 11-30 00:00 JST', () => {
    const week = isoWeekRange('2026-W48', 'Asia/Tokyo');
    expect(week.start.toISOString()).toBe('2026-11-22T15:00:00.000Z');
    expect(week.end.toISOString()).toBe('2026-11-29T15:00:00.000Z');
  });

  it('2026-W01 starts in 2025 (the week with 4 January)', () => {
    expect(isoWeekRange('2026-W01', 'Asia/Tokyo').start.toISOString()).toBe('2025-12-28T15:00:00.000Z');
  });

  it('rejects a week that does not exist or is not written as an ISO week', () => {
    expect(() => isoWeekRange('2026-W54', 'UTC')).toThrow(/ISO week/);
    expect(() => isoWeekRange('2025-W53', 'UTC')).toThrow(/no week 53/);
    expect(isoWeekRange('2026-W53', 'UTC').start.toISOString()).toBe('2026-12-28T00:00:00.000Z');
    expect(() => isoWeekRange('2026-48', 'UTC')).toThrow(/ISO week such as 2026-W48/);
  });

  it("Monday's report covers the week before, in Tokyo's calendar", () => {
    // Monday 2026-11-30 00:30 JST is still Sunday in UTC.
    expect(previousIsoWeek(new Date('2026-11-29T15:30:00Z'), 'Asia/Tokyo')).toBe('2026-W48');
    expect(previousIsoWeek(new Date('2026-11-29T15:30:00Z'), 'UTC')).toBe('2026-W47');
  });
});

describe('weekly report on the fixed history of 2026-W48 (Mon 11-23 is 勤労感謝の日)', () => {
  const { tickets, ratings } = loadWeekFixture();
  const report = computeWeeklyReport({
    week: isoWeekRange('2026-W48', 'Asia/Tokyo'),
    calendar: createBusinessCalendar(DEFAULT_BUSINESS_HOURS),
    tickets,
    ratings,
  });

  it('counts created tickets per day, tag (once per ticket), inbox and assignee', () => {
    expect(report.created).toBe(4); // #2, #3, #4, #5
    expect(report.perDay.map((d) => [d.date, d.count])).toEqual([
      ['2026-11-23', 0],
      ['2026-11-24', 1],
      ['2026-11-25', 1],
      ['2026-11-26', 0],
      ['2026-11-27', 1],
      ['2026-11-28', 1],
      ['2026-11-29', 0],
    ]);
    expect(report.perTag).toEqual([
      { key: 'billing', count: 2 },
      { key: 'app', count: 1 },
      { key: 'refund', count: 1 },
    ]);
    expect(report.perInbox).toEqual([
      { key: 'app', count: 2 },
      { key: 'billing', count: 2 },
    ]);
    expect(report.perAgent).toEqual([
      { key: 'Aiko', count: 2 },
      { key: '-', count: 1 },
      { key: 'Kenji', count: 1 },
    ]);
  });

  it('first response: #1 1h (the holiday Monday does not count), #2 45m, #4 0 (weekend), #5 20m', () => {
    // #3's first reply falls in the next week; #1's private note is not a reply.
    expect(report.firstResponse).toEqual({ count: 4, medianMs: 32.5 * M, averageMs: 31.25 * M });
  });

  it('next response: #1 2h30m, #5 7h30m and 10m (a customer message before the first reply is not one)', () => {
    expect(report.nextResponse).toEqual({
      count: 3,
      medianMs: 150 * M,
      averageMs: Math.round((610 * M) / 3),
    });
  });

  it('full resolution: #1 30h (final solve), #2 50m, #6 44h (solved on the holiday); #5 reopened since', () => {
    expect(report.fullResolution).toEqual({
      count: 3,
      medianMs: 30 * H,
      averageMs: Math.round((4490 * M) / 3),
    });
  });

  it('reopen rate: #1 and #5 of the 4 solved (#1, #2, #5, #6) left solved again', () => {
    expect(report.solved).toBe(4);
    expect(report.reopened).toBe(2);
    expect(report.reopenRate).toBe(0.5);
  });

  it('satisfaction: 3 offered in the week, 2 answered, 1 good, 1 bad', () => {
    expect(report.satisfaction).toEqual({
      offered: 3,
      answered: 2,
      good: 1,
      bad: 1,
      answerRate: 2 / 3,
      goodRate: 0.5,
    });
  });
});

describe('weekly report on second-resolution timestamps (Zendesk prints whole seconds)', () => {
  it('counts a reopen recorded in the same second as the solve (order of the audits decides)', () => {
    const at = new Date('2026-11-25T10:00:00+09:00');
    const report = computeWeeklyReport({
      week: isoWeekRange('2026-W48', 'Asia/Tokyo'),
      calendar: createBusinessCalendar(DEFAULT_BUSINESS_HOURS),
      tickets: [
        {
          zendeskId: '9',
          createdAt: at,
          requesterZendeskId: '100',
          inboxId: null,
          tags: [],
          assignee: null,
          comments: [],
          statusChanges: [
            { at, to: 'new' },
            { at, to: 'solved' },
            { at, to: 'open' },
            { at, to: 'solved' },
          ],
        },
      ],
      ratings: [],
    });
    expect(report).toMatchObject({ solved: 1, reopened: 1 });
    expect(report.fullResolution.count).toBe(1);
  });
});

describe('per-template figures on the same fixture (2026-W48)', () => {
  const { tickets, ratings, templateUses } = loadWeekFixture();
  const week = isoWeekRange('2026-W48', 'Asia/Tokyo');
  const figures = computeTemplateFigures({
    from: week.start,
    to: week.end,
    uses: templateUses,
    tickets,
    ratings,
  });
  const of = (id: string) => figures.find((f) => f.templateId === id);

  it('tpl-refund: 3 uses on #1 (twice) and #2; both solved after it, #1 reopened → 50%; #1 good, #2 bad', () => {
    expect(of('tpl-refund')).toEqual({
      templateId: 'tpl-refund',
      uses: 3,
      tickets: 2,
      solved: 2,
      reopened: 1,
      reopenRate: 0.5,
      good: 1,
      bad: 1,
      goodRate: 0.5,
    });
  });

  it('tpl-greeting came in the same send as tpl-refund on #2: solved, not reopened → 0%, rated bad', () => {
    expect(of('tpl-greeting')).toMatchObject({ uses: 1, tickets: 1, solved: 1, reopened: 0, reopenRate: 0 });
    expect(of('tpl-greeting')).toMatchObject({ good: 0, bad: 1, goodRate: 0 });
  });

  it('tpl-shipping: the use on #6 (week 47) does not count; #5 solved then reopened on 12-01 → 100%; survey not answered', () => {
    expect(of('tpl-shipping')).toEqual({
      templateId: 'tpl-shipping',
      uses: 1,
      tickets: 1,
      solved: 1,
      reopened: 1,
      reopenRate: 1,
      good: 0,
      bad: 0,
      goodRate: null,
    });
  });

  it('tpl-app: #4 is still open (no reopen rate), the use on #3 falls in the next week', () => {
    expect(of('tpl-app')).toMatchObject({ uses: 1, tickets: 1, solved: 0, reopened: 0, reopenRate: null });
  });

  it("the weekly report ranks the week's templates: best (lowest reopen rate) first, worst last", () => {
    const report = computeWeeklyReport({
      week,
      calendar: createBusinessCalendar(DEFAULT_BUSINESS_HOURS),
      tickets,
      ratings,
      templateUses,
    });
    expect(report.templates.used.map((f) => [f.templateId, f.uses])).toEqual([
      ['tpl-refund', 3],
      ['tpl-app', 1],
      ['tpl-greeting', 1],
      ['tpl-shipping', 1],
    ]);
    // Three templates have a solved ticket: the better half on top, the rest at the bottom, none twice.
    expect(report.templates.top.map((f) => f.templateId)).toEqual(['tpl-greeting', 'tpl-refund']);
    expect(report.templates.bottom.map((f) => f.templateId)).toEqual(['tpl-shipping']);
  });
});

describe('per-template figures: which solve belongs to the reply', () => {
  const use = new Date('2026-11-25T10:00:00.700+09:00');
  const figuresWithSolveAt = (solveAt: string) =>
    computeTemplateFigures({
      from: new Date('2026-11-23T00:00:00+09:00'),
      to: new Date('2026-11-30T00:00:00+09:00'),
      uses: [{ templateId: 't', ticketZendeskId: '9', at: use }],
      tickets: [{ zendeskId: '9', statusChanges: [{ at: new Date(solveAt), to: 'solved' }] }],
      ratings: [],
    })[0];

  it("counts the solve sent with the reply (Zendesk's whole second, a clock a little behind ours)", () => {
    expect(figuresWithSolveAt('2026-11-25T10:00:00+09:00')?.solved).toBe(1);
    expect(figuresWithSolveAt('2026-11-25T09:59:57+09:00')?.solved).toBe(1);
  });

  it('does not count a solve from before the reply', () => {
    expect(figuresWithSolveAt('2026-11-25T09:59:00+09:00')?.solved).toBe(0);
  });
});
