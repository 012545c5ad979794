import type { Inbox, TicketSnapshot } from '../tickets/ticket.ts';

/** Tickets are counted in 5-minute buckets; windows and charts add buckets up. */
export const BUCKET_MINUTES = 5;
const BUCKET_MS = BUCKET_MINUTES * 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export function bucketStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS);
}

/** Every scope a new ticket counts in: overall, each tag, its inbox. */
export function volumeScopes(ticket: TicketSnapshot, inbox: Inbox | null): string[] {
  return ['all', ...new Set(ticket.tags.map((t) => `tag:${t}`)), ...(inbox ? [`inbox:${inbox.id}`] : [])];
}

/** How a scope reads to people: `all` → "all tickets", `tag:bug` → "tag bug". */
export function describeScope(scope: string): string {
  if (scope === 'all') return 'all tickets';
  const [kind, ...rest] = scope.split(':');
  return `${kind} ${rest.join(':')}`;
}

/** The same in Japanese, for charts: `all` → 「すべてのチケット」, `tag:請求` → 「タグ 請求」. */
export function describeScopeJa(scope: string): string {
  if (scope === 'all') return 'すべてのチケット';
  const [kind, ...rest] = scope.split(':');
  return `${kind === 'tag' ? 'タグ' : kind === 'inbox' ? '受信箱' : kind} ${rest.join(':')}`;
}

/**
 * An alert rule over one scope, evaluated on the trailing `windowMinutes`:
 *  - threshold: fires at `threshold` tickets or more.
 *  - baseline: compares with the same window on each of the previous `weeks` weeks (same weekday and hour,
 *    so the usual Monday-morning peak is the baseline, not an incident) and fires at
 *    max(minCount, median × factor, median + minExcess).
 * An episode ends when the count falls below `recoverRatio` × the firing level.
 */
export type AlertRule = {
  id: string;
  scope: string;
  channelId: string;
  windowMinutes: number;
  recoverRatio?: number;
} & (
  | { kind: 'threshold'; threshold: number }
  | { kind: 'baseline'; weeks: number; factor: number; minExcess: number; minCount: number }
);

export interface RuleReading {
  count: number;
  /** Median of the same window on previous weeks (baseline rules), or null. */
  baseline: number | null;
  /** The count at which the rule fires now. */
  level: number;
  firing: boolean;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Pure: the rule's verdict for a window count and the same window's counts on previous weeks. */
export function readRule(rule: AlertRule, count: number, previousWeeks: number[]): RuleReading {
  if (rule.kind === 'threshold')
    return { count, baseline: null, level: rule.threshold, firing: count >= rule.threshold };
  const baseline = median(previousWeeks);
  const level = Math.max(
    rule.minCount,
    Math.ceil(baseline * rule.factor),
    Math.ceil(baseline + rule.minExcess),
  );
  return { count, baseline, level, firing: count >= level };
}

/** Whether an open episode is over: the count fell well below the level that opened it. */
export function hasRecovered(rule: AlertRule, reading: RuleReading, openedAtLevel: number): boolean {
  const ratio = rule.recoverRatio ?? 0.5;
  return reading.count < Math.max(1, Math.min(reading.level, openedAtLevel) * ratio);
}

/** The windows a rule reads at `now`: the trailing window and the same window `k` weeks earlier. */
export function ruleWindows(rule: AlertRule, now: Date) {
  const to = now.getTime();
  const from = to - rule.windowMinutes * 60_000;
  const weeks = rule.kind === 'baseline' ? rule.weeks : 0;
  return {
    current: { from: new Date(from), to: new Date(to) },
    previous: Array.from({ length: weeks }, (_, i) => ({
      from: new Date(from - (i + 1) * WEEK_MS),
      to: new Date(to - (i + 1) * WEEK_MS),
    })),
  };
}

/**
 * Parses `/yorisoi volume` periods such as 24h, 7d, 4w, or 24時間, 7日, 4週 (full-width digits too), at most
 * 8 weeks.
 */
export function parsePeriod(text: string): number | null {
  const m = text.normalize('NFKC').match(/^(\d{1,3})(h|d|w|時間|日間?|週間?)$/i);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'h').toLowerCase();
  const ms =
    n *
    (unit === 'h' || unit === '時間' ? HOUR_MS : unit === 'd' || unit.startsWith('日') ? DAY_MS : WEEK_MS);
  return ms > 0 && ms <= 8 * WEEK_MS ? ms : null;
}
