import type { z } from 'zod';
import { YorisoiError } from '../errors.ts';
import { parseZendeskJson } from './zendesk-json.ts';

/**
 * The one way yorisoi talks to Zendesk: Node's fetch with a timeout on every request (a Zendesk that
 * accepts the connection and never answers must not stall a worker), Basic token auth, and URLs built the
 * way node-zendesk builds them (`.json`, `page[size]=100` on the list endpoints that page by cursor), so
 * behaviour did not change when node-zendesk left the request path. We read the status ourselves: 429 with
 * Retry-After, paging fields. Every response is parsed with zod.
 */
export interface ZendeskApiOptions {
  apiUrl: string;
  email: string;
  apiToken: string;
  /** Seconds before an unanswered request is abandoned (ZENDESK_TIMEOUT_SECONDS; default 15). */
  timeoutSeconds?: number;
}

export const DEFAULT_ZENDESK_TIMEOUT_SECONDS = 15;

export class ZendeskHttpError extends YorisoiError {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | null,
    readonly body: unknown,
    what: string,
    /** Said instead of `HTTP <status>` when no response came at all (timeout, connection refused). */
    noResponse?: string,
  ) {
    super(
      status === 429
        ? 'zendesk_rate_limited'
        : status === 404
          ? 'zendesk_not_found'
          : status >= 500
            ? 'zendesk_unavailable'
            : 'zendesk_rejected',
      noResponse ? `(${what}: ${noResponse})` : `(${what}: HTTP ${status}${describe(body)})`,
      undefined,
      // API paths, status codes and Zendesk's JSON are for the log, never for agents.
      false,
    );
  }
  get retryable(): boolean {
    return this.status === 429 || this.status === 409 || this.status >= 500;
  }
}

function describe(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; description?: unknown; details?: unknown };
    const parts = [b.error, b.description].filter((p) => typeof p === 'string');
    if (b.details) parts.push(JSON.stringify(b.details).slice(0, 300));
    return parts.length ? ` ${parts.join(' — ')}` : '';
  }
  return '';
}

type PathPart = string | number | Record<string, unknown>;

export interface ZendeskApi {
  call<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: PathPart[],
    schema: S,
    body?: unknown,
    options?: {
      headers?: Record<string, string>;
      dotJson?: boolean;
      /** `background`: a read that may be skipped when the shared Zendesk budget is busy (rate-budget.ts). */
      priority?: 'ticket' | 'background';
    },
  ): Promise<z.infer<S>>;
}

/**
 * GET list endpoints on which node-zendesk 6 adds `page[size]=100` (its EndpointChecker list, the part we
 * call): without it Zendesk answers with offset paging and our cursor loops would stop after one page.
 */
const cursorPagedLists = [
  /^users$/,
  /^triggers(\/active)?$/,
  /^tickets$/,
  /^macros$/,
  /^groups(\/assignable)?$/,
  /^groups\/[^/]+\/memberships$/,
  /^group_memberships$/,
  /^organizations$/,
  /^organizations\/[^/]+\/(users|tickets)$/,
  /^incremental\/tickets\/.*$/,
];

export function createZendeskApi(options: ZendeskApiOptions): ZendeskApi {
  const base = options.apiUrl.replace(/\/$/, '');
  const timeoutMs = (options.timeoutSeconds ?? DEFAULT_ZENDESK_TIMEOUT_SECONDS) * 1000;
  const authorization = `Basic ${Buffer.from(`${options.email}/token:${options.apiToken}`).toString('base64')}`;

  function urlOf(method: string, path: PathPart[], dotJson: boolean): string {
    const last = path.at(-1);
    const query = last !== undefined && typeof last === 'object' ? last : {};
    const segments = path.filter((p): p is string | number => typeof p !== 'object').map(String);
    const route = segments.filter(Boolean).join('/');
    const params = new URLSearchParams();
    if (method === 'GET' && cursorPagedLists.some((r) => r.test(route))) params.set('page[size]', '100');
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null) params.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
    const qs = params.toString();
    return `${base}/${segments.map(encodeURIComponent).join('/')}${dotJson ? '.json' : ''}${qs ? `?${qs}` : ''}`;
  }

  return {
    async call(method, path, schema, body, callOptions = {}) {
      const what = `${method} /${path.filter((p) => typeof p !== 'object').join('/')}`;
      let status: number;
      let retryAfterHeader: string | null;
      let result: unknown;
      try {
        const response = await fetch(urlOf(method, path, callOptions.dotJson !== false), {
          method,
          headers: {
            authorization,
            accept: 'application/json',
            'content-type': 'application/json',
            'user-agent': 'yorisoi',
            ...callOptions.headers,
          },
          body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
          // Covers connecting, the headers and reading the body.
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        retryAfterHeader = response.headers.get('retry-after');
        const text = await response.text();
        result = text === '' ? null : parseJson(text);
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        const reason = timedOut
          ? `no answer within ${timeoutMs / 1000} s — ZENDESK_TIMEOUT_SECONDS`
          : `no response — ${describeNetworkError(error)}`;
        // 504/503 keep the retry rules: a timeout or a refused connection is worth trying again.
        throw new ZendeskHttpError(timedOut ? 504 : 503, null, { error: reason }, what, reason);
      }
      if (status === 429 || status >= 300) {
        const retryAfter = Number(retryAfterHeader);
        throw new ZendeskHttpError(
          status,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
          result,
          what,
        );
      }
      const parsed = schema.safeParse(result);
      if (!parsed.success) {
        throw new YorisoiError(
          'zendesk_rejected',
          `(${what}: unexpected response shape: ${parsed.error.issues[0]?.message ?? ''})`,
          undefined,
          false,
        );
      }
      return parsed.data;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return parseZendeskJson(text);
  } catch {
    return { error: text.slice(0, 300) };
  }
}

/** fetch's "fetch failed" hides the reason in `cause` (ECONNREFUSED, ENOTFOUND …). */
function describeNetworkError(error: unknown): string {
  const e = error as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const cause = e?.cause?.code ?? e?.cause?.message;
  return [String(e?.message ?? error), typeof cause === 'string' ? cause : null].filter(Boolean).join(': ');
}
