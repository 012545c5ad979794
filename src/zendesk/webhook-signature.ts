import { createHmac, timingSafeEqual } from 'node:crypto';

/** Zendesk signs base64(HMAC-SHA256(secret, timestamp + rawBody)); a stale timestamp is a replay. */
export const WEBHOOK_MAX_SKEW_MS = 5 * 60 * 1000;

export function signZendeskWebhook(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(timestamp).update(rawBody).digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'mismatch' | 'stale' };

export function verifyZendeskWebhook(input: {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
  now: Date;
}): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return { ok: false, reason: 'missing' };
  const expected = Buffer.from(signZendeskWebhook(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'mismatch' };
  const at = Date.parse(timestamp);
  if (!Number.isFinite(at) || Math.abs(input.now.getTime() - at) > WEBHOOK_MAX_SKEW_MS)
    return { ok: false, reason: 'stale' };
  return { ok: true };
}
