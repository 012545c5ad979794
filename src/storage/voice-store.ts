import { VoiceFilter } from '../domain/voice/voice-filter.ts';
import type { VoiceSubscription } from '../domain/voice/voice-model.ts';
import type { Db } from './database.ts';

type Row = {
  id: string;
  channelId: string;
  filterJson: string;
  filterText: string;
  createdBy: string;
  createdAt: Date;
};

const toSubscription = (r: Row): VoiceSubscription => ({
  id: r.id,
  channelId: r.channelId,
  // zod at the JSON column: a row written by an older version still parses to a full filter.
  filter: VoiceFilter.parse(JSON.parse(r.filterJson)),
  filterText: r.filterText,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
});

export interface StoredVoicePost {
  subscriptionId: string;
  channelId: string;
  ticketZendeskId: string;
  subject: string;
  tags: string[];
  commentCreatedAt: Date;
  slackTs: string | null;
}

export function createVoiceStore(db: Db) {
  return {
    async activeSubscriptions(): Promise<VoiceSubscription[]> {
      return (
        await db.voiceSubscription.findMany({ where: { active: true }, orderBy: { createdAt: 'asc' } })
      ).map(toSubscription);
    },
    async listForChannel(channelId: string): Promise<VoiceSubscription[]> {
      return (
        await db.voiceSubscription.findMany({
          where: { channelId, active: true },
          orderBy: { createdAt: 'asc' },
        })
      ).map(toSubscription);
    },
    async subscribe(input: {
      channelId: string;
      filter: VoiceFilter;
      filterText: string;
      createdBy: string;
    }): Promise<VoiceSubscription> {
      const row = await db.voiceSubscription.create({
        data: {
          channelId: input.channelId,
          filterJson: JSON.stringify(input.filter),
          filterText: input.filterText,
          createdBy: input.createdBy,
        },
      });
      return toSubscription(row);
    },
    /** false when no active subscription of that channel has this id. */
    async unsubscribe(channelId: string, id: string): Promise<boolean> {
      const { count } = await db.voiceSubscription.updateMany({
        where: { id, channelId, active: true },
        data: { active: false },
      });
      return count === 1;
    },
    async threadChannels(ticketZendeskId: string): Promise<Set<string>> {
      const rows = await db.voicePost.findMany({
        where: { ticketZendeskId },
        select: { channelId: true },
        distinct: ['channelId'],
      });
      return new Set(rows.map((r) => r.channelId));
    },
    /** The voices a subscription heard in [from, to), with the ts of their Slack message once posted. */
    async postsBetween(subscriptionId: string, from: Date, to: Date): Promise<StoredVoicePost[]> {
      const rows = await db.voicePost.findMany({
        where: { subscriptionId, commentCreatedAt: { gte: from, lt: to } },
        orderBy: { commentCreatedAt: 'asc' },
      });
      const sent = await db.outboxMessage.findMany({
        where: { idempotencyKey: { in: rows.map((r) => r.outboxKey) } },
        select: { idempotencyKey: true, slackTs: true },
      });
      const ts = new Map(sent.map((s) => [s.idempotencyKey, s.slackTs]));
      return rows.map((r) => ({
        subscriptionId: r.subscriptionId,
        channelId: r.channelId,
        ticketZendeskId: r.ticketZendeskId,
        subject: r.subject,
        tags: JSON.parse(r.tagsJson) as string[],
        commentCreatedAt: r.commentCreatedAt,
        slackTs: ts.get(r.outboxKey) ?? null,
      }));
    },
  };
}

export type VoiceStore = ReturnType<typeof createVoiceStore>;
