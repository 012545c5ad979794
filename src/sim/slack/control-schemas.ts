import { z } from 'zod';

/** Bodies of the /_sim/slack control API; the direct methods of SlackSim parse the same shapes. */

const id = z.string().min(1);
const waitMs = z.number().int().min(0).max(30_000).optional();

export const CommandInput = z.object({
  user: id,
  channel: id,
  command: z.string().regex(/^\/[\w-]+$/, 'a slash command such as /yorisoi'),
  text: z.string().default(''),
  wait_ms: waitMs,
});

export const ActionInput = z
  .object({
    user: id,
    channel: id.optional(),
    message_ts: id.optional(),
    action_id: id,
    value: z.string().optional(),
    block_id: id.optional(),
    view_id: id.optional(),
    /** Inputs the user typed into the view before this interaction: {block_id: value}, as for submit. */
    values: z.record(z.string(), z.unknown()).optional(),
    wait_ms: waitMs,
  })
  .refine((a) => a.view_id !== undefined || (a.channel !== undefined && a.message_ts !== undefined), {
    message: 'give channel and message_ts, or view_id',
  });

export const ShortcutInput = z.object({
  user: id,
  channel: id.optional(),
  message_ts: id.optional(),
  callback_id: id,
  wait_ms: waitMs,
});

export const SubmitInput = z.object({
  user: id.optional(),
  values: z.record(z.string(), z.unknown()).default({}),
});

export const CloseInput = z.object({
  user: id.optional(),
  all: z.boolean().optional(),
  /** Inputs typed before closing (view_closed carries the view's state). */
  values: z.record(z.string(), z.unknown()).optional(),
});

export const UserMessageInput = z.object({
  user: id,
  channel: id,
  text: z.string().min(1),
  thread_ts: id.optional(),
});

export const FaultInput = z.object({
  method: z
    .string()
    .regex(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/)
    .optional(),
  status: z.union([
    z.literal(500),
    z.literal(429),
    z.literal('timeout'),
    z.literal('reset'),
    z.literal('error'),
  ]),
  /** With status 'error': the Slack error answered (`{ok: false, error}`), default invalid_blocks. */
  error: z
    .string()
    .regex(/^[a-z_]{1,60}$/)
    .optional(),
  count: z.number().int().min(1).default(1),
  retry_after: z.number().int().min(0).optional(),
  hang_ms: z.number().int().min(0).optional(),
  /** 'after': the call does its work (stores the message), then fails this way. */
  when: z.enum(['before', 'after']).optional(),
});

const perMinute = z.number().positive();
/** chat.postMessage's per-channel bucket (perSecond + burst) and/or per-minute limits of tiers and methods. */
export const RateInput = z
  .object({
    perSecond: z.number().positive().optional(),
    burst: z.number().int().min(1).optional(),
    tiers: z
      .object({ t1: perMinute, t2: perMinute, t3: perMinute, t4: perMinute, special: perMinute })
      .partial()
      .optional(),
    methods: z.record(z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z]+)+$/), perMinute).optional(),
  })
  .refine((r) => (r.perSecond === undefined) === (r.burst === undefined), {
    message: 'give perSecond and burst together',
  });

export const LatencyInput = z
  .object({ min_ms: z.number().int().min(0).max(30_000), max_ms: z.number().int().min(0).max(30_000) })
  .refine((l) => l.max_ms >= l.min_ms, { message: 'max_ms must be at least min_ms' });

/** Changes what the bot is to a channel: in it or not, and whether the channel is private. */
export const ChannelPatchInput = z.object({
  is_member: z.boolean().optional(),
  is_private: z.boolean().optional(),
  is_archived: z.boolean().optional(),
});

/** Slack asks the Socket Mode client to reconnect (`{"type":"disconnect","reason":...}`). */
export const DisconnectInput = z.object({
  reason: z.enum(['warning', 'refresh_requested', 'link_disabled']).default('refresh_requested'),
  /** Slack closes the old connection this long after the frame (real Slack: about 10 s for warning). */
  close_after_ms: z.number().int().min(0).max(60_000).default(1000),
});

export const EventInput = z.looseObject({ type: z.string().min(1) });

export type CommandInput = z.input<typeof CommandInput>;
export type ActionInput = z.input<typeof ActionInput>;
export type ShortcutInput = z.input<typeof ShortcutInput>;
export type SubmitInput = z.input<typeof SubmitInput>;
export type CloseInput = z.input<typeof CloseInput>;
export type UserMessageInput = z.input<typeof UserMessageInput>;
export type FaultInput = z.input<typeof FaultInput>;
export type RateInput = z.input<typeof RateInput>;
export type EventInput = z.input<typeof EventInput>;
export type LatencyInput = z.input<typeof LatencyInput>;
export type ChannelPatchInput = z.input<typeof ChannelPatchInput>;
export type DisconnectInput = z.input<typeof DisconnectInput>;

export const ChannelInput = z.object({
  id: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'a channel id such as C0NEWS'),
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'a channel name: lower-case, digits, - and _'),
  is_member: z.boolean().default(true),
  is_private: z.boolean().default(false),
});
export type ChannelInput = z.input<typeof ChannelInput>;
