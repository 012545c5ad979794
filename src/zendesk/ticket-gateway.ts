import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { ServiceUserIdSource } from '../domain/care/ports.ts';
import type { TicketSource } from '../domain/tickets/ports.ts';
import type { TicketCommentSnapshot, TicketSnapshot } from '../domain/tickets/ticket.ts';
import { type ZendeskApi, ZendeskHttpError } from './zendesk-client.ts';
import {
  zComment,
  zCursorMeta,
  zIncrementalTickets,
  zNamed,
  zOrganization,
  zTicket,
  zUser,
} from './zendesk-schemas.ts';

/** Zendesk answered that the record is not there (or not ours to see): no point asking again. */
export const isMissing = (error: unknown) =>
  error instanceof ZendeskHttpError && (error.status === 404 || error.status === 403);

/** Reads tickets, their comments and the people on them from Zendesk, as yorisoi's domain types. */
export function createZendeskTicketGateway(
  api: ZendeskApi,
  options: { serviceUserId?: ServiceUserIdSource } = {},
) {
  // Groups, brands and organisations change rarely and appear on many tickets: cached (lru-cache) for
  // 30 minutes so a rename shows up, at most 2,000 names; concurrent reads share one request; a failed
  // read is not cached.
  const names = new LRUCache<string, string, { kind: 'groups' | 'brands' | 'organizations'; id: string }>({
    max: 2_000,
    ttl: 30 * 60_000,
    fetchMethod: async (_key, _stale, { context: { kind, id } }) => {
      const one = kind.replace(/s$/, '');
      const schema = z.object({ [one]: kind === 'organizations' ? zOrganization : zNamed });
      const r = await api.call('GET', [kind, id], schema);
      return (r[one] as { name: string }).name;
    },
  });
  // Only a record Zendesk does not have (404) has no name. A 429, 5xx or timeout fails the sync, which is
  // retried: a null name would route the ticket to the default inbox for good.
  const cachedName = async (kind: 'groups' | 'brands' | 'organizations', id: string | null) => {
    if (id === null) return null;
    try {
      return (await names.fetch(`${kind}:${id}`, { context: { kind, id } })) ?? null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  };

  async function getUser(id: string) {
    const r = await api.call('GET', ['users', id], z.object({ user: zUser }));
    return r.user;
  }

  async function listComments(ticketId: string): Promise<TicketCommentSnapshot[]> {
    const out: TicketCommentSnapshot[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await api.call(
        'GET',
        // node-zendesk adds cursor paging only on some paths; without page[size] this list stops at 100.
        [
          'tickets',
          ticketId,
          'comments',
          cursor ? { 'page[size]': 100, 'page[after]': cursor } : { 'page[size]': 100 },
        ],
        zCursorMeta.extend({ comments: z.array(zComment) }),
      );
      for (const c of page.comments) {
        out.push({
          zendeskCommentId: c.id,
          authorZendeskId: c.author_id,
          authorName: null,
          public: c.public,
          body: c.plain_body ?? c.body,
          createdAt: new Date(c.created_at),
        });
      }
      const next = page.meta?.has_more ? page.meta.after_cursor : null;
      if (!next) return out;
      cursor = next;
    }
  }

  const source: TicketSource = {
    async fetchTicketSnapshot(zendeskId): Promise<TicketSnapshot> {
      const { ticket } = await api.call('GET', ['tickets', zendeskId], z.object({ ticket: zTicket }));
      const [comments, requester, assignee, groupName, brandName] = await Promise.all([
        listComments(zendeskId),
        getUser(ticket.requester_id),
        ticket.assignee_id ? getUser(ticket.assignee_id).catch(() => null) : Promise.resolve(null),
        cachedName('groups', ticket.group_id),
        cachedName('brands', ticket.brand_id),
      ]);
      const organizationId = requester.organization_id ?? ticket.organization_id;
      return {
        zendeskId: ticket.id,
        subject: ticket.subject ?? ticket.raw_subject ?? '(no subject)',
        status: ticket.status,
        priority: ticket.priority ?? null,
        requester: {
          zendeskUserId: requester.id,
          name: requester.name,
          email: requester.email ?? null,
          organizationId,
          organizationName: await cachedName('organizations', organizationId),
          externalId: requester.external_id ?? null,
          serviceUserId: serviceUserIdOf(options.serviceUserId ?? { kind: 'external_id' }, requester, ticket),
        },
        assignee: assignee
          ? { zendeskUserId: assignee.id, name: assignee.name, email: assignee.email ?? null }
          : null,
        groupId: ticket.group_id,
        groupName,
        brandId: ticket.brand_id,
        brandName,
        formId: ticket.ticket_form_id,
        tags: ticket.tags,
        createdAt: new Date(ticket.created_at),
        updatedAt: new Date(ticket.updated_at),
        comments,
      };
    },
  };

  return {
    ...source,
    getUser,
    /** One page of the cursor-based incremental ticket export. */
    async incrementalTickets(position: { cursor: string } | { startTime: number }) {
      // Deleted tickets (spam) would only answer 404 when synced.
      const query =
        'cursor' in position
          ? { cursor: position.cursor, exclude_deleted: 'true' }
          : { start_time: position.startTime, exclude_deleted: 'true' };
      return api.call('GET', ['incremental', 'tickets', 'cursor', query], zIncrementalTickets);
    },
  };
}

/** The service's own user id, from where YORISOI_SERVICE_USER_ID_FIELD says it lives. */
export function serviceUserIdOf(
  source: ServiceUserIdSource,
  user: { external_id?: string | null; user_fields?: Record<string, unknown> | null },
  ticket?: { custom_fields?: Array<{ id: string; value: unknown }> },
): string | null {
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
  if (source.kind === 'external_id') return user.external_id ?? null;
  if (source.kind === 'user_field') return text(user.user_fields?.[source.key]);
  return text(ticket?.custom_fields?.find((f) => f.id === source.id)?.value);
}

export type ZendeskTicketGateway = ReturnType<typeof createZendeskTicketGateway>;
