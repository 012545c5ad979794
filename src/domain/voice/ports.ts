import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { VoiceFilter } from './voice-filter.ts';
import type { VoiceSubscription } from './voice-model.ts';

/** What the voice feature needs from outside the domain (SQLite, the outbox, Block Kit). */

export interface VoiceSubscriptionStore {
  activeSubscriptions(): Promise<VoiceSubscription[]>;
  listForChannel(channelId: string): Promise<VoiceSubscription[]>;
  subscribe(input: {
    channelId: string;
    filter: VoiceFilter;
    filterText: string;
    createdBy: string;
  }): Promise<VoiceSubscription>;
  unsubscribe(channelId: string, id: string): Promise<boolean>;
  postsBetween(
    subscriptionId: string,
    from: Date,
    to: Date,
  ): Promise<
    Array<{
      channelId: string;
      ticketZendeskId: string;
      subject: string;
      tags: string[];
      commentCreatedAt: Date;
      slackTs: string | null;
    }>
  >;
}

export interface TicketThreadLookup {
  /** The support thread of a ticket, if yorisoi has one. */
  threadOf(
    zendeskId: string,
  ): Promise<{ ticketId: string; channelId: string | null; subject: string } | null>;
}

export interface EffectQueue {
  enqueue(effects: OutboxEffect[]): Promise<number>;
  has(key: string): Promise<boolean>;
}

export interface DigestVoiceInput {
  ticketZendeskId: string;
  subject: string;
  tags: string[];
  at: Date;
  channelId: string;
  slackTs: string | null;
  zendeskUrl: string;
}

export interface VoiceServiceRenderer {
  digest(input: {
    subscription: VoiceSubscription;
    dayLabel: string;
    voices: DigestVoiceInput[];
  }): SlackMessage;
  followUpRequest(input: { userId: string; voiceChannelId: string; question: string }): SlackMessage;
  followUpNote(input: { userId: string; question: string }): SlackMessage;
}
