import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { AlertRule, RuleReading } from './volume-model.ts';

/** What volume alerts need from outside the domain (SQLite, the PNG chart, Block Kit). */

export interface OpenEpisode {
  id: string;
  ruleId: string;
  startedAt: Date;
  peakCount: number;
}

export interface VolumeStore {
  count(scope: string, from: Date, to: Date): Promise<number>;
  /** Counts per `stepMs` from `from` (inclusive) for `steps` steps. */
  series(scope: string, from: Date, stepMs: number, steps: number): Promise<number[]>;
  topTags(from: Date, to: Date, limit: number): Promise<Array<{ tag: string; count: number }>>;
  /** Subjects of tickets of the scope created in the window, newest first (raw customer words). */
  sampleSubjects(
    scope: string,
    from: Date,
    to: Date,
    limit: number,
  ): Promise<Array<{ zendeskId: string; subject: string }>>;
  openEpisode(ruleId: string): Promise<OpenEpisode | null>;
  listOpenEpisodes(): Promise<Array<OpenEpisode & { scope: string }>>;
  /** Stores the episode and its effects in one transaction; false when the rule already has an open one. */
  openEpisodeWith(
    episode: {
      id: string;
      ruleId: string;
      scope: string;
      startedAt: Date;
      peakCount: number;
      baseline: number | null;
    },
    effects: OutboxEffect[],
  ): Promise<boolean>;
  closeEpisodeWith(id: string, endedAt: Date, effects: OutboxEffect[]): Promise<void>;
  raisePeak(id: string, count: number): Promise<void>;
}

/** What a trend chart shows; rendered to PNG outside the domain. */
export interface VolumeChartData {
  title: string;
  now: Date;
  tzOffsetMinutes: number;
  panels: Array<{ label: string; start: Date; stepMs: number; counts: number[]; baseline?: number[] }>;
}

export interface ChartRenderer {
  volumeChart(data: VolumeChartData): Uint8Array;
}

export interface AlertMessageInput {
  rule: AlertRule;
  reading: RuleReading;
  scopeLabel: string;
  windowLabel: string;
  topTags: Array<{ tag: string; count: number }>;
  samples: Array<{ zendeskId: string; subject: string; url: string }>;
  startedAt: Date;
}

export interface AlertRenderer {
  alert(input: AlertMessageInput): SlackMessage;
  /** The alt text of the alert's chart upload (read aloud by screen readers, shown when images are off). */
  chartAltText(input: AlertMessageInput): string;
  recovery(input: {
    rule: AlertRule;
    scopeLabel: string;
    reading: RuleReading;
    startedAt: Date;
    endedAt: Date;
    peakCount: number;
  }): SlackMessage;
}
