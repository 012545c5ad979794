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
  status: z.union([z.literal(500), z.literal(429), z.literal('timeout')]),
  count: z.number().int().min(1).default(1),
  retry_after: z.number().int().min(0).optional(),
  hang_ms: z.number().int().min(0).optional(),
});

export const RateInput = z.object({
  perSecond: z.number().positive(),
  burst: z.number().int().min(1),
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

export const ChannelInput = z.object({
  id: z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'a channel id such as C0NEWS'),
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'a channel name: lower-case, digits, - and _'),
  is_member: z.boolean().default(true),
});
export type ChannelInput = z.input<typeof ChannelInput>;
