import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { CustomerDirectory, DirectoryTicket, DirectoryUser } from '../domain/care/ports.ts';
import { type ZendeskApi, ZendeskHttpError } from './zendesk-client.ts';
import { zCursorMeta, zIdentity, zid, zTicket, zUser } from './zendesk-schemas.ts';

/** A customer's history reaches back this far at most (100 tickets a page). */
const MAX_PAGES = 20;

const toUser = (u: z.infer<typeof zUser>): DirectoryUser => ({
  zendeskUserId: u.id,
  name: u.name,
  email: u.email ?? null,
  active: u.active ?? true,
  externalId: u.external_id ?? null,
  organizationId: u.organization_id,
  userFields: u.user_fields ?? {},
});

/** Zendesk users, identities and requested tickets, for care charts and prior history. */
export function createZendeskCustomerDirectory(api: ZendeskApi): CustomerDirectory {
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
      const priority = options.deferrable ? 'background' : 'ticket';
      const identities = await all(['users', zendeskUserId, 'identities'], 'identities', zIdentity, priority);
      return identities.filter((i) => i.type === 'email').map((i) => i.value);
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
