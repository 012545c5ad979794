import { TZDate } from '@date-fns/tz';
import { startOfISOWeek } from 'date-fns';
import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { BusinessCalendar } from './business-hours.ts';
import type { WeeklyReport } from './metrics.ts';
import type { TeamReports } from './report-service.ts';

export interface WeeklyPostPorts {
  reports: TeamReports;
  calendar: BusinessCalendar;
  queue: { enqueue(effects: OutboxEffect[]): Promise<number>; has(key: string): Promise<boolean> };
  render: {
    message(report: WeeklyReport): SlackMessage;
    chart(report: WeeklyReport): { png: Uint8Array; filename: string; title: string; altText: string };
  };
  channelId: string;
  clock: () => Date;
}

/**
 * The Monday post: once the week has opened (Monday at opening time, in the team's zone), last week's report
 * and its chart are queued in the outbox under keys named by the week, so a check every hour, a restart or
 * two processes post it exactly once. A week missed while yorisoi was down is posted when it comes back.
 */
export function createWeeklyReportPoster(p: WeeklyPostPorts) {
  const { hours } = p.calendar;
  return {
    /** Queues last week's report when due and not yet queued; returns the week queued, else null. */
    async postIfDue(): Promise<string | null> {
      const now = p.clock();
      const monday = startOfISOWeek(new TZDate(now.getTime(), hours.timeZone));
      monday.setMinutes(hours.openMinute);
      if (now.getTime() < monday.getTime()) return null;
      const week = p.reports.lastWeek();
      const key = `team-report:${week}`;
      if (await p.queue.has(key)) return null;
      const report = await p.reports.weekly(week);
      const chart = p.render.chart(report);
      const added = await p.queue.enqueue([
        {
          kind: 'post_thread_root',
          key,
          channelId: p.channelId,
          group: key,
          message: p.render.message(report),
        },
        {
          kind: 'upload_file',
          key: `team-report-chart:${week}`,
          channelId: p.channelId,
          group: key,
          file: {
            filename: chart.filename,
            title: chart.title,
            altText: chart.altText,
            contentBase64: Buffer.from(chart.png).toString('base64'),
          },
        },
      ]);
      return added > 0 ? week : null;
    },
  };
}
