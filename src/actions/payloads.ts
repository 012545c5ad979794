import type { BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';

/**
 * Bolt types a block action's `container` as an open record: the fields listeners read are checked here.
 * A button on a message names the message (and its thread); one in a modal names the view.
 */
const zContainer = z.object({
  message_ts: z.string().optional(),
  thread_ts: z.string().optional(),
  channel_id: z.string().optional(),
});

/** Where a button on a message was pressed: its channel and the thread (or the message that starts one). */
export function buttonThread(body: BlockAction<ButtonAction>): { channelId?: string; threadTs?: string } {
  const parsed = zContainer.safeParse(body.container);
  const c = parsed.success ? parsed.data : {};
  return { channelId: body.channel?.id ?? c.channel_id, threadTs: c.thread_ts ?? c.message_ts };
}

/** The thread a message-shortcut's message belongs to (its own ts when it is a root). */
export function messageThreadTs(message: { ts: string; thread_ts?: unknown }): string {
  return typeof message.thread_ts === 'string' ? message.thread_ts : message.ts;
}
