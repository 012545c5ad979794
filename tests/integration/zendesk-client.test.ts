import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startSimulators } from '../../src/sim/index.ts';
import { createZendeskApi, ZendeskHttpError } from '../../src/zendesk/zendesk-client.ts';

let sims: Awaited<ReturnType<typeof startSimulators>>;
const control = async (path: string, body?: unknown) => {
  const r = await fetch(`${sims.simUrl}/_sim/zendesk${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.status).toBeLessThan(300);
  return r.json() as Promise<unknown>;
};

beforeAll(async () => {
  sims = await startSimulators({ appUrl: 'http://127.0.0.1:9' });
});
afterAll(async () => {
  await sims.sim.close();
});

const zTicketOnly = z.object({ ticket: z.object({ id: z.number(), subject: z.string() }) });

describe('Zendesk client', () => {
  it('gives up on a Zendesk that never answers, with a clear timeout error', async () => {
    const api = createZendeskApi({ ...sims.zendeskApi, timeoutSeconds: 0.2 });
    await control('/faults', { method: 'GET', path_prefix: '/api/v2/users', status: 'hang' });
    const failure = await api.call('GET', ['users', 1], z.unknown()).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ZendeskHttpError);
    const error = failure as ZendeskHttpError;
    expect(error.message).toContain('(GET /users/1: no answer within 0.2 s — ZENDESK_TIMEOUT_SECONDS)');
    expect(error.retryable).toBe(true);
    // The fault was used up: the same client works again.
    await expect(api.call('GET', ['users', 'me'], z.object({ user: z.unknown() }))).resolves.toBeTruthy();
  });

  it('sends each call its own headers from one client (Idempotency-Key)', async () => {
    const api = createZendeskApi(sims.zendeskApi);
    const body = {
      ticket: { subject: 'Refund', comment: { body: 'x' }, requester: { name: 'R', email: 'r@c.example' } },
    };
    const create = (key: string) =>
      api.call('POST', ['tickets'], zTicketOnly, body, { headers: { 'Idempotency-Key': key } });
    const a = await create('k-1');
    const again = await create('k-1');
    const b = await create('k-2');
    expect(again.ticket.id).toBe(a.ticket.id);
    expect(b.ticket.id).not.toBe(a.ticket.id);
  });

  it('reads 429 with Retry-After and asks for cursor pages on list endpoints as node-zendesk did', async () => {
    const api = createZendeskApi(sims.zendeskApi);
    for (const title of ['A', 'B']) {
      await api.call('POST', ['macros'], z.unknown(), {
        macro: { title, actions: [{ field: 'comment_value', value: title }] },
      });
    }
    await control('/faults', { path_prefix: '/api/v2/macros', status: 429, retry_after: 7 });
    const limited = await api.call('GET', ['macros'], z.unknown()).then(
      () => null,
      (error: unknown) => error as ZendeskHttpError,
    );
    expect(limited).toMatchObject({ status: 429, retryAfterSeconds: 7, code: 'zendesk_rate_limited' });
    const page = await api.call(
      'GET',
      ['macros', { active: 'true' }],
      z.object({ macros: z.array(z.unknown()), meta: z.object({ has_more: z.boolean() }) }),
    );
    expect(page.macros).toHaveLength(2);
  });
});
