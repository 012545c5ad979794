import type { App, Middleware, SlackAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ClickAnswers } from '../listeners/click-answers.ts';
import { ActionIds } from '../views/ids.ts';

/** Link buttons: Slack opens the URL itself but still sends block_actions, which must be acked. */
const LINK_BUTTONS = new Set<string>([ActionIds.openInZendesk, ActionIds.voiceOpenInZendesk]);

interface ClickBody {
  type?: string;
  user?: { id: string };
  channel?: { id: string };
  container?: { type?: string; message_ts?: string; thread_ts?: string; channel_id?: string };
  actions?: Array<{ action_id?: string; url?: string }>;
}

/** The action_ids each app has listeners for, as registerAction recorded them. */
const handledBy = new WeakMap<App, Array<string | RegExp>>();

/**
 * `app.action(actionId, ...listeners)`, noted for the click acknowledgement: a click whose action_id no
 * listener registered here matches is answered "this button no longer works". Every button listener goes
 * through this (tests/unit/action-registration.test.ts), in any order with registerClickAcknowledgement.
 */
export function registerAction<Action extends SlackAction = SlackAction>(
  app: App,
  actionId: string | RegExp,
  ...listeners: Middleware<SlackActionMiddlewareArgs<Action>>[]
) {
  handledBy.set(app, [...(handledBy.get(app) ?? []), actionId]);
  app.action<Action>(actionId, ...listeners);
}

/**
 * Every block_actions click is acknowledged, so Slack never shows the user a warning. Link buttons are
 * acked at once. A click that no listener registered with registerAction matches (an unknown or retired
 * action_id) is acked and the user is told, in the message's place, that the button no longer works.
 */
export function registerClickAcknowledgement(app: App) {
  const matches = (id: string) =>
    (handledBy.get(app) ?? []).some((want) => (typeof want === 'string' ? want === id : want.test(id)));

  app.use(async (args) => {
    const body = args.body as ClickBody;
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    const id = body.actions?.[0]?.action_id ?? '';
    if (body.type !== 'block_actions' || !ack) {
      await args.next();
      return;
    }
    if (body.actions?.[0]?.url || LINK_BUTTONS.has(id)) {
      await ack();
      return;
    }
    if (matches(id)) {
      await args.next();
      return;
    }
    await ack();
    args.logger.info(`click on an unknown button acknowledged: ${id}`);
    await tellClicker(args.client, body, ClickAnswers.unknownButton);
  });
}

/** An ephemeral to the person who clicked, in the message's channel and thread (no-op inside a modal). */
export async function tellClicker(
  client: WebClient,
  body: Pick<ClickBody, 'user' | 'channel' | 'container'>,
  text: string,
) {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const user = body.user?.id;
  if (!channel || !user) return;
  const threadTs = body.container?.thread_ts ?? body.container?.message_ts;
  await client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
}
