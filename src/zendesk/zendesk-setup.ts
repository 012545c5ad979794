import { z } from 'zod';
import { listAll } from './list-all.ts';
import { WEBHOOK_PATH } from './webhook-endpoint.ts';
import type { ZendeskApi } from './zendesk-client.ts';

export const WEBHOOK_NAME = 'yorisoi';
export const TRIGGER_TITLE = 'yorisoi: notify Slack of ticket changes';

/** The webhook body yorisoi's endpoint expects; placeholders are filled by Zendesk. */
export const TRIGGER_BODY = JSON.stringify({
  ticket_id: '{{ticket.id}}',
  event: 'ticket.changed',
  updated_at: '{{ticket.updated_at_with_timestamp}}',
});

const zWebhook = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string(),
  endpoint: z.string(),
});

/**
 * What an admin would otherwise click together in Admin Center: a signed webhook pointing at yorisoi and a
 * trigger firing it on every ticket create and update. Idempotent: an existing yorisoi webhook or trigger
 * is reused. Returns the signing secret to put into ZENDESK_WEBHOOK_SECRET.
 */
export async function setupZendesk(api: ZendeskApi, publicUrl: string) {
  const endpoint = `${publicUrl.replace(/\/$/, '')}${WEBHOOK_PATH}`;
  // Every page: an account with more than 100 webhooks or triggers must not get a second yorisoi one.
  const webhooks = await listAll(api, ['webhooks'], 'webhooks', zWebhook, { dotJson: false });
  let webhook = webhooks.find((w) => w.name === WEBHOOK_NAME && w.endpoint === endpoint);
  const created = !webhook;
  if (!webhook) {
    const r = await api.call(
      'POST',
      ['webhooks'],
      z.object({ webhook: zWebhook }),
      {
        webhook: {
          name: WEBHOOK_NAME,
          endpoint,
          http_method: 'POST',
          request_format: 'json',
          status: 'active',
          subscriptions: ['conditional_ticket_events'],
        },
      },
      { dotJson: false },
    );
    webhook = r.webhook;
  }
  const secret = await api.call(
    'GET',
    ['webhooks', webhook.id, 'signing_secret'],
    z.object({ signing_secret: z.object({ secret: z.string() }) }),
    undefined,
    { dotJson: false },
  );
  const zTrigger = z.object({ id: z.union([z.string(), z.number()]).transform(String), title: z.string() });
  const triggers = await listAll(api, ['triggers'], 'triggers', zTrigger);
  let trigger = triggers.find((t) => t.title === TRIGGER_TITLE);
  if (!trigger) {
    const r = await api.call('POST', ['triggers'], z.object({ trigger: zTrigger }), {
      trigger: {
        title: TRIGGER_TITLE,
        active: true,
        conditions: {
          all: [],
          any: [
            { field: 'update_type', operator: 'is', value: 'Create' },
            { field: 'update_type', operator: 'is', value: 'Change' },
          ],
        },
        actions: [{ field: 'notification_webhook', value: [webhook.id, TRIGGER_BODY] }],
      },
    });
    trigger = r.trigger;
  }
  return {
    webhookId: webhook.id,
    webhookCreated: created,
    triggerId: trigger.id,
    endpoint,
    signingSecret: secret.signing_secret.secret,
  };
}
