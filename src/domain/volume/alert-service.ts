import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.ts';
import type { OutboxEffect } from '../outbox/outbox.ts';
import type { AlertRenderer, ChartRenderer, VolumeChartData, VolumeStore } from './ports.ts';
import {
  type AlertRule,
  DAY_MS,
  describeScope,
  describeScopeJa,
  HOUR_MS,
  hasRecovered,
  type RuleReading,
  readRule,
  ruleWindows,
  WEEK_MS,
} from './volume-model.ts';

const windowLabel = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`);

/**
 * Watches ticket volume: each evaluation reads every rule; a rule that starts firing opens one episode (an
 * alert with a trend chart), one that calms down closes it (a recovery message in the alert's thread).
 * Opening and closing commit together with their Slack effects, so each happens once however often,
 * and from however many places, evaluate() runs.
 */
export function createAlertService(deps: {
  rules: AlertRule[];
  store: VolumeStore;
  chart: ChartRenderer;
  renderer: AlertRenderer;
  clock: () => Date;
  tzOffsetMinutes: number;
  maskSubject: (subject: string) => string;
  zendeskTicketUrl: (zendeskId: string) => string;
  logger: Logger;
}) {
  const { store, clock } = deps;
  let chain: Promise<unknown> = Promise.resolve();

  /**
   * The last `periodMs` (auto step) and the last 4 weeks by day; the recent panel carries a baseline. Buckets
   * start on the team's local hours and days (YORISOI_TZ_OFFSET_MINUTES), and the one holding `now` is always
   * the last hourly bar (it is still counting). Multi-day periods show whole local days, today included, so a
   * 7-day chart has 7 dates; today's remaining buckets are empty slots.
   */
  async function chartData(scope: string, now: Date, periodMs = DAY_MS): Promise<VolumeChartData> {
    const stepMs = periodMs <= 2 * DAY_MS ? HOUR_MS : periodMs <= 14 * DAY_MS ? 6 * HOUR_MS : DAY_MS;
    const offset = deps.tzOffsetMinutes * 60_000;
    const localNow = now.getTime() + offset;
    let startMs: number;
    let steps: number;
    if (stepMs === HOUR_MS) {
      steps = Math.ceil(periodMs / stepMs);
      startMs = (Math.floor(localNow / stepMs) + 1 - steps) * stepMs - offset;
    } else {
      const days = Math.max(1, Math.ceil(periodMs / DAY_MS));
      startMs = (Math.floor(localNow / DAY_MS) + 1 - days) * DAY_MS - offset;
      steps = (days * DAY_MS) / stepMs;
    }
    const startRecent = new Date(startMs);
    const counts = await store.series(scope, startRecent, stepMs, steps);
    let baseline: number[] | undefined;
    if (stepMs < WEEK_MS && periodMs <= WEEK_MS) {
      const weeks = await Promise.all(
        [1, 2, 3, 4].map((k) =>
          store.series(scope, new Date(startRecent.getTime() - k * WEEK_MS), stepMs, steps),
        ),
      );
      baseline = counts.map((_, i) => {
        const vals = weeks.map((w) => w[i] ?? 0).sort((a, b) => a - b);
        return ((vals[1] ?? 0) + (vals[2] ?? 0)) / 2;
      });
    }
    const endDays = (Math.floor(localNow / DAY_MS) + 1) * DAY_MS - offset;
    const daily = await store.series(scope, new Date(endDays - 28 * DAY_MS), DAY_MS, 28);
    const recentLabel =
      stepMs === HOUR_MS ? `${steps}時間` : `${(steps * stepMs) / DAY_MS}日間（今日を含む）`;
    return {
      title: `問い合わせ件数 — ${describeScopeJa(scope)}`,
      now,
      tzOffsetMinutes: deps.tzOffsetMinutes,
      panels: [
        {
          label: `直近${recentLabel}・${stepMs === HOUR_MS ? '1時間' : stepMs === DAY_MS ? '1日' : '6時間'}ごと`,
          start: startRecent,
          stepMs,
          counts,
          baseline,
        },
        {
          label: '直近4週間・1日ごと',
          start: new Date(endDays - 28 * DAY_MS),
          stepMs: DAY_MS,
          counts: daily,
        },
      ],
    };
  }

  async function renderChart(scope: string, now: Date, periodMs?: number) {
    const data = await chartData(scope, now, periodMs);
    return { data, png: deps.chart.volumeChart(data) };
  }

  async function read(rule: AlertRule, now: Date): Promise<RuleReading> {
    const w = ruleWindows(rule, now);
    const count = await store.count(rule.scope, w.current.from, w.current.to);
    const previous = await Promise.all(w.previous.map((p) => store.count(rule.scope, p.from, p.to)));
    return readRule(rule, count, previous);
  }

  async function evaluateRule(rule: AlertRule, now: Date): Promise<'opened' | 'closed' | 'none'> {
    const reading = await read(rule, now);
    const open = await store.openEpisode(rule.id);
    const scopeLabel = describeScope(rule.scope);
    if (!open) {
      if (!reading.firing) return 'none';
      const id = randomUUID();
      const group = `alert:${id}`;
      const from = new Date(now.getTime() - rule.windowMinutes * 60_000);
      const [topTags, samples, chart] = await Promise.all([
        store.topTags(from, now, 5),
        store.sampleSubjects(rule.scope, from, now, 5),
        renderChart(rule.scope, now),
      ]);
      const input = {
        rule,
        reading,
        scopeLabel,
        windowLabel: windowLabel(rule.windowMinutes),
        topTags,
        samples: samples.map((s) => ({
          zendeskId: s.zendeskId,
          subject: deps.maskSubject(s.subject),
          url: deps.zendeskTicketUrl(s.zendeskId),
        })),
        startedAt: now,
      };
      const message = deps.renderer.alert(input);
      const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
      const effects: OutboxEffect[] = [
        { kind: 'post_thread_root', key: `alert:${id}`, channelId: rule.channelId, group, message },
        {
          kind: 'upload_file',
          key: `alert-chart:${id}`,
          channelId: rule.channelId,
          group,
          file: {
            filename: `volume-${rule.scope.replace(/[^\w-]+/g, '_')}-${stamp}.png`,
            title: `${chart.data.title} (${stamp} UTC)`,
            altText: deps.renderer.chartAltText(input),
            contentBase64: Buffer.from(chart.png).toString('base64'),
          },
        },
      ];
      const opened = await store.openEpisodeWith(
        {
          id,
          ruleId: rule.id,
          scope: rule.scope,
          startedAt: now,
          peakCount: reading.count,
          baseline: reading.baseline,
        },
        effects,
      );
      if (opened)
        deps.logger.info('volume alert opened', {
          rule: rule.id,
          count: reading.count,
          level: reading.level,
        });
      return opened ? 'opened' : 'none';
    }
    if (hasRecovered(rule, reading, reading.level)) {
      const message = deps.renderer.recovery({
        rule,
        scopeLabel,
        reading,
        startedAt: open.startedAt,
        endedAt: now,
        peakCount: open.peakCount,
      });
      await store.closeEpisodeWith(open.id, now, [
        {
          kind: 'post_in_group_thread',
          key: `alert-recovery:${open.id}`,
          channelId: rule.channelId,
          group: `alert:${open.id}`,
          message,
          broadcast: true,
        },
      ]);
      deps.logger.info('volume alert recovered', { rule: rule.id, count: reading.count });
      return 'closed';
    }
    if (reading.count > open.peakCount) await store.raisePeak(open.id, reading.count);
    return 'none';
  }

  return {
    rules: deps.rules,
    chartData,
    renderChart,
    read,
    /** Reads every rule at `now` (default: the clock); evaluations never overlap. */
    evaluate(now?: Date): Promise<Array<{ rule: string; outcome: 'opened' | 'closed' | 'none' }>> {
      const run = chain.then(async () => {
        const at = now ?? clock();
        const out: Array<{ rule: string; outcome: 'opened' | 'closed' | 'none' }> = [];
        for (const rule of deps.rules) out.push({ rule: rule.id, outcome: await evaluateRule(rule, at) });
        return out;
      });
      chain = run.catch(() => undefined);
      return run;
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
