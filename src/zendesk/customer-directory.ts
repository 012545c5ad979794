import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { CustomerDirectory, DirectoryTicket, DirectoryUser } from '../domain/care/ports.ts';
import { type ZendeskApi, ZendeskHttpError } from './zendesk-client.ts';
import { zCursorMeta, zIdentity, zid, zTicket, zUser } from './zendesk-schemas.ts';

/** A customer's history reaches back this far at most (100 tickets a page). */
const MAX_PAGES = 20;
/** How long an identities read waits for others to share its `users/show_many` call; Zendesk's id limit. */
const BATCH_WINDOW_MS = 20;
const SHOW_MANY_MAX = 100;

const toUser = (u: z.infer<typeof zUser>): DirectoryUser => ({
  zendeskUserId: u.id,
  name: u.name,
  email: u.email ?? null,
  active: u.active ?? true,
  externalId: u.external_id ?? null,
  organizationId: u.organization_id,
  userFields: u.user_fields ?? {},
});

/** A prefetched identities read older than this is read again when its ticket's sync asks. */
const PREFETCH_TTL_MS = 60_000;
const PREFETCH_MAX = 5_000;

/** Zendesk users, identities and requested tickets, for care charts and prior history. */
export function createZendeskCustomerDirectory(
  api: ZendeskApi,
): CustomerDirectory & { prefetchEmails(zendeskUserIds: string[]): void } {
  /** Walks a cursor-paged list; `page[size]` is given explicitly because node-zendesk only adds it on some paths. */
  async function all<T>(
    path: Array<string | number>,
    key: string,
    item: z.ZodType<T>,
    priority: 'ticket' | 'background' = 'ticket',
  ): Promise<T[]> {
    const out: T[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: Record<string, unknown> = {
        'page[size]': 100,
        ...(after ? { 'page[after]': after } : {}),
      };
      const r = (await api.call(
        'GET',
        [...path, query],
        zCursorMeta.extend({ [key]: z.array(item) }),
        undefined,
        { priority },
      )) as z.infer<typeof zCursorMeta> & Record<string, unknown>;
      out.push(...(r[key] as T[]));
      const next = r.meta?.has_more ? r.meta.after_cursor : null;
      if (!next) break;
      after = next;
    }
    return out;
  }

  // Identities are read in batches: the requesters of a burst share one `users/show_many` call with their
  // identities side-loaded (one loader per priority, so a background read never holds up a ticket's).
  const identityLoader = (priority: 'ticket' | 'background') =>
    new DataLoader<string, string[]>(
      async (ids) => {
        const r = await api.call(
          'GET',
          ['users', 'show_many', { ids: ids.join(','), include: 'identities' }],
          z.object({ users: z.array(z.object({ id: zid })), identities: z.array(zIdentity).default([]) }),
          undefined,
          { priority },
        );
        const found = new Set(r.users.map((u) => u.id));
        return ids.map((id) =>
          found.has(id)
            ? r.identities.filter((i) => i.user_id === id && i.type === 'email').map((i) => i.value)
            : new ZendeskHttpError(404, null, { error: 'RecordNotFound' }, `GET /users/${id}`),
        );
      },
      {
        cache: false,
        maxBatchSize: SHOW_MANY_MAX,
        batchScheduleFn: (run) => setTimeout(run, BATCH_WINDOW_MS),
      },
    );
  const identities = { ticket: identityLoader('ticket'), background: identityLoader('background') };
  // The requesters of a batch of tickets just read: their identities are read together, in one call, while
  // their syncs go on (each sync asks for them a moment later, one by one).
  const prefetched = new Map<string, { at: number; read: Promise<string[]> }>();

  // The ticket path's answers, kept 5 minutes: a customer who writes ten times in a burst is read once.
  // People's screens (/karte, history) always read afresh (and refresh this).
  const recent = new LRUCache<string, DirectoryTicket[]>({ max: 5_000, ttl: 5 * 60_000 });

  const searchUsers = async (query: Record<string, string>) => {
    const r = await api.call('GET', ['users', 'search', query], z.object({ users: z.array(zUser) }));
    return r.users.map(toUser);
  };

  return {
    async user(zendeskUserId) {
      try {
        const r = await api.call('GET', ['users', zendeskUserId], z.object({ user: zUser }));
        return toUser(r.user);
      } catch (error) {
        if (error instanceof ZendeskHttpError && error.status === 404) return null;
        throw error;
      }
    },
    async userByEmail(email) {
      const users = await searchUsers({ query: `email:${email}` });
      return users[0] ?? null;
    },
    usersByExternalId: (externalId) => searchUsers({ external_id: externalId }),
    async emails(zendeskUserId, options = {}) {
      // Not cached: a merge in Zendesk shows first as a new identity of the surviving user.
      // Used once: a merge in Zendesk shows first as a new identity of the surviving user, so the next
      // ticket of the same customer reads afresh.
      const early = prefetched.get(zendeskUserId);
      prefetched.delete(zendeskUserId);
      if (options.deferrable && early && Date.now() - early.at < PREFETCH_TTL_MS) return early.read;
      return identities[options.deferrable ? 'background' : 'ticket'].load(zendeskUserId);
    },
    async requestedTickets(zendeskUserId, options = {}): Promise<DirectoryTicket[]> {
      const cached = recent.get(`requested:${zendeskUserId}`);
      if (options.deferrable && cached) return cached;
      const priority = options.deferrable ? 'background' : 'ticket';
      const tickets = await all(
        ['users', zendeskUserId, 'tickets', 'requested'],
        'tickets',
        zTicket,
        priority,
      );
      const out = tickets.map((t) => ({
        zendeskId: t.id,
        subject: t.subject ?? t.raw_subject ?? '(no subject)',
        status: t.status,
        createdAt: new Date(t.created_at),
        updatedAt: new Date(t.updated_at),
        assigneeZendeskId: t.assignee_id,
      }));
      recent.set(`requested:${zendeskUserId}`, out);
      return out;
    },
    prefetchEmails(zendeskUserIds) {
      for (const id of new Set(zendeskUserIds)) {
        const read = identities.background.load(id);
        read.catch(() => undefined);
        prefetched.set(id, { at: Date.now(), read });
        if (prefetched.size > PREFETCH_MAX) prefetched.delete(prefetched.keys().next().value!);
      }
    },
    async names(ids) {
      const out = new Map<string, string>();
      for (let i = 0; i < ids.length; i += 100) {
        const r = await api.call(
          'GET',
          ['users', 'show_many', { ids: ids.slice(i, i + 100).join(',') }],
          z.object({ users: z.array(z.object({ id: zid, name: z.string() })) }),
        );
        for (const u of r.users) out.set(u.id, u.name);
      }
      return out;
    },
  };
}
