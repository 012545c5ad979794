import type { Fault, MethodRatesInput, RateTier, SlackSimClock } from './types.ts';

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
    take(method: string, when: 'before' | 'after' = 'before'): Fault | undefined {
      // Faults apply in the order they were added: the next call of a method meets the first fault for it,
      // whether that one strikes before or after the work.
      const index = faults.findIndex((f) => f.count > 0 && (f.method === undefined || f.method === method));
      const fault = faults[index];
      if (!fault || (fault.when ?? 'before') !== when) return undefined;
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

/**
 * Each method's tier, from the method files in slack-api-ref (`rate_limits`; t5 = "special"). Checked
 * against the specs by tests/integration/sim/slack-sim-contract.test.ts.
 */
export const METHOD_TIERS: Record<string, RateTier> = {
  'auth.test': 'special',
  'apps.connections.open': 't3',
  'chat.postMessage': 'special',
  'chat.update': 't3',
  'chat.postEphemeral': 't4',
  'chat.delete': 't3',
  'chat.getPermalink': 'special',
  'conversations.history': 't3',
  'conversations.replies': 't3',
  'conversations.info': 't3',
  'conversations.join': 't3',
  'conversations.list': 't2',
  'users.info': 't4',
  'users.list': 't2',
  'users.lookupByEmail': 't3',
  'views.open': 't4',
  'views.push': 't4',
  'views.update': 't4',
  'views.publish': 't4',
  'files.getUploadURLExternal': 't4',
  'files.completeUploadExternal': 't4',
  'reactions.add': 't3',
};

/**
 * Calls per minute per tier, as Slack documents them ("1+", "20+", "50+", "100+"). Special methods have
 * their own limits: chat.postMessage's per-channel bucket applies on top of this; auth.test and
 * getPermalink allow "hundreds" a minute.
 */
export const DEFAULT_TIER_RATES: Record<RateTier, number> = { t1: 1, t2: 20, t3: 50, t4: 100, special: 600 };

/**
 * Slack's per-method, per-workspace limits: a token bucket per method holding one minute's allowance
 * (Slack tolerates bursts), refilled evenly. A refused call learns its Retry-After in whole seconds.
 */
export function createMethodRateLimiter(clock: SlackSimClock, initial: MethodRatesInput = {}) {
  let tiers: Record<RateTier, number> = { ...DEFAULT_TIER_RATES, ...initial.tiers };
  let methods: Record<string, number> = { ...initial.methods };
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMinute = (method: string) => methods[method] ?? tiers[METHOD_TIERS[method] ?? 't3'];

  return {
    get rates() {
      return { tiers: { ...tiers }, methods: { ...methods } };
    },
    set(next: MethodRatesInput) {
      tiers = { ...tiers, ...next.tiers };
      methods = { ...methods, ...next.methods };
      buckets.clear();
    },
    take(method: string): number | undefined {
      const limit = perMinute(method);
      const now = clock.now();
      const bucket = buckets.get(method) ?? { tokens: limit, at: now };
      bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.at) / 60_000) * limit);
      bucket.at = now;
      buckets.set(method, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return undefined;
      }
      return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / limit));
    },
    reset() {
      tiers = { ...DEFAULT_TIER_RATES, ...initial.tiers };
      methods = { ...initial.methods };
      buckets.clear();
    },
  };
}
