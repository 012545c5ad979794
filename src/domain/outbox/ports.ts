import type { OutboxItem, OutboxStatus, SlackMessage } from './outbox.ts';

/** The Slack operations the outbox needs; implemented over @slack/web-api in src/slack. */
export interface SlackWriter {
  post(input: {
    channel: string;
    message: SlackMessage;
    threadTs?: string;
    broadcast?: boolean;
    key: string;
  }): Promise<{ ts: string }>;
  /** files.uploadV2 (getUploadURLExternal, upload, completeUploadExternal). */
  upload(input: {
    channel: string;
    threadTs?: string;
    filename: string;
    title: string;
    altText: string;
    bytes: Uint8Array;
    initialComment?: string;
  }): Promise<{ fileId: string | null }>;
  update(input: { channel: string; ts: string; message: SlackMessage }): Promise<void>;
  /**
   * The ts of a message we posted with this outbox key, if Slack has it (recovery after a crash). Throws
   * SlackWriteError `unreadable` when the bot may not read the channel (a public channel it never joined:
   * chat:write.public lets it post there, not read).
   */
  findPosted(input: { channel: string; key: string; threadTs?: string; since: Date }): Promise<string | null>;
  /**
   * conversations.join (channels:join): 'joined' (or already in), 'gone' when the channel does not exist
   * for the bot or is archived (nothing can be posted there), 'refused' otherwise (private, no scope).
   */
  join(channel: string): Promise<'joined' | 'gone' | 'refused'>;
}

export type SlackWriteFailure =
  | { kind: 'rate_limited'; retryAfterMs: number; detail: string }
  /** maybeDelivered: the request may have reached Slack (timeout, connection lost mid-call). */
  | { kind: 'transient'; detail: string; maybeDelivered?: boolean }
  | { kind: 'permanent'; detail: string }
  /** Reading the channel (history/replies) is not allowed for the bot: not_in_channel, channel_not_found. */
  | { kind: 'unreadable'; detail: string };

export class SlackWriteError extends Error {
  constructor(readonly failure: SlackWriteFailure) {
    super(`slack write failed (${failure.kind}): ${failure.detail}`);
    this.name = 'SlackWriteError';
  }
}

/** Where outbox rows are kept (SQLite or PostgreSQL through Prisma in src/storage). */
export interface OutboxStore {
  /** Pending items due at `now`, oldest first, at most the first unsent item of each ticket. */
  due(now: Date, limit: number): Promise<OutboxItem[]>;
  /** pending → sending, claimed by this instance until its lease ends; false when someone else claimed it first. */
  claim(id: number): Promise<boolean>;
  /** Extends this instance's claim on rows it is still sending. */
  renew(ids: number[]): Promise<void>;
  /**
   * Right before a Slack call: extends this instance's claim on the row and answers whether it still holds
   * it (false: its claim ran out during a stall and another instance took the row over — do not call Slack).
   */
  confirm(id: number): Promise<boolean>;
  /**
   * Items in `sending` whose claim expired (an instance died mid-call) or that this instance claimed itself
   * (the caller excludes what it is sending right now): their outcome at Slack is unknown.
   */
  inDoubt(now: Date): Promise<OutboxItem[]>;
  /** sending → pending for a resend after a look-up, unless another instance took the item over first. */
  takeOver(id: number, now: Date, error: string): Promise<boolean>;
  markSent(id: number, slackTs: string | null): Promise<void>;
  reschedule(id: number, at: Date, error: string): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  rootTsOf(ticketId: string): Promise<string | null>;
  /** ts of the message a sent row posted under this idempotency key (null: not posted, or failed). */
  tsOfKey(key: string): Promise<string | null>;
  /** ts of the sent `post_thread_root` of a group (voice thread, alert episode). */
  groupRootTsOf(group: string): Promise<string | null>;
  nextDueAt(): Promise<Date | null>;
  counts(): Promise<Record<OutboxStatus, number>>;
}
