import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { WebhookIntake } from '../domain/intake/webhook-intake.ts';
import type { Logger } from '../logger.ts';
import { verifyZendeskWebhook } from './webhook-signature.ts';
import { parseZendeskJson } from './zendesk-json.ts';

export const WEBHOOK_PATH = '/zendesk/webhook';
const MAX_BODY_BYTES = 1024 * 1024;

/** The body our trigger sends (see `yorisoi zendesk setup`); ids may arrive as strings from placeholders. */
const webhookBody = z.object({
  ticket_id: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String),
  event: z.string().optional(),
});

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * POST /zendesk/webhook. Verifies the signature before anything is stored (forged, unsigned or stale → 401,
 * nothing stored), stores the delivery once per invocation id, answers 200 at once and syncs the ticket after.
 */
export function createWebhookHandler(deps: {
  secret: string;
  intake: WebhookIntake;
  logger: Logger;
  now?: () => Date;
  onProcessed?: (p: Promise<void>) => void;
}) {
  const now = deps.now ?? (() => new Date());
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return reply(res, 405, { error: 'method_not_allowed' });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return reply(res, 413, { error: 'body_too_large' });
      chunks.push(chunk as Buffer);
    }
    const rawBody = Buffer.concat(chunks);
    const signature = req.headers['x-zendesk-webhook-signature'] as string | undefined;
    const timestamp = req.headers['x-zendesk-webhook-signature-timestamp'] as string | undefined;
    const check = verifyZendeskWebhook({ secret: deps.secret, signature, timestamp, rawBody, now: now() });
    if (!check.ok) {
      deps.logger.warn('zendesk webhook rejected', { reason: check.reason });
      return reply(res, 401, { error: `signature_${check.reason}` });
    }
    let parsed: z.infer<typeof webhookBody>;
    try {
      const result = webhookBody.safeParse(parseZendeskJson(rawBody.toString('utf8')));
      if (!result.success)
        return reply(res, 400, {
          error: 'invalid_body',
          issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        });
      parsed = result.data;
    } catch {
      return reply(res, 400, { error: 'invalid_json' });
    }
    const invocationId =
      (req.headers['x-zendesk-webhook-invocation-id'] as string | undefined) ??
      createHash('sha256').update(`${timestamp}\n`).update(rawBody).digest('hex');
    const { isNew, done } = await deps.intake.accept({
      invocationId,
      webhookId: (req.headers['x-zendesk-webhook-id'] as string | undefined) ?? null,
      ticketZendeskId: parsed.ticket_id,
      body: rawBody.toString('utf8'),
    });
    reply(res, 200, { ok: true, duplicate: !isNew });
    deps.onProcessed?.(done);
  };
}
