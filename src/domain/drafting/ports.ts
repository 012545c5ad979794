import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type {
  Draft,
  DraftApproval,
  DraftContent,
  DraftTemplate,
  DraftTicket,
  DraftVersion,
  ReplySend,
  SaveReason,
  SendFailure,
} from './draft.ts';

export type CreateSendResult =
  | { ok: true; send: ReplySend }
  | { ok: false; reason: 'draft_not_sendable' | 'ticket_busy' };

export interface SnoozeRecord {
  id: string;
  ticketZendeskId: string;
  until: Date | null;
  untilCustomerWrites: boolean;
  createdBySlackId: string;
  createdAt: Date;
}

/** Where drafts, their versions, approvals, sends and snoozes live (SQLite in src/storage). */
export interface DraftStore {
  findTicket(zendeskId: string): Promise<DraftTicket | null>;
  /** The ticket whose thread holds the message `ts` (the root or any reply) in `channelId`. */
  findTicketByThread(channelId: string, ts: string): Promise<DraftTicket | null>;

  listDrafts(ticketZendeskId: string): Promise<Draft[]>;
  getDraft(id: string): Promise<Draft | null>;
  /** null when the ticket already has a draft with this name. */
  createDraft(input: { ticketZendeskId: string; name: string; slackUserId: string }): Promise<Draft | null>;
  /** Autosave: updates the working copy without a version. false when the draft is not editable. */
  saveWorkingCopy(draftId: string, content: DraftContent, slackUserId: string): Promise<boolean>;
  /**
   * Freezes the content as the next version unless it equals the latest version; `effects` are queued in
   * the same transaction. Throws `draft_name_taken` when renaming onto another draft's name.
   */
  saveVersion(
    draftId: string,
    content: DraftContent,
    slackUserId: string,
    reason: SaveReason,
  ): Promise<{ draft: Draft; version: number; created: boolean }>;
  getVersion(draftId: string, version: number): Promise<DraftVersion | null>;
  /** The versions of this draft shared into the ticket's thread (each one message), oldest first. */
  sharedVersions(draftId: string): Promise<number[]>;
  /** Queues Slack effects on their own (a share of an existing version). */
  enqueue(effects: OutboxEffect[]): Promise<void>;

  approvals(draftId: string): Promise<DraftApproval[]>;
  /** false when this person already approved this version. */
  approve(
    approval: { draftId: string; version: number; approverSlackId: string },
    effects: OutboxEffect[],
  ): Promise<boolean>;

  /** Atomically: draft open|failed → sending, and no other reply in flight for the ticket. */
  createSend(
    input: Omit<ReplySend, 'id' | 'kind' | 'status' | 'attempts' | 'lastError' | 'sentAt'> & {
      draftId: string;
    },
  ): Promise<CreateSendResult>;
  /**
   * An internal note of the thread's discussion, keyed `note:<ticket>:<last message ts>`; null when exactly
   * this discussion was already copied.
   */
  createNoteSend(input: {
    ticketZendeskId: string;
    inFlightKey: string;
    senderSlackId: string;
    authorZendeskId: string;
    body: string;
    dueAt: Date;
  }): Promise<ReplySend | null>;
  getSend(id: string): Promise<ReplySend | null>;
  /** scheduled → cancelled (draft back to open). false when it is already sending or done. */
  cancelSend(id: string): Promise<boolean>;
  dueSends(now: Date, limit: number): Promise<ReplySend[]>;
  nextSendDueAt(): Promise<Date | null>;
  /** scheduled → sending, attempts + 1, claimed by this instance. false when someone else claimed or cancelled it. */
  claimSend(id: string): Promise<boolean>;
  /** Extends this instance's claim on sends it is still sending. */
  renewSends(ids: string[]): Promise<void>;
  /** Right before the Zendesk call: extends the claim; false when another instance took the send over. */
  confirmSend(id: string): Promise<boolean>;
  /**
   * Sends left in `sending` by an instance that stopped mid-call (its claim ran out, or it is this instance
   * before a restart), except `except` (what this instance is sending now): back to scheduled, to be
   * checked in Zendesk first. Another instance's live claim is left alone.
   */
  releaseInDoubtSends(now: Date, except?: string[]): Promise<number>;
  markSendSent(
    id: string,
    result: { auditId: string | null; commentId: string | null; sentAt: Date },
    effects: OutboxEffect[],
  ): Promise<void>;
  markSendFailed(id: string, error: string, effects: OutboxEffect[]): Promise<void>;
  rescheduleSend(id: string, at: Date, error: string): Promise<void>;
  /** Template ids in replies already sent to this customer (any ticket of theirs). */
  templatesSentToCustomer(requesterZendeskId: string): Promise<string[]>;

  createSnooze(input: Omit<SnoozeRecord, 'id' | 'createdAt'>): Promise<SnoozeRecord>;
  /** Active snoozes that are due: the time has come, or the customer wrote after the snooze began. */
  dueSnoozes(now: Date): Promise<Array<SnoozeRecord & { reason: 'time' | 'customer' }>>;
  /** active → woken with the ping queued in the same transaction; false when already woken. */
  wakeSnooze(id: string, reason: 'time' | 'customer', at: Date, effects: OutboxEffect[]): Promise<boolean>;
}

/** Slack ↔ Zendesk lookups the agent mapping needs. */
export interface AgentDirectory {
  slackEmail(slackUserId: string): Promise<string | null>;
  slackName(slackUserId: string): Promise<string>;
  /** The active agent (or admin) with this email, with the ids of the groups they belong to. */
  zendeskAgentByEmail(
    email: string,
  ): Promise<{ id: string; name: string; groupIds: string[]; groupNames: string[] } | null>;
  zendeskAgentById(
    id: string,
  ): Promise<{ id: string; name: string; groupIds: string[]; groupNames: string[] } | null>;
}

export interface AgentMappingStore {
  get(
    slackUserId: string,
  ): Promise<{ zendeskUserId: string | null; email: string | null; source: 'email' | 'manual' } | null>;
  set(
    slackUserId: string,
    value: { zendeskUserId: string | null; email: string | null; source: 'email' | 'manual' },
  ): Promise<void>;
}

/** Whether a ticket's customer needs a second agent's approval before a reply goes out (care chart). */
export interface SecondApprovalPolicy {
  requiresSecondApproval(ticket: DraftTicket): Promise<{ required: boolean; reason: string | null }>;
}

/** Posting a reply to Zendesk and finding out, after a crash or timeout, whether it landed. */
export interface ReplyGateway {
  postReply(input: {
    ticketZendeskId: string;
    body: string;
    public: boolean;
    authorZendeskId: string;
    newStatus: string | null;
    key: string;
  }): Promise<{ auditId: string | null; commentId: string | null }>;
  findReplyByKey(
    ticketZendeskId: string,
    key: string,
  ): Promise<{ auditId: string; commentId: string | null } | null>;
  /** The requester's latest public message, live from Zendesk. */
  latestCustomerMessage(ticketZendeskId: string): Promise<{ body: string; createdAt: Date } | null>;
}

/** How drafting's thread messages look; implemented in src/views. */
export interface DraftThreadRenderer {
  shared(input: {
    draft: DraftVersion;
    ticket: DraftTicket;
    sharedBy: string;
    needsSecondApproval: boolean;
  }): SlackMessage;
  approved(input: { draft: DraftVersion; approverSlackId: string; authorSlackId: string }): SlackMessage;
  sent(input: {
    send: ReplySend;
    draftName: string;
    senderName: string;
    at: Date;
    ticket: DraftTicket | null;
  }): SlackMessage;
  /**
   * A shared draft once one of its versions was sent: the same message, edited in place — "sent", who and
   * when, the version's text, no Approve or Open button. `draft` is the version that message showed.
   */
  sharedSent(input: { draft: DraftVersion; send: ReplySend; at: Date }): SlackMessage;
  /** A send that failed for good: what happened and what to do, with a button to open the kept draft. */
  failed(input: { send: ReplySend; draftName: string; reason: SendFailure }): SlackMessage;
  /** A send Zendesk did not take yet that yorisoi retries on its own: nothing to do. */
  retrying(input: { send: ReplySend; draftName: string }): SlackMessage;
  snoozeWoke(input: { snooze: SnoozeRecord; reason: 'time' | 'customer' }): SlackMessage;
}

/** What drafting needs of the template store: search and fetch (the catalog, or a fixed list). */
export interface TemplateLookup {
  /** Best first, at most `limit`. */
  search(query: string, limit: number): Promise<DraftTemplate[]>;
  get(id: string): Promise<DraftTemplate | null>;
}

/** The writing check before send (src/domain/writing-check): warnings are advice, `blocking` holds the send. */
export interface WritingCheck {
  check(
    text: string,
    options?: { requesterName?: string | null },
  ): Promise<import('../writing-check/warning.ts').WritingCheckResult>;
}
