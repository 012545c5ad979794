import { z } from 'zod';
import type { SplitGateway } from '../domain/split/ports.ts';
import { createZendeskReplyGateway } from './reply-gateway.ts';
import type { ZendeskApi } from './zendesk-client.ts';
import { zid } from './zendesk-schemas.ts';

/**
 * Split's Zendesk calls. The new ticket carries the split key as `external_id`, found again with
 * `GET /tickets?external_id=` (the list is not the search index, so a ticket is there as soon as it is
 * created); the create also sends the key as `Idempotency-Key` (Zendesk replays the same answer for 2 h).
 * Notes are ticket updates with `comment.public: false` and the key in the audit metadata, written and
 * looked up like drafting's replies (src/zendesk/reply-gateway.ts).
 */
export function createZendeskSplitGateway(api: ZendeskApi): SplitGateway {
  const replies = createZendeskReplyGateway(api);
  const zTicketRef = z.looseObject({ id: zid, external_id: z.string().nullish() });
  return {
    async createTicket(input) {
      const r = await api.call(
        'POST',
        ['tickets'],
        z.object({ ticket: zTicketRef }),
        {
          ticket: {
            subject: input.subject,
            requester_id: Number(input.requesterZendeskId),
            comment: { body: input.body, public: true, author_id: Number(input.requesterZendeskId) },
            external_id: input.key,
            ...(input.brandId ? { brand_id: Number(input.brandId) } : {}),
            ...(input.groupId ? { group_id: Number(input.groupId) } : {}),
            ...(input.tags.length ? { tags: input.tags } : {}),
          },
        },
        { headers: { 'Idempotency-Key': input.key } },
      );
      return { ticketZendeskId: r.ticket.id };
    },
    async findTicketByKey(key) {
      const r = await api.call(
        'GET',
        ['tickets', { external_id: key }],
        z.object({ tickets: z.array(zTicketRef) }),
      );
      return r.tickets.find((t) => t.external_id === key)?.id ?? null;
    },
    async addNote({ ticketZendeskId, body, key }) {
      await api.call('PUT', ['tickets', ticketZendeskId], z.object({ ticket: z.looseObject({ id: zid }) }), {
        ticket: { comment: { body, public: false }, metadata: { yorisoi_send_key: key } },
      });
    },
    async noteExists(ticketZendeskId, key) {
      return (await replies.findReplyByKey(ticketZendeskId, key)) !== null;
    },
  };
}
