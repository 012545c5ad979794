import type { OutboxEffect } from '../outbox/outbox.ts';
import type { VoicePostRecord } from '../voice/voice.ts';
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
