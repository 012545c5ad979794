// SQLite adapter of the enrichment port (src/domain/enrichment/ports.ts).

import type {
  EnrichmentStore,
  EnrichmentTicket,
  SuggestionAction,
  SuggestionRecord,
} from '../domain/enrichment/ports.ts';
import type { OutboxEffect } from '../domain/outbox/outbox.ts';
import type { Db } from './database.ts';
import { createEffectQueue } from './effect-queue.ts';

const parseList = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};
const seenKey = (sendId: string) => `enrich-send:${sendId}`;

export function createEnrichmentStore(db: Db, onQueued: () => void): EnrichmentStore {
  const queue = createEffectQueue(db, onQueued);

  async function tickets(zendeskIds: string[]): Promise<Map<string, EnrichmentTicket>> {
    const rows = await db.ticket.findMany({
      where: { zendeskId: { in: zendeskIds } },
      include: { requester: true },
    });
    const out = new Map<string, EnrichmentTicket>();
    for (const r of rows) {
      const first = await db.ticketComment.findFirst({
        where: { ticketId: r.id, public: true, authorZendeskId: r.requester.zendeskUserId },
        orderBy: { zendeskCreatedAt: 'asc' },
      });
      out.set(r.zendeskId, {
        zendeskId: r.zendeskId,
        ticketId: r.id,
        channelId: r.channelId,
        inboxId: r.inboxId,
        subject: r.subject,
        firstMessage: first?.body ?? '',
        tags: parseList(r.tagsJson),
        formId: r.formId,
        status: r.status,
        requester: {
          zendeskUserId: r.requester.zendeskUserId,
          email: r.requester.email,
          externalId: r.requester.externalId,
        },
      });
    }
    return out;
  }

  const toRecord = (r: {
    ticketZendeskId: string;
    source: string;
    action: string;
    value: string;
    outcome: string | null;
    correction: string | null;
    createdAt: Date;
  }): SuggestionRecord => ({
    ticketZendeskId: r.ticketZendeskId,
    source: r.source,
    action: r.action as SuggestionAction,
    value: r.value,
    outcome: r.outcome === 'kept' || r.outcome === 'corrected' ? r.outcome : null,
    correction: r.correction,
    createdAt: r.createdAt,
  });

  return {
    async ticket(zendeskId) {
      return (await tickets([zendeskId])).get(zendeskId) ?? null;
    },
    async begin(zendeskId) {
      try {
        await db.ticketEnrichment.create({ data: { ticketZendeskId: zendeskId } });
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === 'P2002') return false;
        throw error;
      }
    },
    async saveFacts(zendeskId, facts) {
      await db.ticketEnrichment.update({
        where: { ticketZendeskId: zendeskId },
        data: { factsJson: JSON.stringify(facts) },
      });
    },
    async noteCommentId(zendeskId) {
      return (
        (await db.ticketEnrichment.findUnique({ where: { ticketZendeskId: zendeskId } }))?.noteCommentId ??
        null
      );
    },
    async setNoteCommentId(zendeskId, commentId) {
      await db.ticketEnrichment.update({
        where: { ticketZendeskId: zendeskId },
        data: { noteCommentId: commentId },
      });
    },
    async record(rows) {
      for (const r of rows) {
        await db.enrichmentSuggestion.upsert({
          where: {
            ticketZendeskId_source_action_value: {
              ticketZendeskId: r.ticketZendeskId,
              source: r.source,
              action: r.action,
              value: r.value,
            },
          },
          create: r,
          update: {},
        });
      }
    },
    async decide(ticketZendeskId, source, action, value, outcome, correction) {
      await db.enrichmentSuggestion.updateMany({
        where: { ticketZendeskId, source, action, value, outcome: null },
        data: { outcome, correction, decidedAt: new Date() },
      });
    },
    async history(since) {
      const rows = await db.enrichmentSuggestion.findMany({
        where: since ? { createdAt: { gte: since } } : {},
        orderBy: { id: 'asc' },
      });
      const byTicket = await tickets([...new Set(rows.map((r) => r.ticketZendeskId))]);
      return rows.map((r) => ({ ...toRecord(r), ticket: byTicket.get(r.ticketZendeskId) ?? null }));
    },
    async unseenSends(zendeskId) {
      const sends = await db.replySend.findMany({
        where: { status: 'sent', kind: 'reply', ticketZendeskId: zendeskId },
        orderBy: { createdAt: 'asc' },
      });
      const out: Array<{ sendId: string; templateIds: string[]; public: boolean }> = [];
      for (const s of sends) {
        if (await db.keyValue.findUnique({ where: { key: seenKey(s.id) } })) continue;
        const v = s.draftId
          ? await db.draftVersion.findUnique({
              where: { draftId_version: { draftId: s.draftId, version: s.version } },
              select: { templateIdsJson: true },
            })
          : null;
        out.push({ sendId: s.id, templateIds: parseList(v?.templateIdsJson ?? '[]'), public: s.public });
      }
      return out;
    },
    async markSendSeen(sendId) {
      await db.keyValue.upsert({
        where: { key: seenKey(sendId) },
        create: { key: seenKey(sendId), value: '1' },
        update: {},
      });
    },
    enqueue: (effects: OutboxEffect[]) => queue.enqueue(effects),
  };
}
