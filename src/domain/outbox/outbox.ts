import type { KnownBlock, MessageAttachment } from '@slack/types';

/** A Slack message as yorisoi renders it; blocks are built in src/views and valid by construction. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
  attachments?: MessageAttachment[];
  /**
   * Simpler forms of the same message, tried in order when Slack refuses this one for good because of its
   * content (invalid_blocks, msg_blocks_too_long …): a ticket must never stay invisible. Each says in the
   * channel that it is a short form. Never sent to Slack as a field.
   */
  degraded?: SlackMessage[];
}

/** Slack errors about a message's content: a simpler form of the same message may still go through. */
export const CONTENT_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_attachments',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'invalid_arguments',
]);

/**
 * One Slack write that must happen exactly once. `key` is the idempotency key: enqueueing an effect with a
 * key already present does nothing.
 *  - post_root: the ticket's thread root; its ts is stored on the ticket.
 *  - post_in_thread: a reply under the ticket's root (waits until the root exists).
 *  - update_root: chat.update of the ticket's root.
 *  - update_message: chat.update of another message of the ticket's thread, the one yorisoi posted under
 *    `targetKey` (a shared draft that was then sent). It runs after that post (same ticket, later row).
 *  - post: a plain message to a channel, optionally in a known thread.
 *  - post_thread_root / post_in_group_thread: a thread that belongs to no ticket (a voice thread, an alert
 *    episode), named by `group`; its root's ts is the sent root row's ts. Replies wait for the root.
 *  - upload_file: a file shared with files.uploadV2, into the group's thread when `group` is set.
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
      kind: 'update_message';
      key: string;
      channelId: string;
      ticketId: string;
      targetKey: string;
      message: SlackMessage;
    }
  | {
      kind: 'post';
      key: string;
      channelId: string;
      threadTs?: string;
      ticketId?: string;
      message: SlackMessage;
    }
  | { kind: 'post_thread_root'; key: string; channelId: string; group: string; message: SlackMessage }
  | {
      kind: 'post_in_group_thread';
      key: string;
      channelId: string;
      group: string;
      message: SlackMessage;
      broadcast?: boolean;
    }
  | {
      kind: 'upload_file';
      key: string;
      channelId: string;
      group?: string;
      file: OutboxFile;
      initialComment?: string;
    };

/** A file to upload; the bytes travel in the outbox row so a retry uploads the same image. */
export interface OutboxFile {
  filename: string;
  title: string;
  altText: string;
  contentBase64: string;
}

/** The ordering group of an effect: messages of one ticket (or one voice/alert thread) go out in order. */
export function orderGroupOf(effect: OutboxEffect): string | null {
  if ('group' in effect && effect.group) return effect.group;
  if ('ticketId' in effect && effect.ticketId) return effect.ticketId;
  return null;
}

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
