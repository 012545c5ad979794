import { z } from 'zod';
import type { EnrichmentZendesk } from '../domain/enrichment/ports.ts';
import { createZendeskReplyGateway, SEND_KEY_FIELD } from './reply-gateway.ts';
import type { ZendeskApi } from './zendesk-client.ts';
import { zTicket } from './zendesk-schemas.ts';

const text = (v: unknown): string | null =>
  v === null || v === undefined || v === '' ? null : Array.isArray(v) ? v.map(String).join(',') : String(v);

/**
 * What enrichment needs from Zendesk: a ticket's custom fields, tags added by rules (`additional_tags`, so
 * an agent's concurrent tag change is not overwritten), and the facts as one internal note carrying its key
 * in the audit metadata, so that a note in doubt is found before it is written again.
 */
export function createZendeskEnrichmentGateway(api: ZendeskApi): EnrichmentZendesk {
  const replies = createZendeskReplyGateway(api);
  return {
    async customFields(zendeskId) {
      const r = await api.call('GET', ['tickets', zendeskId], z.object({ ticket: zTicket }));
      const out: Record<string, string> = {};
      for (const f of r.ticket.custom_fields ?? []) {
        const v = text(f.value);
        if (v !== null) out[f.id] = v;
      }
      return out;
    },
    async addTags(zendeskId, tags) {
      await api.call('PUT', ['tickets', zendeskId], z.object({ ticket: zTicket }), {
        ticket: { additional_tags: tags },
      });
    },
    async findNote(zendeskId, key) {
      const hit = await replies.findReplyByKey(zendeskId, key);
      return hit ? (hit.commentId ?? hit.auditId ?? 'unknown') : null;
    },
    async postNote(zendeskId, body, key) {
      const r = await api.call(
        'PUT',
        ['tickets', zendeskId],
        z.object({
          ticket: zTicket,
          audit: z
            .object({
              id: z.union([z.string(), z.number()]).transform(String),
              events: z
                .array(
                  z.looseObject({
                    id: z.union([z.string(), z.number()]).transform(String),
                    type: z.string(),
                  }),
                )
                .default([]),
            })
            .nullable()
            .optional(),
        }),
        { ticket: { comment: { body, public: false }, metadata: { [SEND_KEY_FIELD]: key } } },
      );
      return r.audit?.events.find((e) => e.type === 'Comment')?.id ?? r.audit?.id ?? null;
    },
  };
}
