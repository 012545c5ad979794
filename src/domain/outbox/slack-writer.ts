import type { SlackMessage } from './outbox.ts';

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
