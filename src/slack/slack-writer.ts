import {
  ErrorCode,
  type FilesUploadV2Arguments,
  type WebAPICallResult,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { SlackWriteError, type SlackWriter } from '../domain/outbox/ports.ts';

const METADATA_EVENT = 'yorisoi_outbox';
/** Errors that will not go away by trying again. Anything else (5xx, network, timeouts) is transient. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_blocks',
  'invalid_attachments',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'cant_update_message',
  'message_not_found',
  'edit_window_closed',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'invalid_arguments',
  'restricted_action',
  'method_not_supported_for_channel_type',
]);

/** Read errors that mean "not allowed to read here", not "the message is not there". */
const UNREADABLE = new Set(['not_in_channel', 'channel_not_found']);

function classify(error: unknown): SlackWriteError {
  const e = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    message?: string;
  };
  if (e.code === ErrorCode.RateLimitedError) {
    return new SlackWriteError({
      kind: 'rate_limited',
      retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000,
      detail: 'ratelimited',
    });
  }
  if (e.code === ErrorCode.PlatformError) {
    const name = e.data?.error ?? 'unknown_error';
    if (name === 'ratelimited')
      return new SlackWriteError({ kind: 'rate_limited', retryAfterMs: 1000, detail: name });
    return new SlackWriteError({ kind: PERMANENT.has(name) ? 'permanent' : 'transient', detail: name });
  }
  // A 4xx means Slack refused the request. A 5xx may come after Slack stored the message (a proxy or a
  // backend failing after the write), and a timeout or reset tells nothing: both are in doubt.
  const refused = e.code === ErrorCode.HTTPError && (e.statusCode ?? 500) < 500;
  return new SlackWriteError({
    kind: 'transient',
    detail: e.message ?? String(error),
    maybeDelivered: !refused,
  });
}

/**
 * A WebClient that never retries on its own: the outbox decides when to try again, so one channel's 429
 * does not pause every other channel (web-api's default pauses its whole queue).
 */
export function createOutboxWebClient(
  token: string,
  slackApiUrl?: string,
  logger?: WebClientOptions['logger'],
) {
  return new WebClient(token, {
    slackApiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger,
  });
}

export function createSlackWriter(client: WebClient): SlackWriter {
  return {
    async post({ channel, message, threadTs, broadcast, key }) {
      try {
        const r = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          attachments: message.attachments,
          thread_ts: threadTs,
          reply_broadcast: broadcast as false | undefined,
          unfurl_links: false,
          metadata: { event_type: METADATA_EVENT, event_payload: { key } },
        });
        return { ts: r.ts as string };
      } catch (error) {
        throw classify(error);
      }
    },
    async upload({ channel, threadTs, filename, title, altText, bytes, initialComment }) {
      try {
        const common = {
          file: Buffer.from(bytes),
          filename,
          title,
          alt_text: altText,
          ...(initialComment ? { initial_comment: initialComment } : {}),
        };
        const args: FilesUploadV2Arguments = threadTs
          ? { ...common, channel_id: channel, thread_ts: threadTs }
          : { ...common, channel_id: channel };
        const r = (await client.filesUploadV2(args)) as WebAPICallResult & {
          files?: Array<{ files?: Array<{ id?: string }> }>;
        };
        return { fileId: r.files?.[0]?.files?.[0]?.id ?? null };
      } catch (error) {
        throw classify(error);
      }
    },
    async update({ channel, ts, message }) {
      try {
        await client.chat.update({
          channel,
          ts,
          text: message.text,
          blocks: message.blocks,
          attachments: message.attachments,
        });
      } catch (error) {
        throw classify(error);
      }
    },
    async findPosted({ channel, key, threadTs, since }) {
      try {
        let cursor: string | undefined;
        for (let page = 0; page < 10; page++) {
          const args = {
            channel,
            include_all_metadata: true,
            limit: 200,
            cursor,
            oldest: String(since.getTime() / 1000),
          };
          const r: WebAPICallResult & {
            messages?: Array<{
              ts?: string;
              metadata?: { event_type?: string; event_payload?: { key?: string } };
            }>;
          } = threadTs
            ? await client.conversations.replies({ ...args, ts: threadTs })
            : await client.conversations.history(args);
          const hit = r.messages?.find(
            (m) => m.metadata?.event_type === METADATA_EVENT && m.metadata.event_payload?.key === key,
          );
          if (hit?.ts) return hit.ts;
          cursor = (r.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
          if (!cursor) return null;
        }
        return null;
      } catch (error) {
        const failure = classify(error);
        // history answers not_in_channel in a public channel the bot never joined; replies hides it
        // (channel_not_found). Neither means the message is not there.
        if (failure.failure.kind === 'permanent' && UNREADABLE.has(failure.failure.detail))
          throw new SlackWriteError({ kind: 'unreadable', detail: failure.failure.detail });
        throw failure;
      }
    },
    async join(channel) {
      try {
        await client.conversations.join({ channel });
        return 'joined';
      } catch (error) {
        const failure = classify(error).failure;
        if (failure.kind === 'permanent' && ['channel_not_found', 'is_archived'].includes(failure.detail))
          return 'gone';
        if (failure.kind === 'permanent' || failure.kind === 'unreadable') return 'refused';
        throw new SlackWriteError(failure);
      }
    },
  };
}
