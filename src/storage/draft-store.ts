import { z } from 'zod';
import type {
  Draft,
  DraftApproval,
  DraftContent,
  DraftPolicy,
  DraftStatus,
  DraftTicket,
  DraftVersion,
  ReplySend,
  ReplySendStatus,
  SaveReason,
} from '../domain/drafting/draft.ts';
import { emptyPolicy, sameContent, shareKeyPrefix } from '../domain/drafting/draft.ts';
import type { AgentMappingStore, DraftStore, SnoozeRecord } from '../domain/drafting/ports.ts';
import { YorisoiError } from '../errors.ts';
import type { Db, Tx } from './database.ts';
import { type ClaimOptions, enqueueEffect } from './outbox-store.ts';

// JSON columns are a boundary too: parsed, with defaults for anything missing.
const zPolicy = z.object({
  facts: z.string().default(''),
  situation: z.string().default(''),
  outline: z.string().default(''),
  alternatives: z.string().default(''),
});
const parsePolicy = (json: string): DraftPolicy => {
  const r = zPolicy.safeParse(JSON.parse(json || '{}'));
  return r.success ? r.data : emptyPolicy();
};
const parseIds = (json: string): string[] => {
  const r = z.array(z.string()).safeParse(JSON.parse(json || '[]'));
  return r.success ? r.data : [];
};

type DraftRow = Awaited<ReturnType<Db['draft']['findFirstOrThrow']>>;
type VersionRow = Awaited<ReturnType<Db['draftVersion']['findFirstOrThrow']>>;
type SendRow = Awaited<ReturnType<Db['replySend']['findFirstOrThrow']>>;
type SnoozeRow = Awaited<ReturnType<Db['snooze']['findFirstOrThrow']>>;

const toDraft = (r: DraftRow): Draft => ({
  id: r.id,
  ticketZendeskId: r.ticketZendeskId,
  name: r.name,
  policy: parsePolicy(r.policyJson),
  body: r.body,
  templateIds: parseIds(r.templateIdsJson),
  status: r.status as DraftStatus,
  currentVersion: r.currentVersion,
  createdBySlackId: r.createdBySlackId,
  updatedBySlackId: r.updatedBySlackId,
  updatedAt: r.updatedAt,
});
const toVersion = (r: VersionRow): DraftVersion => ({
  draftId: r.draftId,
  version: r.version,
  name: r.name,
  policy: parsePolicy(r.policyJson),
  body: r.body,
  templateIds: parseIds(r.templateIdsJson),
  savedBySlackId: r.savedBySlackId,
  reason: r.reason as SaveReason,
  createdAt: r.createdAt,
});
const toSend = (r: SendRow): ReplySend => ({
  id: r.id,
  kind: r.kind === 'note' ? 'note' : 'reply',
  draftId: r.draftId,
  version: r.version,
  ticketZendeskId: r.ticketZendeskId,
  senderSlackId: r.senderSlackId,
  authorZendeskId: r.authorZendeskId,
  body: r.body,
  public: r.public,
  newStatus: r.newStatus,
  status: r.status as ReplySendStatus,
  dueAt: r.dueAt,
  attempts: r.attempts,
  lastError: r.lastError,
  sentAt: r.sentAt,
});
const toSnooze = (r: SnoozeRow): SnoozeRecord => ({
  id: r.id,
  ticketZendeskId: r.ticketZendeskId,
  until: r.until,
  untilCustomerWrites: r.untilCustomerWrites,
  createdBySlackId: r.createdBySlackId,
  createdAt: r.createdAt,
});
const contentData = (c: DraftContent) => ({
  name: c.name,
  policyJson: JSON.stringify(c.policy),
  body: c.body,
  templateIdsJson: JSON.stringify(c.templateIds),
});
const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === 'P2002';

async function enqueueAll(tx: Tx, effects: Parameters<typeof enqueueEffect>[1][]) {
  for (const e of effects) await enqueueEffect(tx, e);
}

/**
 * `claims`: who claims reply sends and for how long (the runtime passes its instance); without it a claim
 * has no owner and is in doubt to anyone (tools and tests that act as a crashed process).
 */
export function createDraftStore(db: Db, claims?: ClaimOptions): DraftStore {
  const inDoubtWhere = (now: Date) => ({
    status: 'sending',
    OR: [
      { leaseUntil: null },
      { leaseUntil: { lt: now } },
      ...(claims ? [{ claimedBy: claims.instanceId }] : []),
    ],
  });
  async function ticketView(row: {
    id: string;
    zendeskId: string;
    subject: string;
    status: string;
    tagsJson: string;
    channelId: string | null;
    rootTs: string | null;
    requester: { zendeskUserId: string; name: string; email: string | null };
  }): Promise<DraftTicket> {
    const fromCustomer = { ticketId: row.id, authorZendeskId: row.requester.zendeskUserId, public: true };
    // Two messages in the same second (Zendesk times are seconds): the one stored later is the later one;
    // PostgreSQL orders ties arbitrarily otherwise.
    const latest = await db.ticketComment.findFirst({
      where: fromCustomer,
      orderBy: [{ zendeskCreatedAt: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    });
    const first = await db.ticketComment.findFirst({
      where: fromCustomer,
      orderBy: [{ zendeskCreatedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    });
    const customerMessages = await db.ticketComment.count({ where: fromCustomer });
    return {
      id: row.id,
      zendeskId: row.zendeskId,
      subject: row.subject,
      status: row.status,
      tags: parseIds(row.tagsJson),
      channelId: row.channelId,
      rootTs: row.rootTs,
      requester: {
        zendeskUserId: row.requester.zendeskUserId,
        name: row.requester.name,
        email: row.requester.email,
      },
      latestCustomerMessage: latest ? { body: latest.body, createdAt: latest.zendeskCreatedAt } : null,
      firstCustomerMessage: first ? { body: first.body, createdAt: first.zendeskCreatedAt } : null,
      customerMessages,
    };
  }
  const withRequester = { requester: { select: { zendeskUserId: true, name: true, email: true } } } as const;

  return {
    async findTicket(zendeskId) {
      const row = await db.ticket.findUnique({ where: { zendeskId }, include: withRequester });
      return row ? ticketView(row) : null;
    },
    async findTicketByThread(channelId, ts) {
      const row = await db.ticket.findFirst({ where: { channelId, rootTs: ts }, include: withRequester });
      return row ? ticketView(row) : null;
    },

    async listDrafts(ticketZendeskId) {
      const rows = await db.draft.findMany({
        where: { ticketZendeskId },
        orderBy: [{ updatedAt: 'desc' }, { createdAt: 'desc' }],
      });
      return rows.map(toDraft);
    },
    async getDraft(id) {
      const row = await db.draft.findUnique({ where: { id } });
      return row ? toDraft(row) : null;
    },
    async createDraft({ ticketZendeskId, name, slackUserId }) {
      try {
        const row = await db.draft.create({
          data: { ticketZendeskId, name, createdBySlackId: slackUserId, updatedBySlackId: slackUserId },
        });
        return toDraft(row);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async saveWorkingCopy(draftId, content, slackUserId) {
      try {
        const { count } = await db.draft.updateMany({
          where: { id: draftId, status: { in: ['open', 'failed'] } },
          data: { ...contentData(content), updatedBySlackId: slackUserId },
        });
        return count === 1;
      } catch (error) {
        if (isUniqueViolation(error)) throw new YorisoiError('draft_name_taken');
        throw error;
      }
    },
    async saveVersion(draftId, content, slackUserId, reason) {
      try {
        return await db.$transaction(async (tx) => {
          const draft = await tx.draft.findUniqueOrThrow({ where: { id: draftId } });
          const latest = await tx.draftVersion.findFirst({
            where: { draftId },
            orderBy: { version: 'desc' },
          });
          const updated = await tx.draft.update({
            where: { id: draftId },
            data: { ...contentData(content), updatedBySlackId: slackUserId },
          });
          if (latest && sameContent(toVersion(latest), content)) {
            return { draft: toDraft(updated), version: latest.version, created: false };
          }
          const version = draft.currentVersion + 1;
          await tx.draftVersion.create({
            data: { draftId, version, ...contentData(content), savedBySlackId: slackUserId, reason },
          });
          const final = await tx.draft.update({ where: { id: draftId }, data: { currentVersion: version } });
          return { draft: toDraft(final), version, created: true };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new YorisoiError('draft_name_taken');
        throw error;
      }
    },
    async getVersion(draftId, version) {
      const row = await db.draftVersion.findUnique({ where: { draftId_version: { draftId, version } } });
      return row ? toVersion(row) : null;
    },
    async sharedVersions(draftId) {
      const prefix = shareKeyPrefix(draftId);
      const rows = await db.outboxMessage.findMany({
        where: { idempotencyKey: { startsWith: prefix } },
        select: { idempotencyKey: true },
      });
      return rows
        .map((r) => Number(r.idempotencyKey.slice(prefix.length)))
        .filter((n) => Number.isInteger(n) && n > 0)
        .sort((a, b) => a - b);
    },
    async enqueue(effects) {
      if (effects.length === 0) return;
      await db.$transaction((tx) => enqueueAll(tx, effects));
    },

    async approvals(draftId) {
      const rows = await db.draftApproval.findMany({ where: { draftId }, orderBy: { createdAt: 'asc' } });
      return rows.map(
        (r): DraftApproval => ({
          draftId: r.draftId,
          version: r.version,
          approverSlackId: r.approverSlackId,
          createdAt: r.createdAt,
        }),
      );
    },
    async approve(approval, effects) {
      try {
        await db.$transaction(async (tx) => {
          await tx.draftApproval.create({ data: approval });
          await enqueueAll(tx, effects);
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async createSend(input) {
      try {
        return await db.$transaction(async (tx) => {
          // The draft's own state is the guard against double clicks and two agents on one draft.
          const { count } = await tx.draft.updateMany({
            where: { id: input.draftId ?? '', status: { in: ['open', 'failed'] } },
            data: { status: 'sending' },
          });
          if (count !== 1) return { ok: false as const, reason: 'draft_not_sendable' as const };
          const row = await tx.replySend.create({
            data: { ...input, inFlightKey: `ticket:${input.ticketZendeskId}`, status: 'scheduled' },
          });
          return { ok: true as const, send: toSend(row) };
        });
      } catch (error) {
        // Another draft of this ticket is already on its way (the unique in-flight key).
        if (isUniqueViolation(error)) return { ok: false, reason: 'ticket_busy' };
        throw error;
      }
    },
    async createNoteSend(input) {
      try {
        const row = await db.replySend.create({
          data: {
            ...input,
            kind: 'note',
            draftId: null,
            version: 0,
            newStatus: null,
            public: false,
            status: 'scheduled',
          },
        });
        return toSend(row);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    async getSend(id) {
      const row = await db.replySend.findUnique({ where: { id } });
      return row ? toSend(row) : null;
    },
    async cancelSend(id) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.replySend.updateMany({
          where: { id, status: 'scheduled', attempts: 0 },
          data: { status: 'cancelled', inFlightKey: null },
        });
        if (count !== 1) return false;
        const send = await tx.replySend.findUniqueOrThrow({ where: { id } });
        if (send.draftId) await tx.draft.update({ where: { id: send.draftId }, data: { status: 'open' } });
        return true;
      });
    },
    async dueSends(now, limit) {
      const rows = await db.replySend.findMany({
        where: { status: 'scheduled', dueAt: { lte: now } },
        orderBy: { dueAt: 'asc' },
        take: limit,
      });
      return rows.map(toSend);
    },
    async nextSendDueAt() {
      const row = await db.replySend.findFirst({
        where: { status: 'scheduled' },
        orderBy: { dueAt: 'asc' },
        select: { dueAt: true },
      });
      return row?.dueAt ?? null;
    },
    async claimSend(id) {
      const { count } = await db.replySend.updateMany({
        where: { id, status: 'scheduled' },
        data: {
          status: 'sending',
          attempts: { increment: 1 },
          claimedBy: claims?.instanceId ?? null,
          leaseUntil: claims ? new Date(Date.now() + claims.leaseMs) : null,
        },
      });
      return count === 1;
    },
    async renewSends(ids) {
      if (!claims || ids.length === 0) return;
      await db.replySend.updateMany({
        where: { id: { in: ids }, status: 'sending', claimedBy: claims.instanceId },
        data: { leaseUntil: new Date(Date.now() + claims.leaseMs) },
      });
    },
    async confirmSend(id) {
      if (!claims) return true;
      const { count } = await db.replySend.updateMany({
        where: { id, status: 'sending', claimedBy: claims.instanceId },
        data: { leaseUntil: new Date(Date.now() + claims.leaseMs) },
      });
      return count === 1;
    },
    async releaseInDoubtSends(now, except = []) {
      const { count } = await db.replySend.updateMany({
        where: { ...inDoubtWhere(now), id: { notIn: except } },
        data: {
          status: 'scheduled',
          dueAt: now,
          lastError: 'in doubt after a crash',
          claimedBy: null,
          leaseUntil: null,
        },
      });
      return count;
    },
    async markSendSent(id, result, effects) {
      await db.$transaction(async (tx) => {
        const current = await tx.replySend.findUniqueOrThrow({ where: { id }, select: { kind: true } });
        const send = await tx.replySend.update({
          where: { id },
          data: {
            status: 'sent',
            // A note keeps its key: the same discussion is never copied twice.
            ...(current.kind === 'note' ? {} : { inFlightKey: null }),
            sentAt: result.sentAt,
            zendeskAuditId: result.auditId,
            zendeskCommentId: result.commentId,
            lastError: null,
          },
        });
        if (send.draftId) await tx.draft.update({ where: { id: send.draftId }, data: { status: 'sent' } });
        // Known comment: ticket sync will not mirror our own reply as "sent from Zendesk" a second time.
        const ticket = await tx.ticket.findUnique({
          where: { zendeskId: send.ticketZendeskId },
          select: { id: true },
        });
        if (ticket && result.commentId) {
          await tx.ticketComment.upsert({
            where: { zendeskCommentId: result.commentId },
            create: {
              ticketId: ticket.id,
              zendeskCommentId: result.commentId,
              authorZendeskId: send.authorZendeskId,
              public: send.public,
              body: send.body,
              zendeskCreatedAt: result.sentAt,
              mirrored: true,
            },
            update: { mirrored: true },
          });
        }
        await enqueueAll(tx, effects);
      });
    },
    async markSendFailed(id, error, effects) {
      await db.$transaction(async (tx) => {
        const send = await tx.replySend.update({
          where: { id },
          data: { status: 'failed', inFlightKey: null, lastError: error.slice(0, 500) },
        });
        if (send.draftId) await tx.draft.update({ where: { id: send.draftId }, data: { status: 'failed' } });
        await enqueueAll(tx, effects);
      });
    },
    async rescheduleSend(id, at, error) {
      await db.replySend.update({
        where: { id },
        data: { status: 'scheduled', dueAt: at, lastError: error.slice(0, 500) },
      });
    },
    async templatesSentToCustomer(requesterZendeskId) {
      const tickets = await db.ticket.findMany({
        where: { requester: { zendeskUserId: requesterZendeskId } },
        select: { zendeskId: true },
      });
      if (tickets.length === 0) return [];
      const sends = await db.replySend.findMany({
        where: { status: 'sent', kind: 'reply', ticketZendeskId: { in: tickets.map((t) => t.zendeskId) } },
        select: { draftId: true, version: true },
      });
      const ids = new Set<string>();
      for (const s of sends) {
        if (!s.draftId) continue;
        const v = await db.draftVersion.findUnique({
          where: { draftId_version: { draftId: s.draftId, version: s.version } },
          select: { templateIdsJson: true },
        });
        for (const id of parseIds(v?.templateIdsJson ?? '[]')) ids.add(id);
      }
      return [...ids];
    },

    async createSnooze(input) {
      return toSnooze(await db.snooze.create({ data: input }));
    },
    async dueSnoozes(now) {
      const active = await db.snooze.findMany({ where: { status: 'active' } });
      const out: Array<SnoozeRecord & { reason: 'time' | 'customer' }> = [];
      for (const s of active) {
        if (s.untilCustomerWrites) {
          const ticket = await db.ticket.findUnique({
            where: { zendeskId: s.ticketZendeskId },
            include: { requester: true },
          });
          const wrote = ticket
            ? await db.ticketComment.findFirst({
                where: {
                  ticketId: ticket.id,
                  authorZendeskId: ticket.requester.zendeskUserId,
                  // Stored after the snooze began (our clock on both sides; Zendesk times have whole seconds).
                  createdAt: { gt: s.createdAt },
                },
                select: { id: true },
              })
            : null;
          if (wrote) {
            out.push({ ...toSnooze(s), reason: 'customer' });
            continue;
          }
        }
        if (s.until && s.until <= now) out.push({ ...toSnooze(s), reason: 'time' });
      }
      return out;
    },
    async wakeSnooze(id, reason, at, effects) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.snooze.updateMany({
          where: { id, status: 'active' },
          data: { status: 'woken', wokeAt: at, wakeReason: reason },
        });
        if (count !== 1) return false;
        await enqueueAll(tx, effects);
        return true;
      });
    },
  };
}

export function createAgentMappingStore(db: Db): AgentMappingStore {
  return {
    async get(slackUserId) {
      const row = await db.agentMapping.findUnique({ where: { slackUserId } });
      return row
        ? {
            zendeskUserId: row.zendeskUserId,
            email: row.email,
            source: row.source === 'manual' ? 'manual' : 'email',
          }
        : null;
    },
    async set(slackUserId, value) {
      await db.agentMapping.upsert({
        where: { slackUserId },
        create: { slackUserId, ...value },
        update: value,
      });
    },
  };
}
