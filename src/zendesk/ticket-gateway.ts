import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { ServiceUserIdSource } from '../domain/care/ports.ts';
import type { TicketSource } from '../domain/tickets/ports.ts';
import type { TicketCommentSnapshot, TicketSnapshot } from '../domain/tickets/ticket.ts';
import { type ZendeskApi, ZendeskHttpError } from './zendesk-client.ts';
import {
  type ZTicket,
  type ZUser,
  zComment,
  zCursorMeta,
  zIncrementalTickets,
  zid,
  zNamed,
  zOrganization,
  zTicket,
  zUser,
} from './zendesk-schemas.ts';

/** How long a ticket read waits for others to share its `show_many` call. */
const BATCH_WINDOW_MS = 20;
/** A prefetched ticket older than this is read again when its sync comes. */
const PREFETCH_TTL_MS = 60_000;
const PREFETCH_MAX = 5_000;
/** Zendesk's limit of ids per `tickets/show_many`. */
const SHOW_MANY_MAX = 100;

/** An event of a ticket audit; only `Comment` events are read (a comment's id is its event's id). */
const zAuditEvent = z.object({
  id: zid.optional(),
  type: z.string(),
  author_id: zid.optional(),
  body: z.string().optional(),
  plain_body: z.string().optional(),
  public: z.boolean().optional(),
});
const zAudit = z.object({ ticket_id: zid, created_at: z.string(), events: z.array(zAuditEvent) });

const zTicketsWithSideloads = z.object({
  tickets: z.array(zTicket.extend({ comment_count: z.number().int().optional() })),
  audits: z.array(zAudit).default([]),
  users: z.array(zUser).default([]),
  groups: z.array(zNamed).default([]),
  organizations: z.array(zOrganization).default([]),
  brands: z.array(zNamed).default([]),
});

interface TicketWithPeople {
  ticket: ZTicket;
  people: Map<string, ZUser>;
  /** Every comment of the ticket when the read alone tells them (one comment, in the last audit). */
  comments: TicketCommentSnapshot[] | null;
}

/**
 * A ticket with one comment whose last audit holds that comment (a new ticket, before anyone answered):
 * the side-loads already say everything, and the comments read is saved. Otherwise null.
 */
function commentsFromLastAudit(
  commentCount: number | undefined,
  audit: z.infer<typeof zAudit> | undefined,
): TicketCommentSnapshot[] | null {
  if (commentCount !== 1 || !audit) return null;
  const comments = audit.events.filter((e) => e.type === 'Comment');
  const c = comments[0];
  if (comments.length !== 1 || !c?.id || c.author_id === undefined || c.public === undefined) return null;
  return [
    {
      zendeskCommentId: c.id,
      authorZendeskId: c.author_id,
      authorName: null,
      public: c.public,
      body: c.plain_body ?? c.body ?? '',
      createdAt: new Date(audit.created_at),
    },
  ];
}

/** Zendesk answered that the record is not there (or not ours to see): no point asking again. */
export const isMissing = (error: unknown) =>
  error instanceof ZendeskHttpError && (error.status === 404 || error.status === 403);

/** Reads tickets, their comments and the people on them from Zendesk, as yorisoi's domain types. */
export function createZendeskTicketGateway(
  api: ZendeskApi,
  options: {
    serviceUserId?: ServiceUserIdSource;
    /** Called with the requesters of each batch of new tickets read (their identities can be read together). */
    onRequesters?: (zendeskUserIds: string[]) => void;
  } = {},
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

  // People seen on tickets (side-loaded) or read one by one: 5 minutes, so a rename or a new e-mail shows.
  const users = new LRUCache<string, ZUser>({ max: 5_000, ttl: 5 * 60_000 });
  async function getUser(id: string) {
    const cached = users.get(id);
    if (cached) return cached;
    const r = await api.call('GET', ['users', id], z.object({ user: zUser }));
    users.set(id, r.user);
    return r.user;
  }

  // Tickets are read in batches: every sync asking within BATCH_WINDOW_MS shares one `tickets/show_many`
  // call (at most 100 ids) with the people, groups, organisations and brands side-loaded — during a burst
  // that is a fraction of a call per ticket instead of five (dataloader collects the ids). The comment count
  // and each ticket's last audit come along too: a new ticket's only comment is in its creating audit, so
  // its comments need no read of their own.
  const prefetched = new Map<string, { at: number; read: Promise<TicketWithPeople> }>();
  const tickets = new DataLoader<string, TicketWithPeople>(
    async (ids) => {
      const page = await api.call(
        'GET',
        [
          'tickets',
          'show_many',
          { ids: ids.join(','), include: 'users,groups,organizations,brands,comment_count,last_audits' },
        ],
        zTicketsWithSideloads,
      );
      const people = new Map(page.users.map((u) => [u.id, u]));
      for (const u of page.users) users.set(u.id, u);
      for (const g of page.groups) names.set(`groups:${g.id}`, g.name);
      for (const b of page.brands) names.set(`brands:${b.id}`, b.name);
      for (const o of page.organizations) names.set(`organizations:${o.id}`, o.name);
      const byId = new Map(page.tickets.map((t) => [t.id, t]));
      // New tickets (one comment so far) are the ones whose requesters the sync reconciles.
      const newcomers = page.tickets.filter((t) => t.comment_count === 1).map((t) => t.requester_id);
      if (newcomers.length > 0) options.onRequesters?.(newcomers);
      const lastAudit = new Map(page.audits.map((a) => [a.ticket_id, a]));
      return ids.map((id) => {
        const ticket = byId.get(id);
        // show_many leaves out a ticket Zendesk does not have (deleted, or never there): the same as a 404.
        if (!ticket)
          return new ZendeskHttpError(404, null, { error: 'RecordNotFound' }, `GET /tickets/${id}`);
        return { ticket, people, comments: commentsFromLastAudit(ticket.comment_count, lastAudit.get(id)) };
      });
    },
    { cache: false, maxBatchSize: SHOW_MANY_MAX, batchScheduleFn: (run) => setTimeout(run, BATCH_WINDOW_MS) },
  );

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
      const early = prefetched.get(zendeskId);
      prefetched.delete(zendeskId);
      const {
        ticket,
        people,
        comments: known,
      } = early && Date.now() - early.at < PREFETCH_TTL_MS ? await early.read : await tickets.load(zendeskId);
      const person = (id: string) => people.get(id) ?? getUser(id);
      const [comments, requester, assignee, groupName, brandName] = await Promise.all([
        known ?? listComments(zendeskId),
        person(ticket.requester_id),
        ticket.assignee_id
          ? Promise.resolve(person(ticket.assignee_id)).catch(() => null)
          : Promise.resolve(null),
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
    /**
     * Starts reading a ticket that will be synced soon (a queued webhook): the reads of a burst then share
     * `show_many` calls. A later prefetch of the same ticket reads afresh (it changed again).
     */
    prefetch(zendeskId: string) {
      const read = tickets.load(zendeskId);
      read.catch(() => undefined);
      prefetched.set(zendeskId, { at: Date.now(), read });
      if (prefetched.size > PREFETCH_MAX) prefetched.delete(prefetched.keys().next().value!);
    },
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
