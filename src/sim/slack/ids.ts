import { randomBytes } from 'node:crypto';
import type { SlackSimClock } from './types.ts';

/** Ids and timestamps shaped like Slack's, deterministic apart from the random suffixes. */
export function createIdSource(clock: SlackSimClock) {
  const counters = new Map<string, number>();
  let lastTsMicros = 0;

  const next = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return n;
  };

  return {
    /** Like Slack's object ids: prefix + 8 upper-case base-36 characters, e.g. V0000000A. */
    id(prefix: 'V' | 'F' | 'D' | 'Ev'): string {
      return `${prefix}${next(prefix).toString(36).toUpperCase().padStart(8, '0')}`;
    },
    /** Message ts "1700000000.000100": microseconds since the epoch, strictly increasing. */
    ts(): string {
      const now = Math.floor(clock.now()) * 1000;
      lastTsMicros = Math.max(now, lastTsMicros + 100);
      return formatTs(lastTsMicros);
    },
    /** The documented trigger_id format "132456.7890123.abcdef". */
    triggerId(): string {
      return `${next('trigger')}.${Math.floor(clock.now())}.${randomBytes(16).toString('hex')}`;
    },
    hash(): string {
      return `${Math.floor(clock.now() / 1000)}.${randomBytes(4).toString('hex')}`;
    },
    token(bytes = 12): string {
      return randomBytes(bytes).toString('hex');
    },
    reset() {
      counters.clear();
    },
  };
}

export type IdSource = ReturnType<typeof createIdSource>;

export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const rest = micros - seconds * 1_000_000;
  return `${seconds}.${String(rest).padStart(6, '0')}`;
}

/** Parses a Slack ts into microseconds; undefined when it is not one. */
export function parseTs(ts: string): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(ts);
  if (!match) return undefined;
  return Number(match[1]) * 1_000_000 + Number((match[2] ?? '').padEnd(6, '0'));
}

export const TRIGGER_ID_PATTERN = /^\d+\.\d+\.[0-9a-f]+$/;
