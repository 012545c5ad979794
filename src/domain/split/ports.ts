/** What "Split into a new ticket" needs from outside (storage, Zendesk). */

export interface SplitTicket {
  zendeskId: string;
  subject: string;
  requesterZendeskId: string;
  requesterName: string | null;
  brandId: string | null;
  groupId: string | null;
  tags: string[];
}

/** What a Slack message of a channel is, as yorisoi knows it. */
export type SplitMessage =
  /** A Zendesk comment mirrored into a ticket's thread (any part of a long one). */
  | {
      kind: 'comment';
      ticket: SplitTicket;
      comment: { zendeskId: string; authorZendeskId: string; public: boolean; body: string };
    }
  /** The ticket's root, or another message yorisoi posted in the thread (draft shared, reply sent …). */
  | { kind: 'yorisoi'; ticket: SplitTicket | null }
  /** Nothing yorisoi posted. */
  | { kind: 'unknown' };

export interface TicketSplitRow {
  id: string;
  sourceTicketZendeskId: string;
  sourceCommentZendeskId: string;
  slackUserId: string;
  status: 'creating' | 'created' | 'done' | 'failed';
  attempts: number;
  newTicketZendeskId: string | null;
  noteOnNew: boolean;
  noteOnSource: boolean;
  lastError: string | null;
}

export interface SplitStore {
  messageAt(channelId: string, ts: string): Promise<SplitMessage>;
  /** Whether `threadTs` is the root of a ticket's thread in the channel. */
  ticketOfThread(channelId: string, threadTs: string): Promise<SplitTicket | null>;
  /** The split of this comment, created (status creating) when there is none yet. */
  findOrCreate(input: {
    sourceTicketZendeskId: string;
    sourceCommentZendeskId: string;
    slackUserId: string;
  }): Promise<TicketSplitRow>;
  /** Takes the row for one run (attempts + 1) unless another run holds it; null when held. */
  claim(id: string, now: Date, leaseMs: number): Promise<TicketSplitRow | null>;
  update(
    id: string,
    patch: Partial<
      Pick<TicketSplitRow, 'status' | 'newTicketZendeskId' | 'noteOnNew' | 'noteOnSource' | 'lastError'>
    > & { release?: boolean },
  ): Promise<void>;
}

export interface SplitGateway {
  /** POST /tickets: the customer's message as the first public comment, authored by the requester. */
  createTicket(input: {
    key: string;
    subject: string;
    requesterZendeskId: string;
    body: string;
    brandId: string | null;
    groupId: string | null;
    tags: string[];
  }): Promise<{ ticketZendeskId: string }>;
  /** The ticket created under `key` (its external id), if one was. */
  findTicketByKey(key: string): Promise<string | null>;
  /** An internal note (PUT /tickets/{id}, comment public:false) carrying `key` in the audit metadata. */
  addNote(input: { ticketZendeskId: string; body: string; key: string }): Promise<void>;
  /** Whether a note carrying `key` is on the ticket. */
  noteExists(ticketZendeskId: string, key: string): Promise<boolean>;
}
