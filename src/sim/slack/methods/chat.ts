import { optBool, optString, reqString } from '../args.ts';
import { blocksTextLength } from '../block-kit.ts';
import { slackError } from '../errors.ts';
import { parseTs } from '../ids.ts';
import { liveMentions } from '../mentions.ts';
import { APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN } from '../seed.ts';
import { findMessage, insertMessage, toSlackMessage } from '../store.ts';
import type { StoredEphemeral, StoredMessage } from '../types.ts';
import {
  type MethodTable,
  RateLimitedError,
  readMessageContent,
  resolveChannel,
  visibleToBot,
} from './common.ts';

export const chatMethods: MethodTable = {
  'chat.postMessage': {
    token: 'bot',
    handle({ ctx, args }) {
      const channelArg = reqString(args, 'channel');
      const channel = resolveChannel(ctx, channelArg);
      const retryAfter = ctx.rate.take(channel?.id ?? channelArg);
      if (retryAfter !== undefined) throw new RateLimitedError(retryAfter);
      // A private channel the bot is not in does not exist for it; a public one takes posts anyway
      // (chat:write.public), though the bot cannot read it back (conversations.history: not_in_channel).
      if (!channel || !visibleToBot(channel)) throw slackError('chat.postMessage', 'channel_not_found');
      if (channel.is_archived) throw slackError('chat.postMessage', 'is_archived');
      const content = readMessageContent('chat.postMessage', args, { requireContent: true });
      if (content.blocks && blocksTextLength(content.blocks) > ctx.config.blocksTextLimit) {
        throw slackError('chat.postMessage', 'msg_blocks_too_long');
      }
      const threadArg = optString(args, 'thread_ts');
      // A reply's ts stands for its thread, as in Slack.
      const parent = threadArg ? findMessage(ctx.store, channel.id, threadArg) : undefined;
      const threadTs = threadArg ? (parent?.thread_ts ?? threadArg) : undefined;
      const message: StoredMessage = {
        channel: channel.id,
        ts: ctx.ids.ts(),
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        app_id: APP_ID,
        text: content.text,
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(content.attachments?.length ? { attachments: content.attachments } : {}),
        ...(content.metadata ? { metadata: content.metadata } : {}),
        would_notify: liveMentions(content),
        ...(threadTs
          ? { thread_ts: threadTs, reply_broadcast: optBool(args, 'reply_broadcast') ?? false }
          : {}),
      };
      insertMessage(ctx.store, message);
      ctx.activity.emit({ kind: 'message', channel: channel.id, ts: message.ts });
      if (ctx.config.deliverBotMessages) ctx.announceMessage(channel.id, message.ts);
      return {
        channel: channel.id,
        ts: message.ts,
        message: toSlackMessage(ctx.store, message, ctx.config.teamId),
      };
    },
  },

  'chat.update': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      if (!channel || !visibleToBot(channel)) throw slackError('chat.update', 'channel_not_found');
      const message = findMessage(ctx.store, channel.id, reqString(args, 'ts'));
      if (!message) throw slackError('chat.update', 'message_not_found');
      if (message.user !== BOT_USER_ID) throw slackError('chat.update', 'cant_update_message');
      const content = readMessageContent('chat.update', args, { requireContent: false });
      if (!content.given.text && !content.given.blocks) throw slackError('chat.update', 'no_text');
      if (content.given.text) message.text = content.text;
      if (content.given.blocks) message.blocks = content.blocks;
      // As in Slack, attachments given replace the old ones; an empty array removes them.
      if (content.given.attachments) {
        if (content.attachments?.length) message.attachments = content.attachments;
        else delete message.attachments;
      }
      if (content.metadata) message.metadata = content.metadata;
      // An edit that adds a mention is flagged too (conservative: the test wants nobody pinged, ever).
      message.would_notify = [...new Set([...(message.would_notify ?? []), ...liveMentions(message)])];
      message.edited = { user: BOT_USER_ID, ts: ctx.ids.ts() };
      ctx.activity.emit({ kind: 'message', channel: channel.id, ts: message.ts });
      return {
        channel: channel.id,
        ts: message.ts,
        text: message.text,
        message: toSlackMessage(ctx.store, message, ctx.config.teamId),
      };
    },
  },

  'chat.postEphemeral': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      if (!channel || !visibleToBot(channel)) throw slackError('chat.postEphemeral', 'channel_not_found');
      if (channel.is_archived) throw slackError('chat.postEphemeral', 'is_archived');
      if (!channel.is_member) throw slackError('chat.postEphemeral', 'not_in_channel');
      const userId = reqString(args, 'user');
      const user = ctx.store.users.find((u) => u.id === userId && !u.is_bot);
      if (!user || (channel.is_im && channel.user !== user.id))
        throw slackError('chat.postEphemeral', 'user_not_in_channel');
      const content = readMessageContent('chat.postEphemeral', args, { requireContent: true });
      const threadTs = optString(args, 'thread_ts');
      const ephemeral: StoredEphemeral = {
        channel: channel.id,
        user: user.id,
        ts: ctx.ids.ts(),
        text: content.text,
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        source: 'chat.postEphemeral',
      };
      ctx.store.ephemerals.push(ephemeral);
      ctx.activity.emit({
        kind: 'response',
        user: user.id,
        channel: channel.id,
        response: {
          kind: 'ephemeral',
          channel: channel.id,
          ts: ephemeral.ts,
          text: ephemeral.text,
          ...(ephemeral.blocks ? { blocks: ephemeral.blocks } : {}),
        },
      });
      return { message_ts: ephemeral.ts };
    },
  },

  'chat.delete': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      if (!channel || !visibleToBot(channel)) throw slackError('chat.delete', 'channel_not_found');
      const ts = reqString(args, 'ts');
      const message = findMessage(ctx.store, channel.id, ts);
      if (!message) throw slackError('chat.delete', 'message_not_found');
      if (message.user !== BOT_USER_ID) throw slackError('chat.delete', 'cant_delete_message');
      ctx.store.messages.splice(ctx.store.messages.indexOf(message), 1);
      ctx.activity.emit({ kind: 'message', channel: channel.id, ts });
      return { channel: channel.id, ts };
    },
  },

  'chat.getPermalink': {
    token: 'bot',
    handle({ ctx, args }) {
      const channel = resolveChannel(ctx, reqString(args, 'channel'));
      if (!channel || !visibleToBot(channel)) throw slackError('chat.getPermalink', 'channel_not_found');
      const ts = reqString(args, 'message_ts');
      const message = findMessage(ctx.store, channel.id, ts);
      if (!message || parseTs(ts) === undefined) throw slackError('chat.getPermalink', 'message_not_found');
      const base = `https://${TEAM_DOMAIN}.slack.com/archives/${channel.id}/p${ts.replace('.', '')}`;
      const permalink =
        message.thread_ts && message.thread_ts !== message.ts
          ? `${base}?thread_ts=${message.thread_ts}&cid=${channel.id}`
          : base;
      return { channel: channel.id, permalink };
    },
  },
};
