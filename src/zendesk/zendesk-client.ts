// node-zendesk is a minified CommonJS bundle: Node's ESM loader cannot see its named exports.
import nodeZendesk from 'node-zendesk';
import type { z } from 'zod';
import { YorisoiError } from '../errors.ts';

/**
 * The one way yorisoi talks to Zendesk: node-zendesk builds URLs (`.json`, cursor paging), authenticates and
 * sends; this wrapper reads the status itself, because node-zendesk resolves a 429 as a value instead of
 * throwing and drops the Retry-After and paging fields we need. Every response is parsed with zod.
 */
export interface ZendeskApiOptions {
  apiUrl: string;
  email: string;
  apiToken: string;
}

export class ZendeskHttpError extends YorisoiError {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | null,
    readonly body: unknown,
    what: string,
  ) {
    super(
      status === 429
        ? 'zendesk_rate_limited'
        : status === 404
          ? 'zendesk_not_found'
          : status >= 500
            ? 'zendesk_unavailable'
            : 'zendesk_rejected',
      `(${what}: HTTP ${status}${describe(body)})`,
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
    options?: { headers?: Record<string, string>; dotJson?: boolean },
  ): Promise<z.infer<S>>;
}

export function createZendeskApi(options: ZendeskApiOptions): ZendeskApi {
  const make = (headers: Record<string, string> = {}) =>
    nodeZendesk.createClient({
      username: options.email,
      token: options.apiToken,
      endpointUri: options.apiUrl,
      customHeaders: headers,
    } as never) as unknown as {
      tickets: { transporter: Transporter };
      webhooks: { transporter: Transporter };
    };
  type Transporter = {
    request(
      method: string,
      uri: PathPart[],
      body?: unknown,
    ): Promise<{ response: { status: number; headers: { get(n: string): string | null } }; result: unknown }>;
  };
  const client = make();
  return {
    async call(method, path, schema, body, callOptions = {}) {
      // Idempotency-Key must differ per request; node-zendesk sends customHeaders on every call, so a
      // request that carries its own headers gets its own client.
      const c = callOptions.headers ? make(callOptions.headers) : client;
      const transporter = callOptions.dotJson === false ? c.webhooks.transporter : c.tickets.transporter;
      const what = `${method} /${path.filter((p) => typeof p !== 'object').join('/')}`;
      let response: Awaited<ReturnType<Transporter['request']>>;
      try {
        response = await transporter.request(method, [...path], body);
      } catch (error) {
        throw new ZendeskHttpError(503, null, { error: String((error as Error).message ?? error) }, what);
      }
      const status = response.response.status;
      if (status === 429 || status >= 300) {
        const retryAfter = Number(response.response.headers.get('retry-after'));
        throw new ZendeskHttpError(
          status,
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
          response.result,
          what,
        );
      }
      const parsed = schema.safeParse(response.result);
      if (!parsed.success) {
        throw new YorisoiError(
          'zendesk_rejected',
          `(${what}: unexpected response shape: ${parsed.error.issues[0]?.message ?? ''})`,
        );
      }
      return parsed.data;
    },
  };
}
