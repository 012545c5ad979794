import { type Args, optJson, optString } from '../args.ts';
import { LIMITS, slackLength, validateMessageBlocks } from '../block-kit.ts';
import type { SimContext } from '../context.ts';
import { SlackApiError, type SlackMethod } from '../errors.ts';
import { APP_ID, BOT_ID } from '../seed.ts';
import type { SimChannel, SimUser, StoredView } from '../types.ts';

export interface MethodCall {
  ctx: SimContext;
  args: Args;
}

export interface MethodDef {
  /** Which token the method takes: app-level (xapp-) or bot (xoxb-). */
  token: 'bot' | 'app';
  handle(call: MethodCall): Record<string, unknown> | Promise<Record<string, unknown>>;
}

export type MethodTable = Partial<Record<SlackMethod, MethodDef>>;

/** chat.postMessage refused by the per-channel bucket: HTTP 429 with Retry-After. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfter: number) {
    super('ratelimited');
  }
}

/** Finds a channel by id or name (`support`, `#support`); a user id opens the bot's DM with that user. */
export function resolveChannel(ctx: SimContext, value: string): SimChannel | undefined {
  const { channels } = ctx.store;
  const byId = channels.get(value);
  if (byId) return byId;
  const name = value.replace(/^#/, '');
  for (const channel of channels.values()) if (channel.name === name && !channel.is_im) return channel;
  const user = ctx.store.users.find((u) => u.id === value && !u.is_bot);
  if (user) {
    const id = `D${user.id.slice(1)}`;
    const dm: SimChannel = {
      id,
      name: user.id,
      is_member: true,
      is_archived: false,
      created: 1_700_000_000,
      topic: '',
      purpose: '',
      is_im: true,
      user: user.id,
    };
    channels.set(id, dm);
    return dm;
  }
  return undefined;
}

/** Public channels are visible to the bot; private ones only when it is a member. */
export function visibleToBot(c: SimChannel): boolean {
  return c.is_member || !c.is_private;
}

export function channelObject(ctx: SimContext, c: SimChannel): Record<string, unknown> {
  if (c.is_im) {
    return {
      id: c.id,
      is_im: true,
      is_channel: false,
      is_group: false,
      is_private: true,
      user: c.user,
      created: c.created,
      is_open: true,
    };
  }
  return {
    id: c.id,
    name: c.name,
    name_normalized: c.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: c.is_private ?? false,
    is_archived: c.is_archived,
    is_general: false,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    is_member: c.is_member,
    created: c.created,
    creator: 'U0LEAD',
    context_team_id: ctx.config.teamId,
    topic: { value: c.topic, creator: '', last_set: 0 },
    purpose: { value: c.purpose, creator: '', last_set: 0 },
    num_members: ctx.store.users.length,
  };
}

export function userObject(
  ctx: SimContext,
  u: SimUser,
  options: { includeLocale?: boolean } = {},
): Record<string, unknown> {
  return {
    ...(options.includeLocale ? { locale: u.locale } : {}),
    id: u.id,
    team_id: ctx.config.teamId,
    name: u.name,
    deleted: false,
    real_name: u.real_name,
    tz: u.tz,
    tz_label: 'Japan Standard Time',
    tz_offset: 32_400,
    is_admin: u.role === 'lead',
    is_owner: false,
    is_bot: u.is_bot,
    is_app_user: false,
    updated: 1_700_000_000,
    profile: {
      real_name: u.real_name,
      display_name: u.name,
      real_name_normalized: u.real_name,
      display_name_normalized: u.name,
      ...(u.is_bot ? { bot_id: BOT_ID, api_app_id: APP_ID } : { email: u.email }),
      team: ctx.config.teamId,
    },
  };
}

export function viewObject(ctx: SimContext, v: StoredView): Record<string, unknown> {
  const d = v.definition;
  return {
    id: v.id,
    team_id: v.team_id,
    type: v.type,
    ...(d.title !== undefined ? { title: d.title } : {}),
    ...(d.submit !== undefined ? { submit: d.submit } : {}),
    ...(d.close !== undefined ? { close: d.close } : {}),
    blocks: d.blocks ?? [],
    private_metadata: d.private_metadata ?? '',
    callback_id: d.callback_id ?? '',
    state: v.state,
    hash: v.hash,
    clear_on_close: d.clear_on_close ?? false,
    notify_on_close: d.notify_on_close ?? false,
    submit_disabled: d.submit_disabled ?? false,
    external_id: v.external_id,
    root_view_id: v.root_view_id,
    previous_view_id: v.previous_view_id,
    app_id: APP_ID,
    app_installed_team_id: ctx.config.teamId,
    bot_id: BOT_ID,
  };
}

export interface MessageContent {
  text: string;
  blocks?: unknown[];
  /** Legacy attachments: a colour bar (`color`) beside blocks or text. */
  attachments?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** Which of text/blocks/metadata the call actually carried (chat.update keeps the rest). */
  given: { text: boolean; blocks: boolean; metadata: boolean; attachments: boolean };
}

const ATTACHMENT_COLOR = /^(good|warning|danger|#?[0-9a-fA-F]{6})$/;

/** `attachments`: an array of objects; their blocks are checked like a message's (invalid_blocks). */
function readAttachments(args: Args): unknown[] | undefined {
  const arg = optJson(args, 'attachments');
  if (arg === undefined) return undefined;
  if ('bad' in arg || !Array.isArray(arg.value))
    throw new SlackApiError('invalid_arguments', ['[ERROR] attachments must be a JSON array']);
  for (const [i, a] of arg.value.entries()) {
    if (typeof a !== 'object' || a === null || Array.isArray(a))
      throw new SlackApiError('invalid_arguments', [`[ERROR] attachments[${i}] must be an object`]);
    const att = a as Record<string, unknown>;
    if (att.color !== undefined && (typeof att.color !== 'string' || !ATTACHMENT_COLOR.test(att.color)))
      throw new SlackApiError('invalid_arguments', [
        `[ERROR] attachments[${i}].color must be good, warning, danger or a hex colour`,
      ]);
    if (att.blocks !== undefined) {
      const problems = validateMessageBlocks(att.blocks);
      if (problems.length > 0)
        throw new SlackApiError(
          'invalid_blocks',
          problems.map((p) => p.replace('/blocks', `/attachments/${i}/blocks`)),
        );
    }
  }
  return arg.value;
}

const METADATA_LIMIT = 16_384;

/**
 * text / blocks / markdown_text / metadata of chat.postMessage, chat.update and chat.postEphemeral,
 * checked the way Slack checks them. `method` only narrows which error names may be used.
 */
export function readMessageContent(
  method: 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral',
  args: Args,
  opts: { requireContent: boolean },
): MessageContent {
  const text = optString(args, 'text');
  const markdown = optString(args, 'markdown_text');
  const blocksArg = optJson(args, 'blocks');
  const attachments = readAttachments(args);
  const hasAttachments = attachments !== undefined && attachments.length > 0;

  if (markdown !== undefined && (text !== undefined || blocksArg !== undefined)) {
    throw new SlackApiError('markdown_text_conflict');
  }
  let blocks: unknown[] | undefined;
  if (blocksArg && 'bad' in blocksArg)
    throw new SlackApiError('invalid_blocks_format', ['[ERROR] blocks must be a JSON array']);
  if (blocksArg) {
    if (!Array.isArray(blocksArg.value))
      throw new SlackApiError('invalid_blocks_format', ['[ERROR] blocks must be a JSON array']);
    const problems = validateMessageBlocks(blocksArg.value);
    if (problems.length > 0) throw new SlackApiError('invalid_blocks', problems);
    blocks = blocksArg.value;
  }
  if (markdown !== undefined) blocks = [{ type: 'markdown', text: markdown }];

  const finalText = text ?? markdown ?? '';
  if (opts.requireContent && finalText === '' && (!blocks || blocks.length === 0) && !hasAttachments) {
    throw new SlackApiError('no_text');
  }
  if (slackLength(finalText) > LIMITS.messageText) {
    throw new SlackApiError('msg_too_long', [
      `[ERROR] text must be at most ${LIMITS.messageText} characters`,
    ]);
  }

  let metadata: MessageContent['metadata'];
  const metadataArg = method === 'chat.postEphemeral' ? undefined : optJson(args, 'metadata');
  if (metadataArg && 'bad' in metadataArg) throw new SlackApiError('invalid_metadata_format');
  if (metadataArg) {
    const m = metadataArg.value as Record<string, unknown> | null;
    if (
      typeof m !== 'object' ||
      m === null ||
      typeof m.event_type !== 'string' ||
      typeof m.event_payload !== 'object' ||
      m.event_payload === null ||
      Array.isArray(m.event_payload)
    ) {
      throw new SlackApiError('invalid_metadata_schema', [
        '[ERROR] metadata needs event_type (string) and event_payload (object)',
      ]);
    }
    if (JSON.stringify(m).length > METADATA_LIMIT) throw new SlackApiError('metadata_too_large');
    metadata = { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> };
  }

  return {
    text: finalText,
    ...(blocks ? { blocks } : {}),
    ...(metadata ? { metadata } : {}),
    ...(attachments ? { attachments } : {}),
    given: {
      text: text !== undefined || markdown !== undefined,
      blocks: blocks !== undefined,
      metadata: metadata !== undefined,
      attachments: attachments !== undefined,
    },
  };
}

export function encodeCursor(value: string): string {
  return Buffer.from(value).toString('base64');
}

/** Decodes a cursor made by encodeCursor with the given prefix; throws invalid_cursor otherwise. */
export function decodeCursor(cursor: string | undefined, prefix: string): string | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith(`${prefix}:`)) throw new SlackApiError('invalid_cursor');
  return decoded.slice(prefix.length + 1);
}
