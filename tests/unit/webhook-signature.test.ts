import { describe, expect, it } from 'vitest';
import { signZendeskWebhook, verifyZendeskWebhook } from '../../src/zendesk/webhook-signature.ts';

const secret = 'dGhpc19zZWNyZXQ';
const body = Buffer.from('{"ticket_id":"42"}');
const now = new Date('2026-11-23T08:00:00Z');
const ts = '2026-11-23T07:59:30Z';

describe('Zendesk webhook signature', () => {
  it('accepts base64 HMAC-SHA256 over timestamp + body', () => {
    const signature = signZendeskWebhook(secret, ts, body);
    expect(verifyZendeskWebhook({ secret, signature, timestamp: ts, rawBody: body, now })).toEqual({
      ok: true,
    });
  });
  it('rejects a forged signature, a changed body, a missing header and a stale timestamp', () => {
    const signature = signZendeskWebhook(secret, ts, body);
    expect(verifyZendeskWebhook({ secret: 'other', signature, timestamp: ts, rawBody: body, now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(
      verifyZendeskWebhook({
        secret,
        signature,
        timestamp: ts,
        rawBody: Buffer.from('{"ticket_id":"43"}'),
        now,
      }),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyZendeskWebhook({ secret, signature: undefined, timestamp: ts, rawBody: body, now })).toEqual(
      { ok: false, reason: 'missing' },
    );
    const old = '2026-11-23T07:50:00Z';
    expect(
      verifyZendeskWebhook({
        secret,
        signature: signZendeskWebhook(secret, old, body),
        timestamp: old,
        rawBody: body,
        now,
      }),
    ).toEqual({ ok: false, reason: 'stale' });
  });
});
