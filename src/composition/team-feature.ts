import { TZDate } from '@date-fns/tz';
import { renderVolumeChart } from '../charts/volume-chart.ts';
import type { AgentMapper } from '../domain/drafting/agent-mapping.ts';
import { type AssignmentService, createAssignmentService } from '../domain/team/assignment.ts';
import {
  type BusinessCalendar,
  createBusinessCalendar,
  DEFAULT_BUSINESS_HOURS,
} from '../domain/team/business-hours.ts';
import type { WeeklyReport } from '../domain/team/metrics.ts';
import { createTeamReports, type TeamReports } from '../domain/team/report-service.ts';
import {
  createTemplateFiguresService,
  type TemplateFiguresService,
} from '../domain/team/template-figures-service.ts';
import { createWeeklyReportPoster } from '../domain/team/weekly-post.ts';
import type { Inbox } from '../domain/tickets/ticket.ts';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { createReaderLocale } from '../slack/reader-locale.ts';
import {
  createAgentProfileStore,
  createAssignmentCursorStore,
  createOpenTicketCounts,
} from '../storage/agent-profile-store.ts';
import { createEffectQueue } from '../storage/effect-queue.ts';
import { createTeamHistory } from '../storage/team-queries.ts';
import { createTemplateUseHistory } from '../storage/template-use-queries.ts';
import { buildWeeklyReportMessage } from '../views/team-report.ts';
import {
  createAssigneeDirectory,
  createTeamZendeskFacts,
  createZendeskAssigner,
} from '../zendesk/team-facts.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface TeamServices {
  reports: TeamReports;
  /** Take, Assign…, availability and automatic assignment (see domain/team/assignment.ts). */
  assignment: AssignmentService;
  /** A new ticket: assigned automatically (in the background) when its inbox says so. */
  onNewTicket(ticketZendeskId: string, inboxId: string | null): void;
  calendar: BusinessCalendar;
  /** One template's uses, reopen rate and satisfaction over the last 30 days (the Show view). */
  templateFigures: TemplateFiguresService;
  /** Queues last week's report in the report channel when due (the scheduler calls it every hour). */
  postWeeklyIfDue(): Promise<string | null>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The weekly report's chart: new tickets per day, drawn by the volume chart module (Chart.js). */
export function weeklyReportChart(report: WeeklyReport, locale: 'ja' | 'en') {
  const t = translator(locale);
  const offset = -new TZDate(report.week.start.getTime(), report.timeZone).getTimezoneOffset();
  const title = t('team.report.chart_title', { week: report.week.label });
  return {
    png: renderVolumeChart({
      title,
      now: report.week.end,
      tzOffsetMinutes: offset,
      panels: [
        {
          label: t('team.report.per_day'),
          start: report.week.start,
          stepMs: DAY_MS,
          counts: report.perDay.map((d) => d.count),
        },
      ],
    }),
    filename: `team-report-${report.week.label}.png`,
    title,
    altText: t('team.report.chart_alt', { week: report.week.label, count: report.created }),
  };
}

/** The team's numbers: business hours, the weekly report on demand and every Monday. */
export function wireTeam(
  platform: Platform,
  deps: {
    agents?: AgentMapper;
    sync(ticketZendeskId: string): Promise<unknown>;
    inboxes?: { list(): Promise<Inbox[]> };
    /** Called after a Slack user's availability changed (the lead wires the App Home refresh here). */
    onAvailabilityChanged?(slackUserId: string): Promise<void> | void;
  },
): Feature<TeamServices, Pick<AppDeps, 'team' | 'templateFigures'>> {
  const { settings } = platform;
  const calendar = createBusinessCalendar(settings.businessHours ?? DEFAULT_BUSINESS_HOURS);
  const locale = settings.locale ?? 'ja';
  const reports = createTeamReports({
    history: createTeamHistory(platform.db),
    zendesk: createTeamZendeskFacts(platform.zendesk),
    calendar,
    clock: platform.clock,
    templateUses: createTemplateUseHistory(platform.db),
  });
  const templateFigures = createTemplateFiguresService({
    uses: createTemplateUseHistory(platform.db),
    zendesk: createTeamZendeskFacts(platform.zendesk),
    clock: platform.clock,
    onError: (error) => platform.logger.warn('template figures could not be counted', { error }),
  });
  const counts = createOpenTicketCounts(platform.db);
  const assignment = createAssignmentService({
    assigner: createZendeskAssigner(platform.zendesk),
    directory: createAssigneeDirectory(platform.zendesk),
    profiles: createAgentProfileStore(platform.db),
    cursors: createAssignmentCursorStore(platform.db),
    counts,
    async autoAssignOf(inboxId) {
      const inbox = (await deps.inboxes?.list())?.find((i) => i.id === inboxId);
      return inbox?.autoAssign ?? null;
    },
    agents: deps.agents,
    sync: deps.sync,
    clock: platform.clock,
    logger: platform.logger.child({ component: 'assignment' }),
  });
  const onNewTicket = (ticketZendeskId: string, inboxId: string | null) =>
    platform.background.track(
      assignment.autoAssign(ticketZendeskId, inboxId).catch((error: unknown) => {
        platform.logger.warn('automatic assignment failed; the ticket stays unassigned', {
          ticketZendeskId,
          inboxId,
          error,
        });
      }),
    );
  const channelId = settings.reportChannel;
  const poster = channelId
    ? createWeeklyReportPoster({
        reports,
        calendar,
        queue: createEffectQueue(platform.db, () => platform.outbox.wake()),
        render: {
          message: (r) => buildWeeklyReportMessage(r, translator(locale)),
          chart: (r) => weeklyReportChart(r, locale),
        },
        channelId,
        clock: platform.clock,
      })
    : null;
  const postWeeklyIfDue = async () => (poster ? poster.postIfDue() : null);
  if (poster)
    platform.scheduler.every('weekly team report', 60 * 60 * 1000, postWeeklyIfDue, {
      immediately: true,
      exclusive: true,
    });
  return {
    services: { reports, calendar, templateFigures, postWeeklyIfDue, assignment, onNewTicket },
    listeners: {
      templateFigures,
      team: {
        reports,
        readerLocale: createReaderLocale(platform.slack.api, locale),
        take: (ticketZendeskId, slackUserId) => assignment.take(ticketZendeskId, slackUserId),
        assignment: {
          choices: () => assignment.choices(),
          async current(ticketZendeskId) {
            const row = await counts.holderOf(ticketZendeskId);
            return row
              ? { assigneeId: row.assigneeZendeskId, assigneeName: row.assigneeName, groupId: row.groupId }
              : null;
          },
          assign: (ticketZendeskId, target) => assignment.assign(ticketZendeskId, target),
          setAvailable: (slackUserId, available) => assignment.setAvailable(slackUserId, available),
          onAvailabilityChanged: deps.onAvailabilityChanged,
        },
      },
    },
  };
}
