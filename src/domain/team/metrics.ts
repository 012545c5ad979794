import { TZDate } from '@date-fns/tz';
import { addWeeks, format, getISOWeek, getISOWeekYear, setISOWeek, startOfISOWeek } from 'date-fns';
import { YorisoiError } from '../../errors.ts';
import type { BusinessCalendar } from './business-hours.ts';
import {
  computeTemplateFigures,
  rankTemplates,
  type TemplateRanking,
  type TemplateUseFact,
} from './template-metrics.ts';

/**
 * The team's numbers for one ISO week, computed from what yorisoi stores (tickets, inbox, tags, assignee,
 * every comment with its author) plus what only Zendesk knows (status changes from the ticket audits,
 * satisfaction ratings). Pure: the same facts give the same report.
 *
 * Definitions (each counted by the week in which the event happens, in the business time zone):
 * - first response: business time from the ticket's creation to the first public comment by anyone but the
 *   requester; counted in the week of that reply.
 * - next response: business time from the first customer message that follows an agent reply to the next
 *   agent reply; counted in the week of that reply.
 * - full resolution: business time from creation to the last time the ticket became solved; counted in the
 *   week of that solve (a ticket reopened and solved again counts in the week of its final solve).
 * - reopen rate: of the tickets solved in the week, the share that left `solved` again later (at any time).
 * - satisfaction: ratings offered in the week (score ≠ unoffered), answered (good or bad), good, bad.
 * - volume: tickets created in the week, per local day, tag, inbox and assignee.
 */

export interface TicketFacts {
  zendeskId: string;
  createdAt: Date;
  requesterZendeskId: string;
  inboxId: string | null;
  tags: readonly string[];
  /** Assignee name (or id when unnamed); null = unassigned. */
  assignee: string | null;
  comments: readonly { authorZendeskId: string; public: boolean; at: Date }[];
  /** Status changes in order (from the audits). */
  statusChanges: readonly { at: Date; to: string }[];
}

export type SatisfactionScore = 'unoffered' | 'offered' | 'good' | 'bad';

export interface SatisfactionFact {
  ticketZendeskId: string;
  score: SatisfactionScore;
  /** When the survey was offered (the rating's created_at). */
  offeredAt: Date;
}

export interface DurationStats {
  count: number;
  /** Business milliseconds; null when count is 0. */
  medianMs: number | null;
  averageMs: number | null;
}

export interface WeekRange {
  /** `2026-W48` */
  label: string;
  start: Date;
  end: Date;
}

export interface WeeklyReport {
  week: WeekRange;
  timeZone: string;
  created: number;
  perDay: { date: string; count: number }[];
  perTag: { key: string; count: number }[];
  perInbox: { key: string; count: number }[];
  perAgent: { key: string; count: number }[];
  firstResponse: DurationStats;
  nextResponse: DurationStats;
  fullResolution: DurationStats;
  solved: number;
  reopened: number;
  /** reopened / solved, null when nothing was solved. */
  reopenRate: number | null;
  satisfaction: {
    offered: number;
    answered: number;
    good: number;
    bad: number;
    answerRate: number | null;
    /** good / answered */
    goodRate: number | null;
  };
  /** Per template used in the week: uses, reopen rate, satisfaction; the best and worst five. */
  templates: TemplateRanking;
}

const WEEK = /^(\d{4})-W(\d{2})$/;

/** The ISO week `2026-W48` as instants in the time zone (Monday 00:00 to the next Monday 00:00). */
export function isoWeekRange(label: string, timeZone: string): WeekRange {
  const m = WEEK.exec(label);
  const year = Number(m?.[1]);
  const week = Number(m?.[2]);
  if (!m || week < 1 || week > 53)
    throw new YorisoiError('bad_input', `"${label}" is not an ISO week such as 2026-W48`);
  const jan4 = new TZDate(year, 0, 4, 0, 0, timeZone);
  const start = startOfISOWeek(setISOWeek(jan4, week));
  if (getISOWeekYear(start) !== year) throw new YorisoiError('bad_input', `${year} has no week ${week}`);
  return { label, start: new Date(start.getTime()), end: new Date(addWeeks(start, 1).getTime()) };
}

/** The ISO week before the one containing `now` (what Monday's report covers). */
export function previousIsoWeek(now: Date, timeZone: string): string {
  const lastWeek = addWeeks(new TZDate(now.getTime(), timeZone), -1);
  return `${getISOWeekYear(lastWeek)}-W${String(getISOWeek(lastWeek)).padStart(2, '0')}`;
}

function stats(values: number[]): DurationStats {
  if (values.length === 0) return { count: 0, medianMs: null, averageMs: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return {
    count: values.length,
    medianMs: median,
    averageMs: Math.round(values.reduce((s, v) => s + v, 0) / values.length),
  };
}

const countBy = (keys: string[]) => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

const SOLVED = new Set(['solved', 'closed']);

export function computeWeeklyReport(input: {
  week: WeekRange;
  calendar: BusinessCalendar;
  tickets: readonly TicketFacts[];
  ratings: readonly SatisfactionFact[];
  /** Sent replies that carried a template (from yorisoi's drafts). */
  templateUses?: readonly TemplateUseFact[];
}): WeeklyReport {
  const { week, calendar } = input;
  const inWeek = (d: Date) => d.getTime() >= week.start.getTime() && d.getTime() < week.end.getTime();
  const firsts: number[] = [];
  const nexts: number[] = [];
  const resolutions: number[] = [];
  let solved = 0;
  let reopened = 0;
  const created = input.tickets.filter((t) => inWeek(t.createdAt));

  for (const t of input.tickets) {
    const publics = t.comments.filter((c) => c.public).sort((a, b) => a.at.getTime() - b.at.getTime());
    const isAgent = (c: { authorZendeskId: string }) => c.authorZendeskId !== t.requesterZendeskId;
    const firstReply = publics.find(isAgent);
    if (firstReply && inWeek(firstReply.at)) firsts.push(calendar.elapsed(t.createdAt, firstReply.at));
    // Next responses: after the first reply, each customer message that waits → the agent reply that ends the wait.
    let waitingSince: Date | null = null;
    let replied = false;
    for (const c of publics) {
      if (isAgent(c)) {
        if (waitingSince && inWeek(c.at)) nexts.push(calendar.elapsed(waitingSince, c.at));
        waitingSince = null;
        replied = true;
      } else if (replied && !waitingSince) {
        waitingSince = c.at;
      }
    }
    // Resolution and reopens. Zendesk stamps audits in whole seconds: a solve and a reopen may share one,
    // so the order of the changes (the audits' order) decides, not their times.
    const changes = t.statusChanges
      .map((c, i) => ({ ...c, i }))
      .sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i);
    const solveIndexes = changes.flatMap((c, i) =>
      SOLVED.has(c.to) && !SOLVED.has(changes[i - 1]?.to ?? 'new') ? [i] : [],
    );
    const lastSolve = changes[solveIndexes.at(-1) ?? -1];
    const finalStatus = changes.at(-1)?.to;
    if (lastSolve && finalStatus && SOLVED.has(finalStatus) && inWeek(lastSolve.at))
      resolutions.push(calendar.elapsed(t.createdAt, lastSolve.at));
    const firstSolveInWeek = solveIndexes.find((i) => inWeek(changes[i]?.at ?? new Date(0)));
    if (firstSolveInWeek !== undefined) {
      solved += 1;
      if (changes.some((c, i) => i > firstSolveInWeek && !SOLVED.has(c.to))) reopened += 1;
    }
  }

  const ratings = input.ratings.filter((r) => r.score !== 'unoffered' && inWeek(r.offeredAt));
  const good = ratings.filter((r) => r.score === 'good').length;
  const bad = ratings.filter((r) => r.score === 'bad').length;
  const answered = good + bad;

  const days: { date: string; count: number }[] = [];
  for (
    let d = new TZDate(week.start.getTime(), calendar.hours.timeZone);
    d.getTime() < week.end.getTime();
  ) {
    const date = format(d, 'yyyy-MM-dd');
    days.push({
      date,
      count: created.filter(
        (t) => format(new TZDate(t.createdAt.getTime(), calendar.hours.timeZone), 'yyyy-MM-dd') === date,
      ).length,
    });
    d = new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 1, 0, 0, calendar.hours.timeZone);
  }

  return {
    week,
    timeZone: calendar.hours.timeZone,
    created: created.length,
    perDay: days,
    perTag: countBy(created.flatMap((t) => [...new Set(t.tags)])),
    perInbox: countBy(created.map((t) => t.inboxId ?? '-')),
    perAgent: countBy(created.map((t) => t.assignee ?? '-')),
    firstResponse: stats(firsts),
    nextResponse: stats(nexts),
    fullResolution: stats(resolutions),
    solved,
    reopened,
    reopenRate: solved ? reopened / solved : null,
    satisfaction: {
      offered: ratings.length,
      answered,
      good,
      bad,
      answerRate: ratings.length ? answered / ratings.length : null,
      goodRate: answered ? good / answered : null,
    },
    templates: rankTemplates(
      computeTemplateFigures({
        from: week.start,
        to: week.end,
        uses: input.templateUses ?? [],
        tickets: input.tickets,
        ratings: input.ratings,
      }),
    ),
  };
}
