import { notFound, tooManyRequests, ZendeskApiError } from './errors.ts';

/** Sliding-window request budget on the simulated clock. */
export interface WindowLimiter {
  /** Counts the request, or throws 429 with Retry-After when the window is full. */
  take(now: number, description?: string): { limit: number; remaining: number };
  setLimit(limit: number): void;
  readonly limit: number;
}

export function createWindowLimiter(
  limit: number,
  windowMs: number,
  error = 'APIRateLimitExceeded',
): WindowLimiter {
  let max = limit;
  let hits: number[] = [];
  return {
    get limit() {
      return max;
    },
    setLimit(value) {
      max = value;
    },
    take(now, description = 'Number of allowed API requests per minute exceeded') {
      hits = hits.filter((t) => t > now - windowMs);
      const oldest = hits[0];
      if (hits.length >= max && oldest !== undefined) {
        throw tooManyRequests((oldest + windowMs - now) / 1000, description, error);
      }
      hits.push(now);
      return { limit: max, remaining: Math.max(0, max - hits.length) };
    },
  };
}

/**
 * `hang`: the request is never answered. `reset`: the connection drops without an answer.
 * `lost_response` is the old name of `reset` after the write. With `afterWrite`, the request is carried out
 * first (the ticket is updated, the comment stored) and only then fails: "stored, then 500 / hang /
 * connection reset" — the case idempotent clients must survive.
 */
/**
 * What a fault does. `delete_ticket` is not an error: someone deletes `ticketId` in Zendesk just before the
 * request is answered (a ticket gone between two reads: the export listed it, the read does not find it).
 */
export type FaultStatus = 500 | 503 | 404 | 422 | 429 | 'hang' | 'reset' | 'lost_response' | 'delete_ticket';

export interface FaultRule {
  method?: string;
  pathPrefix?: string;
  status: FaultStatus;
  remaining: number;
  retryAfter?: number;
  afterWrite?: boolean;
  ticketId?: number;
}

/** What a matching fault does to a request, and whether before or after the request did its work. */
export type FaultOutcome = { afterWrite: boolean } & (
  | { kind: 'error'; error: ZendeskApiError }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'delete_ticket'; ticketId: number }
);

export interface FaultInjector {
  add(rule: Omit<FaultRule, 'remaining'> & { count: number }): void;
  clear(): void;
  list(): FaultRule[];
  /** Consumes one matching rule, if any. `path` is the request path with any `.json` suffix removed. */
  take(method: string, path: string, rawPath: string): FaultOutcome | null;
}

export function createFaultInjector(): FaultInjector {
  let rules: FaultRule[] = [];
  const outcome = (rule: FaultRule): FaultOutcome => {
    const afterWrite = rule.afterWrite === true || rule.status === 'lost_response';
    const result = failure(rule);
    return { ...result, afterWrite } as FaultOutcome;
  };
  const failure = (
    rule: FaultRule,
  ):
    | { kind: 'error'; error: ZendeskApiError }
    | { kind: 'hang' }
    | { kind: 'reset' }
    | { kind: 'delete_ticket'; ticketId: number } => {
    const retry: Record<string, string> =
      rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {};
    switch (rule.status) {
      case 'delete_ticket':
        return { kind: 'delete_ticket', ticketId: rule.ticketId ?? 0 };
      case 'hang':
        return { kind: 'hang' };
      case 'reset':
      case 'lost_response':
        return { kind: 'reset' };
      case 429:
        return {
          kind: 'error',
          error: tooManyRequests(rule.retryAfter ?? 1, 'Number of allowed API requests per minute exceeded'),
        };
      case 404:
        return { kind: 'error', error: notFound() };
      case 422:
        return {
          kind: 'error',
          error: new ZendeskApiError(422, {
            error: 'RecordInvalid',
            description: 'Record validation errors',
            details: { base: [{ description: 'Injected by the simulator', error: 'InvalidValue' }] },
          }),
        };
      case 503:
        return {
          kind: 'error',
          error: new ZendeskApiError(
            503,
            { error: 'ServiceUnavailable', description: 'Service temporarily unavailable' },
            retry,
          ),
        };
      default:
        return {
          kind: 'error',
          error: new ZendeskApiError(
            500,
            { error: 'InternalServerError', description: 'Something went wrong' },
            retry,
          ),
        };
    }
  };
  return {
    add(rule) {
      rules.push({
        method: rule.method?.toUpperCase(),
        pathPrefix: rule.pathPrefix,
        status: rule.status,
        retryAfter: rule.retryAfter,
        afterWrite: rule.afterWrite,
        ticketId: rule.ticketId,
        remaining: rule.count,
      });
    },
    clear() {
      rules = [];
    },
    list: () => rules.map((r) => ({ ...r })),
    take(method, path, rawPath) {
      const rule = rules.find(
        (r) =>
          r.remaining > 0 &&
          (!r.method || r.method === method.toUpperCase()) &&
          (!r.pathPrefix || path.startsWith(r.pathPrefix) || rawPath.startsWith(r.pathPrefix)),
      );
      if (!rule) return null;
      rule.remaining -= 1;
      rules = rules.filter((r) => r.remaining > 0);
      return outcome(rule);
    },
  };
}

/** Response time of the simulated API: off (0 ms), or log-normal with the given median and 99th percentile. */
export interface Latency {
  set(setting: { p50Ms: number; p99Ms: number } | null): void;
  get(): { p50_ms: number; p99_ms: number } | { off: true };
  /** One draw, in ms. */
  sample(): number;
}

export function createLatency(initial: { p50Ms: number; p99Ms: number } | null = null): Latency {
  let setting = initial;
  return {
    set(value) {
      setting = value && value.p50Ms > 0 ? value : null;
    },
    get: () => (setting ? { p50_ms: setting.p50Ms, p99_ms: setting.p99Ms } : { off: true }),
    sample() {
      if (!setting) return 0;
      // ln(X) ~ N(mu, sigma): median e^mu = p50; p99 = e^(mu + 2.326 sigma).
      const mu = Math.log(setting.p50Ms);
      const sigma = Math.max(0, Math.log(Math.max(setting.p99Ms, setting.p50Ms) / setting.p50Ms) / 2.326);
      const u1 = Math.random() || Number.MIN_VALUE;
      const u2 = Math.random();
      const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      return Math.exp(mu + sigma * z);
    },
  };
}

/** Zendesk Support API requests per minute by plan (developer.zendesk.com rate-limits page). */
export const PLAN_RATE_PER_MINUTE = {
  team: 200,
  growth: 400,
  professional: 400,
  enterprise: 700,
  enterprise_plus: 2500,
} as const;
export type ZendeskPlan = keyof typeof PLAN_RATE_PER_MINUTE;

/** One API request as the simulator answered it (GET /_sim/zendesk/calls). */
export interface ZendeskCall {
  method: string;
  /** Path with query string, e.g. `/api/v2/tickets/12/audits.json?page[size]=100`. */
  path: string;
  /** HTTP status answered; 0 when the connection was dropped or never answered. */
  status: number;
  at: string;
}
