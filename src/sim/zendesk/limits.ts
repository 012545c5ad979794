import { tooManyRequests, ZendeskApiError } from './errors.ts';

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

/** `lost_response`: the request is carried out, then the connection drops before the answer (a timeout
 *  after Zendesk already did the work — the case idempotent clients must survive). */
export type FaultStatus = 500 | 503 | 422 | 429 | 'hang' | 'lost_response';

export interface FaultRule {
  method?: string;
  pathPrefix?: string;
  status: FaultStatus;
  remaining: number;
  retryAfter?: number;
}

/** What a matching fault does to a request: answer with an error, or never answer. */
export type FaultOutcome =
  | { kind: 'error'; error: ZendeskApiError }
  | { kind: 'hang' }
  | { kind: 'lost_response' };

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
    const retry: Record<string, string> =
      rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {};
    switch (rule.status) {
      case 'hang':
        return { kind: 'hang' };
      case 'lost_response':
        return { kind: 'lost_response' };
      case 429:
        return {
          kind: 'error',
          error: tooManyRequests(rule.retryAfter ?? 1, 'Number of allowed API requests per minute exceeded'),
        };
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
