import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { AlertMessageInput, AlertRenderer } from '../domain/volume/ports.ts';
import {
  context,
  fields as fieldsSection,
  type HomeView,
  header,
  homeView,
  plain,
  plainText,
  section,
} from './block-kit.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

const hhmm = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The alert that opens an episode: count, baseline, top tags, sample subjects; the chart follows in its thread. */
export function buildVolumeAlert(a: AlertMessageInput): SlackMessage {
  const { rule, reading } = a;
  const fields = [
    `*Last ${a.windowLabel}*\n${reading.count} tickets`,
    rule.kind === 'baseline'
      ? `*Usual for this hour*\n${reading.baseline ?? 0} (median of the same hour, ${rule.weeks} previous weeks)`
      : `*Threshold*\n${rule.threshold} tickets per ${a.windowLabel}`,
    `*Alerts at*\n${reading.level} or more`,
    `*Rule*\n\`${escapeMrkdwn(rule.id)}\``,
  ];
  const tags = a.topTags.length
    ? a.topTags.map((t) => `\`${escapeMrkdwn(t.tag)}\` ${t.count}`).join(' · ')
    : '_no tags_';
  const samples = a.samples.length
    ? a.samples
        .map((s) => `• <${s.url}|#${s.zendeskId}> ${escapeMrkdwn(truncate(s.subject, 150))}`)
        .join('\n')
    : '_none_';
  const title = `:rotating_light: Ticket volume alert: ${a.scopeLabel}`;
  return {
    text: `Ticket volume alert: ${escapeMrkdwn(a.scopeLabel)} — ${reading.count} tickets in the last ${a.windowLabel} (alerts at ${reading.level}${reading.baseline !== null ? `, usual ${reading.baseline}` : ''})`,
    blocks: [
      header(plain(title)),
      fieldsSection(fields),
      section(`*Top tags*\n${tags}`),
      section(`*Sample subjects*\n${samples}`),
      context(
        `Since ${hhmm(a.startedAt)} · the trend chart (24 hours, 4 weeks) is in the thread · one alert per episode; a recovery message closes it`,
      ),
    ],
  };
}

export const alertRenderer: AlertRenderer = {
  alert: buildVolumeAlert,
  recovery({ scopeLabel, reading, startedAt, endedAt, peakCount, rule }) {
    const minutes = Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000);
    const text = `:white_check_mark: Recovered: ${scopeLabel} is back to ${reading.count} tickets in the last ${rule.windowMinutes} min (alerts at ${reading.level}). The episode lasted ${minutes} min (${hhmm(startedAt)} → ${hhmm(endedAt)}), peak ${peakCount}.`;
    return { text, blocks: [section(text)] };
  },
};

export interface TodayVolume {
  dayLabel: string;
  total: number;
  byInbox: Array<{ name: string; count: number }>;
  topTags: Array<{ tag: string; count: number }>;
  openAlerts: Array<{ scope: string; since: Date; peak: number }>;
  lastHour: number;
}

/** The App Home: today's counts, per inbox and tag, and the alerts in progress. */
export function buildHomeView(v: TodayVolume): HomeView {
  const inboxes = v.byInbox.slice(0, 9).map((i) => `*${escapeMrkdwn(i.name)}*\n${i.count}`);
  const tags = v.topTags.length
    ? v.topTags
        .slice(0, 10)
        .map((t) => `\`${escapeMrkdwn(t.tag)}\` ${t.count}`)
        .join(' · ')
    : '_none yet_';
  const alerts = v.openAlerts.length
    ? v.openAlerts
        .map((a) => `:rotating_light: ${escapeMrkdwn(a.scope)} since ${hhmm(a.since)} (peak ${a.peak})`)
        .join('\n')
    : ':white_check_mark: No volume alert in progress.';
  return homeView([
    header(plainText('yorisoi — ticket volume today')),
    section(`*${v.total}* new tickets ${escapeMrkdwn(v.dayLabel)} · *${v.lastHour}* in the last hour`),
    ...(inboxes.length ? [fieldsSection(['*By inbox*', ...inboxes])] : []),
    section(`*Top tags today*\n${tags}`),
    section(`*Alerts*\n${alerts}`),
    context('Charts on demand: `/yorisoi volume [tag|inbox] [24h|7d|4w]`'),
  ]);
}

/** The private answer to a `/yorisoi volume` that cannot be drawn: what was wrong, then the usage, Japanese first. */
export function buildVolumeUsage(problem?: string): SlackMessage {
  const ja =
    '*使い方:* `/yorisoi volume [all|tag:タグ名|inbox:ID|名前] [期間]`　例: `/yorisoi volume tag:請求 7d`。期間は 24h・7d・4w（24時間・7日・4週 も可、最大 8w）。';
  const en =
    '*Usage:* `/yorisoi volume [all|tag:NAME|inbox:ID|NAME] [PERIOD]`, e.g. `/yorisoi volume tag:bug 7d`. PERIOD is hours, days or weeks (24h, 7d, 4w; at most 8w).';
  const text = `${problem ? `${escapeMrkdwn(problem)}\n` : ''}${ja}\n${en}`;
  return { text, blocks: [section(text)] };
}
