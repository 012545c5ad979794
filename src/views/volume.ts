import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { AlertMessageInput, AlertRenderer } from '../domain/volume/ports.ts';
import type { Translate } from '../i18n/index.ts';
import {
  context,
  fields as fieldsSection,
  type HomeView,
  header,
  homeView,
  type KnownBlock,
  plain,
  plainText,
  section,
} from './block-kit.ts';
import { escapeMrkdwn, slackDate, truncate } from './mrkdwn.ts';

/** A moment in each reader's own time zone (Slack's date token; the fallback is UTC). */
const when = (d: Date) => slackDate(d, '{date_short_pretty} {time}');

/** `all`, `tag:請求`, `inbox:photos` in the catalog's words. */
export function scopeLabel(t: Translate, scope: string): string {
  if (scope === 'all') return t('volume.scope_all');
  const [kind, ...rest] = scope.split(':');
  const name = rest.join(':');
  if (kind === 'tag') return t('volume.scope_tag', { name });
  if (kind === 'inbox') return t('volume.scope_inbox', { name });
  return scope;
}

const windowLabel = (t: Translate, minutes: number) =>
  minutes % 60 === 0
    ? t('volume.window_hours', { n: minutes / 60 })
    : t('volume.window_minutes', { n: minutes });

/** The alert that opens an episode: count, baseline, top tags, sample subjects; the chart follows in its thread. */
export function buildVolumeAlert(t: Translate, a: AlertMessageInput): SlackMessage {
  const { rule, reading } = a;
  const scope = escapeMrkdwn(scopeLabel(t, rule.scope));
  const window = windowLabel(t, rule.windowMinutes);
  const fields = [
    t('volume.field_last', { window, count: reading.count }),
    rule.kind === 'baseline'
      ? t('volume.field_usual', { baseline: reading.baseline ?? 0, weeks: rule.weeks })
      : t('volume.field_threshold', { threshold: rule.threshold, window }),
    t('volume.field_level', { level: reading.level }),
    t('volume.field_rule', { rule: `\`${escapeMrkdwn(rule.id)}\`` }),
  ];
  const tags = a.topTags.length
    ? a.topTags.map((x) => `\`${escapeMrkdwn(x.tag)}\` ${x.count}`).join(' · ')
    : t('volume.no_tags');
  const samples = a.samples.length
    ? a.samples
        .map((x) => `• <${x.url}|#${x.zendeskId}> ${escapeMrkdwn(truncate(x.subject, 150))}`)
        .join('\n')
    : t('volume.none');
  return {
    text: t('volume.alert_text', {
      scope,
      count: reading.count,
      window,
      level: reading.level,
      usual: reading.baseline !== null ? t('volume.alert_text_usual', { baseline: reading.baseline }) : '',
    }),
    blocks: [
      header(plain(t('volume.alert_title', { scope: scopeLabel(t, rule.scope) }))),
      fieldsSection(fields),
      section(t('volume.top_tags', { tags })),
      section(t('volume.samples', { samples })),
      context(t('volume.alert_footer', { since: when(a.startedAt) })),
    ],
  };
}

/** Alerts and recoveries are channel posts: the workspace's language. */
export function createAlertRenderer(t: Translate): AlertRenderer {
  return {
    alert: (a) => buildVolumeAlert(t, a),
    chartAltText: (a) =>
      t('volume.chart_alt', {
        scope: scopeLabel(t, a.rule.scope),
        count: a.reading.count,
        window: windowLabel(t, a.rule.windowMinutes),
      }),
    recovery({ reading, startedAt, endedAt, peakCount, rule }) {
      const minutes = Math.round((endedAt.getTime() - startedAt.getTime()) / 60_000);
      const text = t('volume.recovery', {
        scope: escapeMrkdwn(scopeLabel(t, rule.scope)),
        count: reading.count,
        window: windowLabel(t, rule.windowMinutes),
        level: reading.level,
        minutes,
        from: when(startedAt),
        to: when(endedAt),
        peak: peakCount,
      });
      return { text, blocks: [section(text)] };
    },
  };
}

export interface TodayVolume {
  /** The local day and its time zone, e.g. `2026-03-02 (UTC+9)`. */
  dayLabel: string;
  total: number;
  byInbox: Array<{ name: string; count: number }>;
  topTags: Array<{ tag: string; count: number }>;
  /** `scope` as stored (`all`, `tag:請求`, `inbox:photos`). */
  openAlerts: Array<{ scope: string; since: Date; peak: number }>;
  lastHour: number;
}

/** Today's counts, per inbox and tag, and the alerts in progress: the App Home's volume part. */
export function volumeHomeBlocks(t: Translate, v: TodayVolume): KnownBlock[] {
  const inboxes = v.byInbox.slice(0, 9).map((i) => `*${escapeMrkdwn(i.name)}*\n${i.count}`);
  const tags = v.topTags.length
    ? v.topTags
        .slice(0, 10)
        .map((x) => `\`${escapeMrkdwn(x.tag)}\` ${x.count}`)
        .join(' · ')
    : t('volume.home_none_yet');
  const alerts = v.openAlerts.length
    ? v.openAlerts
        .map((a) =>
          t('volume.home_alert_line', {
            scope: escapeMrkdwn(scopeLabel(t, a.scope)),
            since: when(a.since),
            peak: a.peak,
          }),
        )
        .join('\n')
    : t('volume.home_no_alert');
  return [
    header(plainText(t('volume.home_title'))),
    section(t('volume.home_totals', { total: v.total, day: escapeMrkdwn(v.dayLabel), lastHour: v.lastHour })),
    ...(inboxes.length ? [fieldsSection([t('volume.home_by_inbox'), ...inboxes])] : []),
    section(t('volume.home_top_tags', { tags })),
    section(t('volume.home_alerts', { alerts })),
    context(t('volume.home_charts')),
  ];
}

/** The App Home in the reader's language with today's counts alone (the agent's home adds its lists above). */
export function buildHomeView(t: Translate, v: TodayVolume): HomeView {
  return homeView(volumeHomeBlocks(t, v));
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
