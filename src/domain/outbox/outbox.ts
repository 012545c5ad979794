/** A Slack message as yorisoi renders it; blocks are built in src/views and valid by construction. */
export interface SlackMessage {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/**
 * One Slack write that must happen exactly once. `key` is the idempotency key: enqueueing an effect with a
 * key already present does nothing.
 *  - post_root: the ticket's thread root; its ts is stored on the ticket.
 *  - post_in_thread: a reply under the ticket's root (waits until the root exists).
 *  - update_root: chat.update of the ticket's root.
 *  - post: a plain message to a channel, optionally in a known thread.
 */
export type OutboxEffect =
  | { kind: 'post_root'; key: string; channelId: string; ticketId: string; message: SlackMessage }
  | {
      kind: 'post_in_thread';
      key: string;
      channelId: string;
      ticketId: string;
      message: SlackMessage;
      broadcast?: boolean;
    }
  | { kind: 'update_root'; key: string; channelId: string; ticketId: string; message: SlackMessage }
  | {
      kind: 'post';
      key: string;
      channelId: string;
      threadTs?: string;
      ticketId?: string;
      message: SlackMessage;
    };

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: number;
  effect: OutboxEffect;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  slackTs: string | null;
  /** Why the last attempt failed; `maybe-posted:` marks failures after which Slack may have the message. */
  lastError: string | null;
}

export interface OutboxStore {
  /** Pending items due at `now`, oldest first, at most the first unsent item of each ticket. */
  due(now: Date, limit: number): Promise<OutboxItem[]>;
  /** pending → sending; false when someone else claimed it first. */
  claim(id: number): Promise<boolean>;
  /** Items left in `sending` by a process that died: their outcome at Slack is unknown. */
  inDoubt(): Promise<OutboxItem[]>;
  markSent(id: number, slackTs: string | null): Promise<void>;
  reschedule(id: number, at: Date, error: string): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  rootTsOf(ticketId: string): Promise<string | null>;
  nextDueAt(): Promise<Date | null>;
  counts(): Promise<Record<OutboxStatus, number>>;
}
