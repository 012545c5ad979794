import type { Fault, SlackSimClock } from './types.ts';

/**
 * chat.postMessage's "special" limit: about one message per second per channel with short bursts.
 * A token bucket per channel; a refused call learns how many whole seconds to wait (Retry-After).
 */
export function createChannelRateLimiter(
  clock: SlackSimClock,
  initial: { perSecond: number; burst: number },
) {
  let rate = { ...initial };
  const buckets = new Map<string, { tokens: number; at: number }>();

  return {
    get rate() {
      return { ...rate };
    },
    set(next: { perSecond: number; burst: number }) {
      rate = { ...next };
      buckets.clear();
    },
    /** Takes a token; answers undefined when allowed, else the Retry-After in seconds. */
    take(key: string): number | undefined {
      const now = clock.now();
      const bucket = buckets.get(key) ?? { tokens: rate.burst, at: now };
      bucket.tokens = Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.perSecond);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rate.perSecond));
    },
    reset() {
      buckets.clear();
    },
  };
}

/** Injected failures: the next `count` calls of a method (or of any method) fail the given way. */
export function createFaultQueue() {
  const faults: Fault[] = [];
  return {
    add(fault: Fault) {
      faults.push({ ...fault });
    },
    /** The fault that applies to this call, consuming one of its uses. */
    take(method: string): Fault | undefined {
      const index = faults.findIndex((f) => f.count > 0 && (f.method === undefined || f.method === method));
      if (index < 0) return undefined;
      const fault = faults[index];
      if (!fault) return undefined;
      fault.count -= 1;
      if (fault.count <= 0) faults.splice(index, 1);
      return { ...fault };
    },
    list(): Fault[] {
      return faults.map((f) => ({ ...f }));
    },
    clear() {
      faults.length = 0;
    },
  };
}
