import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { VoicePostRecord, VoiceRenderer, VoiceSubscription } from '../voice/voice-model.ts';
import type { CustomerIdentity, Inbox, TicketCommentSnapshot, TicketSnapshot } from './ticket.ts';

/** What is stored of a ticket, enough to tell what changed since. */
export interface StoredTicket {
  id: string;
  zendeskId: string;
  inboxId: string | null;
  channelId: string | null;
  rootTs: string | null;
  rootFingerprint: string;
  zendeskUpdatedAt: Date;
  /** When yorisoi last stored this ticket. */
  syncedAt: Date;
  knownCommentIds: Set<string>;
  /** Zendesk user id of the requester as stored (a change may mean Zendesk merged users). */
  requesterZendeskUserId?: string;
}

/** One atomic change: the ticket as now known, the comments seen for the first time, the Slack effects. */
export interface TicketChange {
  ticketId: string;
  isNew: boolean;
  snapshot: TicketSnapshot;
  inbox: Inbox | null;
  newComments: Array<TicketCommentSnapshot & { mirrored: boolean }>;
  effects: OutboxEffect[];
  /** Customer messages heard by voice subscriptions (their effects are in `effects`). */
  voicePosts?: VoicePostRecord[];
  /** A ticket seen for the first time is counted once, at its Zendesk creation time, in these scopes. */
  volume?: { at: Date; scopes: string[] };
}

export interface TicketStore {
  findByZendeskId(zendeskId: string): Promise<StoredTicket | null>;
  /** All in one transaction; an effect whose key exists is skipped. */
  commit(change: TicketChange): Promise<void>;
  listInboxes(): Promise<Inbox[]>;
  upsertCustomer(identity: CustomerIdentity): Promise<string>;
}

/** Where voice subscriptions come from; optional so ticket threads work without the voice feature. */
export interface VoiceSource {
  activeSubscriptions(): Promise<VoiceSubscription[]>;
  /** Channels that already have a voice thread for this ticket. */
  threadChannels(ticketZendeskId: string): Promise<Set<string>>;
  renderer: VoiceRenderer;
  /** Names always masked (the requester's own name is added per ticket). */
  maskNames: readonly string[];
}

export interface TicketSource {
  fetchTicketSnapshot(zendeskId: string): Promise<TicketSnapshot>;
}

/** How a ticket looks in Slack; implemented by src/views so the domain never builds Block Kit. */
export interface TicketThreadRenderer {
  root(
    ticket: TicketSnapshot,
    inbox: Inbox,
    links: { zendeskUrl: string },
  ): Promise<SlackMessage> | SlackMessage;
  comment(
    ticket: TicketSnapshot,
    comment: TicketCommentSnapshot,
    role: 'customer' | 'agent',
    notice?: CommentNotice,
  ): SlackMessage[];
}

/** How a customer's follow-up is made noticed besides the thread (see Inbox.followUp). */
export interface CommentNotice {
  /** Slack user id of the assignee to mention in the reply. */
  mentionSlackUserId?: string;
}

/** The Slack account of a Zendesk agent (the agent mapping), for mentions; null when unknown. */
export interface AgentDirectory {
  slackUserIdOf(zendeskUserId: string): Promise<string | null>;
}
