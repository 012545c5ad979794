import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Translate } from '../../i18n/index.ts';
import type { DurationStats, WeeklyReport } from './metrics.ts';

/**
 * The words and numbers of the weekly report, shared by the Slack message (src/views/team-report.ts) and
 * the CLI table: durations in business hours as `1時間5分` / `1h 5m`, rates as whole percents.
 */
export function formatDuration(ms: number, t: Translate): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('team.duration.minutes', { m: minutes });
  const h = Math.floor(minutes / 60);
  return minutes % 60
    ? t('team.duration.hours', { h, m: minutes % 60 })
    : t('team.duration.whole_hours', { h });
}

export function formatPercent(rate: number | null, t: Translate): string {
  return rate === null ? '—' : t('team.percent', { value: Math.round(rate * 1000) / 10 });
}

export function formatStats(s: DurationStats, t: Translate): string {
  if (s.count === 0 || s.medianMs === null || s.averageMs === null) return t('team.report.none');
  return t('team.report.median_average', {
    median: formatDuration(s.medianMs, t),
    average: formatDuration(s.averageMs, t),
    count: s.count,
  });
}

/** `11/23 (月)` in the report's zone. */
export function dayLabel(date: string, timeZone: string, t: Translate): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = new TZDate(y ?? 1970, (m ?? 1) - 1, d ?? 1, timeZone);
  return `${format(day, 'M/d')} (${t(`team.weekday.${day.getDay()}` as 'team.weekday.0')})`;
}

export function reportLines(report: WeeklyReport, t: Translate) {
  const lastDay = report.perDay.at(-1)?.date ?? '';
  return {
    title: t('team.report.title', { week: report.week.label }),
    range: t('team.report.range', { from: report.perDay[0]?.date ?? '', to: lastDay, zone: report.timeZone }),
    firstResponse: `${t('team.report.first_response')}: ${formatStats(report.firstResponse, t)}`,
    nextResponse: `${t('team.report.next_response')}: ${formatStats(report.nextResponse, t)}`,
    fullResolution: `${t('team.report.full_resolution')}: ${formatStats(report.fullResolution, t)}`,
    reopen: t('team.report.reopen', {
      rate: formatPercent(report.reopenRate, t),
      solved: report.solved,
      reopened: report.reopened,
    }),
    satisfaction: t('team.report.satisfaction', {
      good_rate: formatPercent(report.satisfaction.goodRate, t),
      good: report.satisfaction.good,
      bad: report.satisfaction.bad,
      offered: report.satisfaction.offered,
      answer_rate: formatPercent(report.satisfaction.answerRate, t),
    }),
    created: t('team.report.section.volume', { count: report.created }),
    perDay: report.perDay.map((d) => ({ key: dayLabel(d.date, report.timeZone, t), count: d.count })),
    perTag: report.perTag,
    perInbox: report.perInbox.map((r) => ({ ...r, key: r.key === '-' ? t('team.report.no_inbox') : r.key })),
    perAgent: report.perAgent.map((r) => ({
      ...r,
      key: r.key === '-' ? t('team.report.unassigned') : r.key,
    })),
  };
}
