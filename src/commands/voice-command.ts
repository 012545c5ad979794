import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { asYorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { commandPlainText } from '../listeners/command-text.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { Commands } from '../views/ids.ts';
import { escapeMrkdwn } from '../views/mrkdwn.ts';
import { buildSubscribed, buildSubscriptionList, buildVoiceHelp } from '../views/voice.ts';

const FILTER_MAX = 2000;

const CANNOT_POST = {
  hidden: 'voice.cannot_post_hidden',
  archived: 'voice.cannot_post_archived',
} as const;

/**
 * Whether yorisoi can post in a channel: public channels take its posts even when it is not a member
 * (chat:write.public); a private channel or a DM it is not in does not exist for it (channel_not_found).
 */
async function postable(client: WebClient, channel: string): Promise<'ok' | keyof typeof CANNOT_POST> {
  try {
    const info = await client.conversations.info({ channel });
    const c = info.channel as
      | { is_archived?: boolean; is_private?: boolean; is_member?: boolean }
      | undefined;
    if (c?.is_archived) return 'archived';
    if (c?.is_private && c.is_member === false) return 'hidden';
    return 'ok';
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found' || code === 'not_in_channel') return 'hidden';
    throw error;
  }
}

/**
 * `/voice subscribe FILTER | list | unsubscribe ID | digest | help` in the channel that should hear the
 * customers. Acks at once; answers ephemerally (a new subscription is announced to the channel).
 */
export function registerVoiceCommand(app: App, deps: AppDeps) {
  app.command(Commands.voice, async ({ ack, command, respond, client }) => {
    await ack();
    // Answers only the caller sees are in their language; the announcement of a new subscription is a
    // channel post, in the workspace's.
    const t = translator(await deps.readerLocale(command.user_id));
    try {
      if ((command.text ?? '').length > FILTER_MAX) {
        await respond({ response_type: 'ephemeral', text: t('voice.filter_too_long') });
        return;
      }
      const text = commandPlainText(command.text ?? '').trim();
      const [sub = 'help', ...rest] = text.split(/\s+/).filter(Boolean);
      const args = text.slice(sub.length).trim();
      switch (sub.toLowerCase()) {
        case 'subscribe': {
          const where = await postable(client, command.channel_id);
          if (where !== 'ok') {
            await respond({ response_type: 'ephemeral', text: t(CANNOT_POST[where]) });
            return;
          }
          const s = await deps.voice.subscribe({
            channelId: command.channel_id,
            userId: command.user_id,
            text: args,
          });
          await respond({ response_type: 'in_channel', ...buildSubscribed(translator(deps.locale), s) });
          return;
        }
        case 'list':
          await respond({
            response_type: 'ephemeral',
            ...buildSubscriptionList(t, command.channel_id, await deps.voice.list(command.channel_id)),
          });
          return;
        case 'unsubscribe': {
          const id = rest[0];
          if (!id) {
            await respond({
              response_type: 'ephemeral',
              text: t('voice.unsubscribe_which'),
            });
            return;
          }
          await deps.voice.unsubscribe(command.channel_id, id);
          await respond({
            response_type: 'ephemeral',
            text: t('voice.unsubscribed', { id, channel: command.channel_id }),
          });
          return;
        }
        case 'digest': {
          const digests = await deps.voice.todaysDigests(command.channel_id);
          if (digests.length === 0) {
            await respond({
              response_type: 'ephemeral',
              text: t('voice.no_subscriptions_yet', { channel: command.channel_id }),
            });
            return;
          }
          for (const d of digests.slice(0, 5)) await respond({ response_type: 'ephemeral', ...d });
          return;
        }
        case 'help':
          await respond({ response_type: 'ephemeral', ...buildVoiceHelp(t) });
          return;
        default:
          await respond({
            response_type: 'ephemeral',
            text: t('voice.unknown_subcommand', { sub: escapeMrkdwn(sub) }),
          });
      }
    } catch (error) {
      const e = asYorisoiError(error);
      if (e.code === 'internal') deps.logger.error('/voice failed', { error });
      await respond({ response_type: 'ephemeral', text: e.userMessage });
    }
  });
}
