import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { Inbox, TicketCommentSnapshot, TicketSnapshot } from '../tickets/ticket.ts';
import { maskPersonalData, namesToMask } from './mask.ts';
import { matchesVoiceFilter, type VoiceFilter } from './voice-filter.ts';

export interface VoiceSubscription {
  id: string;
  channelId: string;
  filter: VoiceFilter;
  filterText: string;
  createdBy: string;
  createdAt: Date;
}

/** One customer message heard by one subscription (stored with the outbox effect that posts it). */
export interface VoicePostRecord {
  subscriptionId: string;
  channelId: string;
  ticketZendeskId: string;
  zendeskCommentId: string;
  subject: string;
  tags: string[];
  outboxKey: string;
  isThreadRoot: boolean;
  commentCreatedAt: Date;
}

/** A voice as shown to the product team: already masked; the renderer only lays it out. */
export interface VoiceMessageInput {
  ticketZendeskId: string;
  subject: string;
  tags: string[];
  productName: string | null;
  body: string;
  at: Date;
  isThreadRoot: boolean;
  zendeskUrl: string;
}

export interface VoiceRenderer {
  /** One or more messages: a long voice is split across messages, never cut. */
  voice(input: VoiceMessageInput): SlackMessage[];
}

/** The Slack thread (outbox group) holding one ticket's voices in one channel. */
export const voiceGroup = (channelId: string, ticketZendeskId: string) =>
  `voice:${channelId}:${ticketZendeskId}`;

export interface VoicePlan {
  effects: OutboxEffect[];
  posts: VoicePostRecord[];
}

/**
 * Decides which voice channels hear which new customer messages of a ticket. Each matching channel gets the
 * message verbatim with personal data masked: the first one opens the channel's thread for the ticket,
 * later ones go into it. Keys are per (channel, comment), so two subscriptions of one channel post once.
 */
export function planVoices(input: {
  ticket: TicketSnapshot;
  inbox: Inbox | null;
  comments: TicketCommentSnapshot[];
  subscriptions: VoiceSubscription[];
  /** Channels that already have a voice thread for this ticket. */
  threadChannels: ReadonlySet<string>;
  maskNames: readonly string[];
  zendeskUrl: string;
  renderer: VoiceRenderer;
}): VoicePlan {
  const { ticket, inbox, renderer } = input;
  const effects: OutboxEffect[] = [];
  const posts: VoicePostRecord[] = [];
  const threads = new Set(input.threadChannels);
  const names = namesToMask(input.maskNames, ticket.requester.name);
  const subject = maskPersonalData(ticket.subject, { names });
  for (const comment of input.comments) {
    const matching = input.subscriptions.filter((s) =>
      matchesVoiceFilter(s.filter, ticket, inbox, comment.body),
    );
    const channels = [...new Set(matching.map((s) => s.channelId))];
    for (const channelId of channels) {
      const group = voiceGroup(channelId, ticket.zendeskId);
      const isThreadRoot = !threads.has(channelId);
      threads.add(channelId);
      const key = `voice:${channelId}:${comment.zendeskCommentId}`;
      const messages = renderer.voice({
        ticketZendeskId: ticket.zendeskId,
        subject,
        tags: ticket.tags,
        productName: inbox?.name ?? ticket.brandName,
        body: maskPersonalData(comment.body, { names }),
        at: comment.createdAt,
        isThreadRoot,
        zendeskUrl: input.zendeskUrl,
      });
      messages.forEach((message, part) => {
        const partKey = part === 0 ? key : `${key}:${part}`;
        effects.push(
          isThreadRoot && part === 0
            ? { kind: 'post_thread_root', key: partKey, channelId, group, message }
            : { kind: 'post_in_group_thread', key: partKey, channelId, group, message },
        );
      });
      for (const s of matching.filter((m) => m.channelId === channelId)) {
        posts.push({
          subscriptionId: s.id,
          channelId,
          ticketZendeskId: ticket.zendeskId,
          zendeskCommentId: comment.zendeskCommentId,
          subject,
          tags: ticket.tags,
          outboxKey: key,
          isThreadRoot,
          commentCreatedAt: comment.createdAt,
        });
      }
    }
  }
  return { effects, posts };
}
