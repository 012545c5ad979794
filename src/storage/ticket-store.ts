import type { AgentDirectory, StoredTicket, TicketStore } from '../domain/tickets/ports.ts';
import {
  AUTO_ASSIGN_MODES,
  type CustomerIdentity,
  customerWaiting,
  FOLLOW_UP_NOTICES,
  type Inbox,
  type rootFields,
} from '../domain/tickets/ticket.ts';
import type { Db, Tx } from './database.ts';
import { enqueueEffects } from './outbox-store.ts';
import { countTicket } from './volume-store.ts';

export function toInbox(row: {
  id: string;
  name: string;
  channelId: string;
  brand: string | null;
  group: string | null;
  formId: string | null;
  tagsJson: string;
  position: number;
  isDefault: boolean;
  followUp?: string;
  leadSlackUserId?: string | null;
  firstResponseMinutes?: number | null;
  nextResponseMinutes?: number | null;
  autoAssign?: string | null;
}): Inbox {
  const {
    tagsJson,
    followUp,
    leadSlackUserId,
    firstResponseMinutes,
    nextResponseMinutes,
    autoAssign,
    ...rest
  } = row;
  return {
    ...rest,
    tags: JSON.parse(tagsJson) as string[],
    followUp: FOLLOW_UP_NOTICES.find((f) => f === followUp) ?? 'broadcast',
    lead: leadSlackUserId ?? null,
    targets: {
      firstResponseMinutes: firstResponseMinutes ?? null,
      nextResponseMinutes: nextResponseMinutes ?? null,
    },
    autoAssign: AUTO_ASSIGN_MODES.find((m) => m === autoAssign) ?? null,
  };
}

export async function upsertCustomerTx(tx: Tx | Db, identity: CustomerIdentity): Promise<string> {
  const data = {
    email: identity.email,
    name: identity.name,
    organizationId: identity.organizationId,
    organizationName: identity.organizationName,
    externalId: identity.externalId,
    ...(identity.serviceUserId !== undefined ? { serviceUserId: identity.serviceUserId } : {}),
  };
  const row = await tx.customer.upsert({
    where: { zendeskUserId: identity.zendeskUserId },
    create: { zendeskUserId: identity.zendeskUserId, ...data },
    update: data,
    select: { id: true },
  });
  return row.id;
}

export function createTicketStore(db: Db): TicketStore {
  return {
    async findByZendeskId(zendeskId): Promise<StoredTicket | null> {
      const row = await db.ticket.findUnique({
        where: { zendeskId },
        include: {
          comments: {
            select: { zendeskCommentId: true, authorZendeskId: true, public: true, zendeskCreatedAt: true },
          },
          requester: { select: { zendeskUserId: true } },
        },
      });
      if (!row) return null;
      // The stored copy's waiting state, from the stored comments (the root shows it).
      const waiting = customerWaiting({
        status: row.status,
        requester: { zendeskUserId: row.requester.zendeskUserId },
        comments: row.comments.map((c) => ({
          zendeskCommentId: c.zendeskCommentId,
          authorZendeskId: c.authorZendeskId,
          public: c.public,
          createdAt: c.zendeskCreatedAt,
        })),
      });
      return {
        id: row.id,
        zendeskId: row.zendeskId,
        inboxId: row.inboxId,
        channelId: row.channelId,
        rootTs: row.rootTs,
        rootFingerprint: JSON.stringify({
          subject: row.subject,
          status: row.status,
          priority: row.priority,
          assignee: row.assigneeZendeskId,
          group: row.groupId,
          tags: (JSON.parse(row.tagsJson) as string[]).sort().join(' '),
          waitingSince: waiting?.since.getTime() ?? null,
          unanswered: waiting?.count ?? 0,
        } satisfies ReturnType<typeof rootFields>),
        zendeskUpdatedAt: row.zendeskUpdatedAt,
        syncedAt: row.updatedAt,
        knownCommentIds: new Set(row.comments.map((c) => c.zendeskCommentId)),
        requesterZendeskUserId: row.requester.zendeskUserId,
      };
    },

    async commit(change) {
      const { snapshot: s } = change;
      await db.$transaction(async (tx) => {
        const requesterId = await upsertCustomerTx(tx, s.requester);
        const fields = {
          subject: s.subject,
          status: s.status,
          priority: s.priority,
          requesterId,
          assigneeZendeskId: s.assignee?.zendeskUserId ?? null,
          assigneeName: s.assignee?.name ?? null,
          groupId: s.groupId,
          brandId: s.brandId,
          formId: s.formId,
          tagsJson: JSON.stringify(s.tags),
          zendeskCreatedAt: s.createdAt,
          zendeskUpdatedAt: s.updatedAt,
        };
        if (change.isNew) {
          await tx.ticket.create({
            data: {
              id: change.ticketId,
              zendeskId: s.zendeskId,
              inboxId: change.inbox?.id ?? null,
              channelId: change.inbox?.channelId ?? null,
              ...fields,
              unassignedSince: s.assignee ? null : s.createdAt,
            },
          });
        } else {
          const current = await tx.ticket.findUniqueOrThrow({ where: { id: change.ticketId } });
          // An older snapshot (a slow webhook overtaken by the poller) must not roll the ticket back.
          if (current.zendeskUpdatedAt.getTime() <= s.updatedAt.getTime()) {
            await tx.ticket.update({
              where: { id: change.ticketId },
              data: {
                ...fields,
                // Kept while nobody holds it; a sync that sees the assignee dropped starts it at that update.
                unassignedSince: s.assignee
                  ? null
                  : (current.unassignedSince ??
                    (current.assigneeZendeskId ? s.updatedAt : current.zendeskCreatedAt)),
                inboxId: current.inboxId ?? change.inbox?.id ?? null,
                channelId: current.channelId ?? change.inbox?.channelId ?? null,
              },
            });
          }
        }
        // Comments not to store or mirror now: ours on their way (see below) and ones already known.
        const skip = new Set<string>();
        if (change.newComments.length > 0) {
          // A reply of ours may be on its way to Zendesk (PUT sent, answer not yet recorded): the webhook
          // its own comment triggers can arrive first. Its author's new comments wait for the next sync,
          // which the sender runs once the reply is recorded (as known: never mirrored a second time).
          // Read before the known comments, so a reply recorded in between is seen as known instead.
          const onTheirWay = await tx.replySend.findMany({
            where: {
              ticketZendeskId: s.zendeskId,
              OR: [{ status: 'sending' }, { status: 'scheduled', attempts: { gt: 0 } }],
            },
            select: { authorZendeskId: true },
          });
          const authors = new Set(onTheirWay.map((r) => r.authorZendeskId));
          for (const c of change.newComments)
            if (authors.has(c.authorZendeskId) && c.authorZendeskId !== s.requester.zendeskUserId)
              skip.add(c.zendeskCommentId);
          // Read the known ids once and insert the rest in one statement (a long ticket has hundreds).
          const known = await tx.ticketComment.findMany({
            where: { zendeskCommentId: { in: change.newComments.map((c) => c.zendeskCommentId) } },
            select: { zendeskCommentId: true },
          });
          for (const k of known) skip.add(k.zendeskCommentId);
          const seen = new Set(skip);
          const fresh = change.newComments.filter((c) => {
            if (seen.has(c.zendeskCommentId)) return false;
            seen.add(c.zendeskCommentId);
            return true;
          });
          if (fresh.length > 0) {
            await tx.ticketComment.createMany({
              data: fresh.map((c) => ({
                ticketId: change.ticketId,
                zendeskCommentId: c.zendeskCommentId,
                authorZendeskId: c.authorZendeskId,
                public: c.public,
                body: c.body,
                zendeskCreatedAt: c.createdAt,
                mirrored: c.mirrored,
              })),
            });
          }
        }
        await enqueueEffects(
          tx,
          change.effects.filter((e) => {
            const comment = /^comment:([^:]+)(?::\d+)?$/.exec(e.key)?.[1];
            return !comment || !skip.has(comment);
          }),
        );
        for (const v of change.voicePosts ?? []) {
          await tx.voicePost.upsert({
            where: {
              subscriptionId_zendeskCommentId: {
                subscriptionId: v.subscriptionId,
                zendeskCommentId: v.zendeskCommentId,
              },
            },
            create: {
              subscriptionId: v.subscriptionId,
              channelId: v.channelId,
              ticketZendeskId: v.ticketZendeskId,
              zendeskCommentId: v.zendeskCommentId,
              subject: v.subject,
              tagsJson: JSON.stringify(v.tags),
              outboxKey: v.outboxKey,
              isThreadRoot: v.isThreadRoot,
              commentCreatedAt: v.commentCreatedAt,
            },
            update: {},
          });
        }
        if (change.volume) await countTicket(tx, change.volume.at, change.volume.scopes);
      });
    },

    async listInboxes() {
      const rows = await db.inbox.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] });
      return rows.map(toInbox);
    },

    upsertCustomer: (identity) => upsertCustomerTx(db, identity),
  };
}

/** Zendesk agent → Slack user, from the agent mapping (`/yorisoi map`, or learned from e-mail). */
export function createAgentDirectory(db: Db): AgentDirectory {
  return {
    async slackUserIdOf(zendeskUserId) {
      const row = await db.agentMapping.findFirst({
        where: { zendeskUserId },
        orderBy: { updatedAt: 'desc' },
      });
      return row?.slackUserId ?? null;
    },
  };
}
