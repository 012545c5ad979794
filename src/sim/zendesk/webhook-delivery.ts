import { createHmac } from 'node:crypto';
import type { WebhookRecord } from './model.ts';
import { iso } from './serialize.ts';
import type { ZendeskState } from './state.ts';

export type DeliveryStatus = 'success' | 'client error' | 'server error' | 'timeout' | 'failed' | 'dropped';

/** One delivery attempt, as listed by GET /_sim/zendesk/webhook-deliveries. */
export interface DeliveryAttempt {
  webhook_id: string;
  invocation_id: string;
  trigger_id: number | null;
  ticket_id: number | null;
  endpoint: string;
  method: string;
  /** 1 for the first try, then 2, 3 … for retries of the same invocation. */
  attempt: number;
  /** Zendesk's attempt vocabulary plus `dropped` (lost on purpose by POST /_sim/zendesk/webhooks/drop). */
  status: DeliveryStatus;
  response_code: number | null;
  error: string | null;
  body: string;
  /** The headers sent, signature included. */
  headers: Record<string, string>;
  at: string;
}

export interface WebhookDeliveryOptions {
  /** Per-attempt timeout, default 10 000 ms like Zendesk. */
  timeoutMs?: number;
  /** Attempts per invocation including the first, default 4. */
  maxAttempts?: number;
  /** How to wait between attempts (default setTimeout); tests pass something instant. */
  sleep?: (ms: number) => Promise<void>;
}

export interface WebhookDelivery {
  enqueue(input: {
    webhook: WebhookRecord;
    body: string;
    triggerId: number | null;
    ticketId: number | null;
  }): void;
  attempts(): DeliveryAttempt[];
  drop(count: number): number;
  /** Resolves when every queued delivery (with its retries) has finished. */
  settled(): Promise<void>;
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret)
    .update(timestamp + body)
    .digest('base64');
}

const RETRY_AFTER_CAP_SECONDS = 60;

export function createWebhookDelivery(deps: {
  state: ZendeskState;
  options?: WebhookDeliveryOptions;
}): WebhookDelivery {
  const { state } = deps;
  const timeoutMs = deps.options?.timeoutMs ?? 10_000;
  const maxAttempts = deps.options?.maxAttempts ?? 4;
  const sleep = deps.options?.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const log: DeliveryAttempt[] = [];
  const pending = new Set<Promise<void>>();
  let dropping = 0;

  async function attemptOnce(
    webhook: WebhookRecord,
    invocationId: string,
    body: string,
    attempt: number,
    base: Omit<DeliveryAttempt, 'attempt' | 'status' | 'response_code' | 'error' | 'headers' | 'at'>,
  ) {
    const timestamp = iso(state.now());
    const withBody = webhook.httpMethod !== 'GET' && webhook.httpMethod !== 'DELETE';
    const signedBody = withBody ? body : '';
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Zendesk Webhook',
      ...webhook.customHeaders,
      'x-zendesk-account-id': '1',
      'x-zendesk-webhook-id': webhook.id,
      'x-zendesk-webhook-invocation-id': invocationId,
      'x-zendesk-webhook-signature-timestamp': timestamp,
      'x-zendesk-webhook-signature': signWebhook(webhook.signingSecret, timestamp, signedBody),
    };
    let url = webhook.endpoint;
    const auth = webhook.authentication;
    if (auth?.type === 'basic_auth') {
      headers.authorization = `Basic ${Buffer.from(`${auth.data.username}:${auth.data.password}`).toString('base64')}`;
    } else if (auth?.type === 'bearer_token') {
      headers.authorization = `Bearer ${auth.data.token}`;
    } else if (auth?.type === 'api_key') {
      if (auth.add_position === 'query_string') {
        const u = new URL(url);
        u.searchParams.set(auth.data.name, auth.data.value);
        url = u.toString();
      } else headers[auth.data.name.toLowerCase()] = auth.data.value;
    }
    const record: DeliveryAttempt = {
      ...base,
      attempt,
      status: 'failed',
      response_code: null,
      error: null,
      headers,
      at: timestamp,
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let retryAfter: number | null = null;
    try {
      const response = await fetch(url, {
        method: webhook.httpMethod,
        headers,
        body: withBody ? body : undefined,
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      record.response_code = response.status;
      record.status = response.ok ? 'success' : response.status < 500 ? 'client error' : 'server error';
      const header = response.headers.get('retry-after');
      if (header !== null && /^\d+$/.test(header.trim())) retryAfter = Number(header.trim());
    } catch (error) {
      record.status = controller.signal.aborted ? 'timeout' : 'failed';
      record.error =
        error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
    } finally {
      clearTimeout(timer);
    }
    log.push(record);
    return { record, retryAfter };
  }

  async function deliver(
    webhook: WebhookRecord,
    body: string,
    triggerId: number | null,
    ticketId: number | null,
  ) {
    const invocationId = `01HSIMINV${String(state.nextId('invocation')).padStart(17, '0')}`;
    const base = {
      webhook_id: webhook.id,
      invocation_id: invocationId,
      trigger_id: triggerId,
      ticket_id: ticketId,
      endpoint: webhook.endpoint,
      method: webhook.httpMethod,
      body,
    };
    if (dropping > 0) {
      dropping -= 1;
      log.push({
        ...base,
        attempt: 1,
        status: 'dropped',
        response_code: null,
        error: 'dropped by the simulator',
        headers: {},
        at: iso(state.now()),
      });
      return;
    }
    for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
      const { record, retryAfter } = await attemptOnce(webhook, invocationId, body, attempt, base);
      if (record.status === 'success' || attempt === maxAttempts) return;
      const code = record.response_code;
      let delaySeconds: number;
      if (record.status === 'timeout' || code === 409) delaySeconds = retryAfter ?? 2 ** (attempt - 1);
      else if (code === 429 || code === 503) {
        // Zendesk only waits for a Retry-After it can honour.
        if (retryAfter !== null && retryAfter > RETRY_AFTER_CAP_SECONDS) return;
        delaySeconds = retryAfter ?? 2 ** (attempt - 1);
      } else return;
      await sleep(delaySeconds * 1000);
    }
  }

  return {
    enqueue({ webhook, body, triggerId, ticketId }) {
      if (webhook.status !== 'active') return;
      // Start after the current API response is written: Zendesk delivers asynchronously.
      const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => deliver(webhook, body, triggerId, ticketId))
        .catch(() => undefined)
        .finally(() => pending.delete(job));
      pending.add(job);
    },
    attempts: () => log.map((a) => ({ ...a, headers: { ...a.headers } })),
    drop(count) {
      dropping += count;
      return dropping;
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
