import { type Args, optBool, optInt, optString, reqString } from '../args.ts';
import { slackError } from '../errors.ts';
import { parseTs } from '../ids.ts';
import { findMessage, toSlackMessage } from '../store.ts';
import type { StoredMessage } from '../types.ts';
import {
  channelObject,
  decodeCursor,
  encodeCursor,
  type MethodTable,
  resolveChannel,
  visibleToBot,
} from './common.ts';

function timeWindow(method: 'conversations.history' | 'conversations.replies', args: Args) {
  const oldestArg = optString(args, 'oldest');
  const latestArg = optString(args, 'latest');
  const oldest = oldestArg === undefined ? 0 : parseTs(oldestArg);
  const latest = latestArg === undefined ? Number.MAX_SAFE_INTEGER : parseTs(latestArg);
  if (oldest === undefined) throw slackError(method, 'invalid_ts_oldest');
  if (latest === undefined) throw slackError(method, 'invalid_ts_latest');
  const inclusive = optBool(args, 'inclusive') ?? false;
  return (m: StoredMessage) => {
    const t = parseTs(m.ts) ?? 0;
    return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
  };
}

function pageLimit(args: Args): number {
  const limit = optInt(args, 'limit') ?? 100;
  return Math.min(Math.max(limit, 1), 999);
}

function offsetPage<T>(items: T[], args: Args, limit: number) {
  const offset = Number(decodeCursor(optString(args, 'cursor'), 'offset') ?? '0');
  if (!Number.isInteger(offset) || offset < 0) throw slackError('conversations.list', 'invalid_cursor');
  const page = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { page, more, next: more ? encodeCursor(`offset:${offset + limit}`) : '' };
}

export const conversationMethods: MethodTable = {
  'conversations.history': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      if (!channel || !visibleToBot(channel)) throw slackError('conversations.history', 'channel_not_found');
      if (!channel.is_member) throw slackError('conversations.history', 'not_in_channel');
      const inWindow = timeWindow('conversations.history', args);
      const limit = pageLimit(args);
      const before = decodeCursor(optString(args, 'cursor'), 'next_ts');
      const beforeMicros = before === undefined ? undefined : parseTs(before);
      if (before !== undefined && beforeMicros === undefined)
        throw slackError('conversations.history', 'invalid_cursor');
      const includeMetadata = optBool(args, 'include_all_metadata') ?? false;
      const visible = ctx.store.messages
        .filter((m) => m.channel === channel.id)
        .filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast)
        .filter(inWindow)
        .filter((m) => beforeMicros === undefined || (parseTs(m.ts) ?? 0) < beforeMicros)
        .reverse();
      const page = visible.slice(0, limit);
      const hasMore = visible.length > limit;
      const last = page[page.length - 1];
      return {
        messages: page.map((m) => toSlackMessage(ctx.store, m, ctx.config.teamId, includeMetadata)),
        has_more: hasMore,
        pin_count: 0,
        channel_actions_ts: null,
        channel_actions_count: 0,
        ...(hasMore && last
          ? { response_metadata: { next_cursor: encodeCursor(`next_ts:${last.ts}`) } }
          : {}),
      };
    },
  },

  'conversations.replies': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      // Reading needs membership; Slack's replies documents no not_in_channel and hides the channel instead.
      if (!channel?.is_member) throw slackError('conversations.replies', 'channel_not_found');
      const ts = reqString(args, 'ts');
      const found = findMessage(ctx.store, channel.id, ts);
      if (!found) throw slackError('conversations.replies', 'thread_not_found');
      const parentTs = found.thread_ts ?? found.ts;
      const parent = findMessage(ctx.store, channel.id, parentTs) ?? found;
      const inWindow = timeWindow('conversations.replies', args);
      const includeMetadata = optBool(args, 'include_all_metadata') ?? false;
      const replies = ctx.store.messages
        .filter((m) => m.channel === channel.id && m.thread_ts === parentTs && m.ts !== parentTs)
        .filter(inWindow);
      const all = [parent, ...replies];
      const limit = pageLimit(args);
      const offset = Number(decodeCursor(optString(args, 'cursor'), 'offset') ?? '0');
      if (!Number.isInteger(offset) || offset < 0)
        throw slackError('conversations.replies', 'invalid_cursor');
      const page = all.slice(offset, offset + limit);
      const hasMore = offset + limit < all.length;
      return {
        messages: page.map((m) => toSlackMessage(ctx.store, m, ctx.config.teamId, includeMetadata)),
        has_more: hasMore,
        ...(hasMore ? { response_metadata: { next_cursor: encodeCursor(`offset:${offset + limit}`) } } : {}),
      };
    },
  },

  'conversations.info': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      if (!channel || !visibleToBot(channel)) throw slackError('conversations.info', 'channel_not_found');
      return { channel: channelObject(ctx, channel) };
    },
  },

  'conversations.join': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      // A private channel is joined by invitation only: one the bot is not in does not exist for it.
      if (!channel || !visibleToBot(channel)) throw slackError('conversations.join', 'channel_not_found');
      if (channel.is_archived) throw slackError('conversations.join', 'is_archived');
      const already = channel.is_member;
      channel.is_member = true;
      return {
        channel: channelObject(ctx, channel),
        ...(already
          ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } }
          : {}),
      };
    },
  },

  'conversations.list': {
    token: 'bot',
    handle({ ctx, args }) {
      const types = (optString(args, 'types') ?? 'public_channel').split(',').map((t) => t.trim());
      const known = ['public_channel', 'private_channel', 'mpim', 'im'];
      if (types.some((t) => !known.includes(t))) throw slackError('conversations.list', 'invalid_types');
      const limitArg = optInt(args, 'limit');
      if (limitArg !== undefined && (limitArg < 1 || limitArg > 1000))
        throw slackError('conversations.list', 'invalid_limit');
      const excludeArchived = optBool(args, 'exclude_archived') ?? false;
      const channels = [...ctx.store.channels.values()]
        .filter((c) =>
          c.is_im
            ? types.includes('im')
            : c.is_private
              ? types.includes('private_channel') && c.is_member
              : types.includes('public_channel'),
        )
        .filter((c) => !(excludeArchived && c.is_archived));
      const { page, more, next } = offsetPage(channels, args, limitArg ?? 100);
      return {
        channels: page.map((c) => channelObject(ctx, c)),
        response_metadata: { next_cursor: more ? next : '' },
      };
    },
  },
};
