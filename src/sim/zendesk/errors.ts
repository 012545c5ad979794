import type { ServerResponse } from 'node:http';
import { sendJson } from '../http-util.ts';

/** One error type that renders itself the way Zendesk answers (status, JSON body, extra headers). */
export class ZendeskApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`Zendesk simulator ${status}: ${JSON.stringify(body)}`);
  }

  send(res: ServerResponse) {
    sendJson(res, this.status, this.body, this.headers);
  }
}

export const notFound = () => new ZendeskApiError(404, { error: 'RecordNotFound', description: 'Not found' });

export const unauthorized = () => new ZendeskApiError(401, { error: "Couldn't authenticate you" });

export const forbidden = () =>
  new ZendeskApiError(403, { error: 'Forbidden', description: 'You do not have access to this page.' });

/** 422 RecordInvalid with Zendesk's per-field details. */
export function recordInvalid(field: string, description: string, error = 'InvalidValue') {
  return new ZendeskApiError(422, {
    error: 'RecordInvalid',
    description: 'Record validation errors',
    details: { [field]: [{ description, error }] },
  });
}

export function badRequest(error: string, description: string) {
  return new ZendeskApiError(400, { error, description });
}

export function tooManyRequests(
  retryAfterSeconds: number,
  description: string,
  error = 'APIRateLimitExceeded',
) {
  return new ZendeskApiError(
    429,
    { error, description },
    { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  );
}

/** Errors of the control API (/_sim/zendesk/...): plain codes, not Zendesk's shapes. */
export class SimControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly issues?: unknown,
  ) {
    super(code);
  }
}
