import type { BusinessCalendar } from './business-hours.ts';
import { computeWeeklyReport, isoWeekRange, previousIsoWeek, type WeeklyReport } from './metrics.ts';
import type { TeamHistory, TeamZendeskFacts } from './ports.ts';

export interface TeamReports {
  /** The report of an ISO week (`2026-W48`); without one, the last complete week. */
  weekly(week?: string): Promise<WeeklyReport>;
  /** The last complete ISO week at `now`, in the team's time zone. */
  lastWeek(): string;
}

/** Audits are read per ticket; a few at a time keeps well under Zendesk's 500 audit reads per minute. */
const AUDIT_CONCURRENCY = 4;

export function createTeamReports(deps: {
  history: TeamHistory;
  zendesk: TeamZendeskFacts;
  calendar: BusinessCalendar;
  clock: () => Date;
}): TeamReports {
  const timeZone = deps.calendar.hours.timeZone;
  const lastWeek = () => previousIsoWeek(deps.clock(), timeZone);
  return {
    lastWeek,
    async weekly(label = lastWeek()) {
      const week = isoWeekRange(label, timeZone);
      const stored = await deps.history.ticketsActiveSince(week.start);
      const tickets = [...stored];
      let next = 0;
      const worker = async () => {
        while (next < tickets.length) {
          const i = next++;
          const t = tickets[i];
          if (t) tickets[i] = { ...t, statusChanges: await deps.zendesk.statusChanges(t.zendeskId) };
        }
      };
      await Promise.all(Array.from({ length: AUDIT_CONCURRENCY }, worker));
      const ratings = await deps.zendesk.satisfactionRatings(week.start, week.end);
      return computeWeeklyReport({ week, calendar: deps.calendar, tickets, ratings });
    },
  };
}
