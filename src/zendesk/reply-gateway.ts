import { z } from 'zod';
import type { AgentDirectory, ReplyGateway } from '../domain/drafting/ports.ts';
import { isMissing } from './ticket-gateway.ts';
import type { ZendeskApi } from './zendesk-client.ts';
import { zComment, zCursorMeta, zid, zTicket, zUser } from './zendesk-schemas.ts';

/** The audit metadata field carrying yorisoi's send id (Zendesk stores `ticket.metadata` as `metadata.custom`). */
export const SEND_KEY_FIELD = 'yorisoi_send_key';

const zAuditEvent = z.looseObject({ id: zid, type: z.string() });
const zAudit = z.object({
  id: zid,
  metadata: z
    .looseObject({ custom: z.record(z.string(), z.unknown()).nullable().optional() })
    .nullable()
    .optional(),
  events: z.array(zAuditEvent).default([]),
});
/** Cursor paging, 100 a page: Zendesk answers `meta.has_more` / `after_cursor` only when asked this way. */
const cursorPage = (cursor: string | undefined) =>
  cursor ? { 'page[size]': 100, 'page[after]': cursor } : { 'page[size]': 100 };
const commentIdOf = (audit: z.infer<typeof zAudit>) =>
  audit.events.find((e) => e.type === 'Comment')?.id ?? null;

/**
 * Replies to Zendesk: the ticket update with a comment (PUT /tickets/{id}), authored by the mapped agent,
 * carrying the send id in the audit metadata so that `findReplyByKey` can tell whether it landed.
 */
export function createZendeskReplyGateway(api: ZendeskApi): ReplyGateway {
  return {
    async postReply({ ticketZendeskId, body, public: isPublic, authorZendeskId, newStatus, key }) {
      const r = await api.call(
        'PUT',
        ['tickets', ticketZendeskId],
        z.object({ ticket: zTicket, audit: zAudit.nullable().optional() }),
        {
          ticket: {
            comment: { body, public: isPublic, author_id: Number(authorZendeskId) },
            ...(newStatus ? { status: newStatus } : {}),
            metadata: { [SEND_KEY_FIELD]: key },
          },
        },
      );
      return { auditId: r.audit?.id ?? null, commentId: r.audit ? commentIdOf(r.audit) : null };
    },

    async findReplyByKey(ticketZendeskId, key) {
      let cursor: string | undefined;
      // Every page: a ticket has at most 5000 comments, so at most ~100 pages of audits worth reading.
      for (let page = 0; page < 1000; page++) {
        const r = await api.call(
          'GET',
          // Without page[size] Zendesk answers with offset paging (no `meta`): only the first 100 audits.
          ['tickets', ticketZendeskId, 'audits', cursorPage(cursor)],
          zCursorMeta.extend({ audits: z.array(zAudit) }),
        );
        const hit = r.audits.find((a) => a.metadata?.custom?.[SEND_KEY_FIELD] === key);
        if (hit) return { auditId: hit.id, commentId: commentIdOf(hit) };
        const next = r.meta?.has_more ? r.meta.after_cursor : null;
        if (!next) return null;
        cursor = next;
      }
      return null;
    },

    async latestCustomerMessage(ticketZendeskId) {
      const { ticket } = await api.call('GET', ['tickets', ticketZendeskId], z.object({ ticket: zTicket }));
      let latest: { body: string; createdAt: Date } | null = null;
      let cursor: string | undefined;
      for (let page = 0; page < 50; page++) {
        const r = await api.call(
          'GET',
          ['tickets', ticketZendeskId, 'comments', cursorPage(cursor)],
          zCursorMeta.extend({ comments: z.array(zComment) }),
        );
        for (const c of r.comments) {
          if (c.public && c.author_id === ticket.requester_id)
            latest = { body: c.plain_body ?? c.body, createdAt: new Date(c.created_at) };
        }
        const next = r.meta?.has_more ? r.meta.after_cursor : null;
        if (!next) break;
        cursor = next;
      }
      return latest;
    },
  };
}

/** Zendesk's half of the agent directory: agents by e-mail or id, with their group memberships. */
export function createZendeskAgentLookup(
  api: ZendeskApi,
): Pick<AgentDirectory, 'zendeskAgentByEmail' | 'zendeskAgentById'> {
  const groupsOf = async (userId: string) => {
    const r = await api.call(
      'GET',
      ['users', userId, 'group_memberships'],
      z.object({ group_memberships: z.array(z.object({ group_id: zid })) }),
    );
    const ids = r.group_memberships.map((m) => m.group_id);
    const names = await Promise.all(
      ids.map((id) =>
        api
          .call('GET', ['groups', id], z.object({ group: z.object({ name: z.string() }) }))
          .then((g) => g.group.name)
          // A group that is gone has no name; a 429 or outage is not "no groups" and fails the lookup.
          .catch((error: unknown) => {
            if (isMissing(error)) return null;
            throw error;
          }),
      ),
    );
    return { groupIds: ids, groupNames: names.filter((n): n is string => n !== null) };
  };
  const asAgent = async (u: z.infer<typeof zUser>) =>
    u.active !== false && (u.role === 'agent' || u.role === 'admin')
      ? { id: u.id, name: u.name, ...(await groupsOf(u.id)) }
      : null;
  return {
    async zendeskAgentByEmail(email) {
      const r = await api.call(
        'GET',
        ['users', 'search', { query: `email:${email}` }],
        z.object({ users: z.array(zUser) }),
      );
      const user = r.users.find((u) => (u.email ?? '').toLowerCase() === email.toLowerCase());
      return user ? asAgent(user) : null;
    },
    async zendeskAgentById(id) {
      try {
        const r = await api.call('GET', ['users', id], z.object({ user: zUser }));
        return asAgent(r.user);
      } catch (error) {
        // Only "this user is gone" means not mapped; a 429, an outage or a timeout is a failed lookup.
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}
