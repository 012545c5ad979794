import type { BusinessCalendar } from './business-hours.ts';
import { computeWeeklyReport, isoWeekRange, previousIsoWeek, type WeeklyReport } from './metrics.ts';
import type { TeamHistory, TeamZendeskFacts, TemplateUseHistory } from './ports.ts';
import type { TemplateFigures } from './template-metrics.ts';

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
  /** Template uses of sent replies (the report's per-template figures); none without drafting. */
  templateUses?: TemplateUseHistory;
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
      const templateUses = (await deps.templateUses?.usesBetween(week.start, week.end)) ?? [];
      const report = computeWeeklyReport({ week, calendar: deps.calendar, tickets, ratings, templateUses });
      const titles = await deps.templateUses?.titles(report.templates.used.map((f) => f.templateId));
      const titled = (f: TemplateFigures) => {
        const title = titles?.get(f.templateId);
        return title ? { ...f, title } : f;
      };
      return {
        ...report,
        templates: {
          used: report.templates.used.map(titled),
          top: report.templates.top.map(titled),
          bottom: report.templates.bottom.map(titled),
        },
      };
    },
  };
}
