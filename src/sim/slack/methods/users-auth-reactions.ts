import { optBool, optInt, optString, reqString } from '../args.ts';
import { slackError } from '../errors.ts';
import { APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_NAME } from '../seed.ts';
import { findMessage } from '../store.ts';
import { decodeCursor, encodeCursor, type MethodTable, resolveChannel, userObject } from './common.ts';

export const authMethods: MethodTable = {
  'auth.test': {
    token: 'bot',
    handle({ ctx }) {
      return {
        url: `https://${TEAM_DOMAIN}.slack.com/`,
        team: TEAM_NAME,
        user: 'yorisoi',
        team_id: ctx.config.teamId,
        user_id: BOT_USER_ID,
        bot_id: BOT_ID,
        app_id: APP_ID,
        is_enterprise_install: false,
      };
    },
  },

  'apps.connections.open': {
    token: 'app',
    handle({ ctx }) {
      const ticket = ctx.ids.token(16);
      ctx.store.socketTickets.set(ticket, { created: ctx.clock.now(), used: false });
      const base = ctx.baseUrl().replace(/^http/, 'ws');
      return { url: `${base}/_sim/slack/socket/${ticket}` };
    },
  },
};

export const userMethods: MethodTable = {
  'users.info': {
    token: 'bot',
    handle({ ctx, args }) {
      const id = reqString(args, 'user');
      const user = ctx.store.users.find((u) => u.id === id);
      if (!user) throw slackError('users.info', 'user_not_found');
      return { user: userObject(ctx, user, { includeLocale: optBool(args, 'include_locale') }) };
    },
  },

  'users.list': {
    token: 'bot',
    handle({ ctx, args }) {
      const limit = Math.min(Math.max(optInt(args, 'limit') ?? 200, 1), 1000);
      const offset = Number(decodeCursor(optString(args, 'cursor'), 'offset') ?? '0');
      if (!Number.isInteger(offset) || offset < 0) throw slackError('users.list', 'invalid_cursor');
      const page = ctx.store.users.slice(offset, offset + limit);
      const more = offset + limit < ctx.store.users.length;
      return {
        members: page.map((u) => userObject(ctx, u)),
        cache_ts: Math.floor(ctx.clock.now() / 1000),
        response_metadata: { next_cursor: more ? encodeCursor(`offset:${offset + limit}`) : '' },
      };
    },
  },

  'users.lookupByEmail': {
    token: 'bot',
    handle({ ctx, args }) {
      const email = reqString(args, 'email').toLowerCase();
      const user = ctx.store.users.find((u) => u.email !== '' && u.email.toLowerCase() === email);
      if (!user) throw slackError('users.lookupByEmail', 'users_not_found');
      return { user: userObject(ctx, user) };
    },
  },
};

export const reactionMethods: MethodTable = {
  'reactions.add': {
    token: 'bot',
    handle({ ctx, args }) {
      const channelArg = optString(args, 'channel');
      const timestamp = optString(args, 'timestamp');
      if (channelArg === undefined || timestamp === undefined)
        throw slackError('reactions.add', 'no_item_specified');
      const name = reqString(args, 'name').replace(/^:|:$/g, '');
      if (!/^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name))
        throw slackError('reactions.add', 'invalid_name');
      const channel = resolveChannel(ctx, channelArg);
      if (!channel) throw slackError('reactions.add', 'channel_not_found');
      const message = findMessage(ctx.store, channel.id, timestamp);
      if (!message) throw slackError('reactions.add', 'message_not_found');
      message.reactions ??= [];
      let reaction = message.reactions.find((r) => r.name === name);
      if (reaction?.users.includes(BOT_USER_ID)) throw slackError('reactions.add', 'already_reacted');
      if (!reaction) {
        reaction = { name, users: [], count: 0 };
        message.reactions.push(reaction);
      }
      reaction.users.push(BOT_USER_ID);
      reaction.count = reaction.users.length;
      return {};
    },
  },
};
