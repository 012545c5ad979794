import { describe, expect, it } from 'vitest';
import {
  type AlertRule,
  HOUR_MS,
  readRule,
  ruleWindows,
  WEEK_MS,
} from '../../src/domain/volume/volume-model.ts';

/** A deterministic PRNG (mulberry32) so the generated series is the same on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tickets per hour with a weekly shape: quiet nights and weekends, busy weekdays, a big Monday 9–12 peak. */
function expectedPerHour(at: Date): number {
  const day = at.getUTCDay(); // 0 = Sunday
  const hour = at.getUTCHours();
  if (day === 0 || day === 6) return hour >= 10 && hour < 18 ? 3 : 1;
  if (hour < 8 || hour >= 20) return 1;
  if (day === 1 && hour >= 9 && hour < 12) return 40; // the usual Monday-morning peak
  return 10;
}

// 8 weeks of hourly counts starting Monday 2026-09-28 00:00 UTC, ±20% noise.
const start = Date.UTC(2026, 8, 28);
const HOURS = 8 * 7 * 24;
function generate(spikes: Record<number, number> = {}) {
  const rand = prng(42);
  return Array.from({ length: HOURS }, (_, h) => {
    const base = expectedPerHour(new Date(start + h * HOUR_MS));
    return Math.max(0, Math.round(base * (0.8 + 0.4 * rand()))) + (spikes[h] ?? 0);
  });
}
const counter = (series: number[]) => (from: Date, to: Date) => {
  let n = 0;
  for (
    let h = Math.max(0, Math.ceil((from.getTime() - start) / HOUR_MS));
    h < Math.min(HOURS, (to.getTime() - start) / HOUR_MS);
    h++
  ) {
    n += series[h] ?? 0;
  }
  return n;
};

const baseline: AlertRule = {
  id: 'b',
  scope: 'all',
  channelId: 'C',
  kind: 'baseline',
  windowMinutes: 60,
  weeks: 4,
  factor: 2,
  minExcess: 8,
  minCount: 5,
};
const fixed: AlertRule = {
  id: 'f',
  scope: 'all',
  channelId: 'C',
  kind: 'threshold',
  windowMinutes: 60,
  threshold: 25,
};

/** Evaluates a rule at the end of every hour of weeks 5–8 (the first four are history); returns firing hours. */
function firingHours(rule: AlertRule, series: number[]) {
  const count = counter(series);
  const out: number[] = [];
  for (let h = 4 * 7 * 24; h < HOURS; h++) {
    const now = new Date(start + (h + 1) * HOUR_MS);
    const w = ruleWindows(rule, now);
    const reading = readRule(
      rule,
      count(w.current.from, w.current.to),
      w.previous.map((p) => count(p.from, p.to)),
    );
    if (reading.firing) out.push(h);
  }
  return out;
}
const describeHour = (h: number) => new Date(start + h * HOUR_MS).toISOString().slice(0, 13);

describe('baseline-aware volume rule on a generated 8-week weekly-seasonal series', () => {
  it('a fixed threshold fires on every Monday peak (why a baseline is needed)', () => {
    const hours = firingHours(fixed, generate());
    const mondays = new Set(hours.map((h) => describeHour(h).slice(0, 10)));
    expect(mondays.size).toBe(4);
    expect(hours.every((h) => new Date(start + h * HOUR_MS).getUTCDay() === 1)).toBe(true);
  });

  it('the baseline rule does not fire on the usual Monday peak, nor anywhere else in a normal series', () => {
    expect(firingHours(baseline, generate()).map(describeHour)).toEqual([]);
  });

  it('but fires on a real spike — on a Wednesday afternoon and on top of a Monday peak', () => {
    const wednesday = 6 * 7 * 24 + 2 * 24 + 14; // week 7, Wednesday 14:00
    const monday = 7 * 7 * 24 + 10; // week 8, Monday 10:00, during the usual peak
    const hours = firingHours(baseline, generate({ [wednesday]: 30, [monday]: 60 }));
    expect(hours.map(describeHour)).toEqual([describeHour(wednesday), describeHour(monday)]);
  });

  it('compares with the same hour of previous weeks', () => {
    const now = new Date(start + 5 * WEEK_MS + 10 * HOUR_MS);
    const w = ruleWindows(baseline, now);
    expect(w.previous.map((p) => (now.getTime() - p.to.getTime()) / WEEK_MS)).toEqual([1, 2, 3, 4]);
    expect(readRule(baseline, 40, [38, 41, 44, 39]).firing).toBe(false);
    expect(readRule(baseline, 90, [38, 41, 44, 39]).firing).toBe(true);
    expect(readRule(baseline, 4, [0, 0, 0, 0]).firing).toBe(false); // minCount keeps quiet hours quiet
  });
});
