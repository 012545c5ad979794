import type { WeeklyReport } from '../domain/team/metrics.ts';
import { reportLines } from '../domain/team/report-text.ts';
import type { Translate } from '../i18n/index.ts';
import { context, divider, fields, header, type KnownBlock, plain, section } from './block-kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';
import { templateRankingBlocks } from './template-figures.ts';

/** Lines shown per breakdown before "N more": a report stays one screen, the rest is counted, never dropped. */
const TOP = 8;

function breakdown(title: string, rows: { key: string; count: number }[], t: Translate): string {
  const shown = rows.slice(0, TOP).map((r) => `${escapeMrkdwn(r.key)}  *${r.count}*`);
  const rest = rows.slice(TOP);
  if (rest.length > 0)
    shown.push(`_${t('team.report.more', { count: rest.reduce((s, r) => s + r.count, 0) })}_`);
  return `*${title}*\n${shown.length ? shown.join('\n') : t('team.report.none')}`;
}

/** The weekly team report as a Slack message (the Monday post and `/yorisoi report`). */
export function buildWeeklyReportMessage(
  report: WeeklyReport,
  t: Translate,
): { text: string; blocks: KnownBlock[] } {
  const l = reportLines(report, t);
  return {
    text: `${l.title}: ${l.firstResponse} · ${l.reopen}`,
    blocks: [
      header(plain(l.title, 150)),
      context(escapeMrkdwn(l.range)),
      section(
        [
          t('team.report.section.response'),
          `• ${l.firstResponse}`,
          `• ${l.nextResponse}`,
          `• ${l.fullResolution}`,
        ]
          .map((line, i) => (i === 0 ? line : escapeMrkdwn(line)))
          .join('\n'),
      ),
      section(
        [
          t('team.report.section.quality'),
          `• ${escapeMrkdwn(l.reopen)}`,
          `• ${escapeMrkdwn(l.satisfaction)}`,
        ].join('\n'),
      ),
      divider(),
      section(l.created),
      fields([
        breakdown(t('team.report.per_day'), l.perDay, t),
        breakdown(t('team.report.per_tag'), l.perTag, t),
        breakdown(t('team.report.per_inbox'), l.perInbox, t),
        breakdown(t('team.report.per_agent'), l.perAgent, t),
      ]),
      ...templateRankingBlocks(report.templates, t),
    ],
  };
}

/** `/yorisoi report` with a week that is not one. */
export function buildReportUsage(problem: string, t: Translate): { text: string } {
  return { text: `:warning: ${problem}\n${t('team.report.usage')}` };
}
