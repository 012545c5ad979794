import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { asYorisoiError } from '../errors.ts';
import { commandPlainText } from '../listeners/command-text.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { Commands } from '../views/ids.ts';
import { buildSubscribed, buildSubscriptionList, buildVoiceHelp } from '../views/voice.ts';

const VoiceCommandText = z.string().max(2000, 'That is too long for a filter.');

const CANNOT_POST = {
  hidden:
    'yorisoi はこのチャンネルに投稿できません。`/invite @yorisoi` で招待してから、もう一度 `/voice subscribe` してください。\n' +
    'yorisoi cannot post in this channel. Invite it with `/invite @yorisoi`, then run `/voice subscribe` again.',
  archived:
    'このチャンネルはアーカイブされているため、yorisoi は投稿できません。\n' +
    'This channel is archived, so yorisoi cannot post here.',
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
    try {
      const text = commandPlainText(VoiceCommandText.parse(command.text ?? '')).trim();
      const [sub = 'help', ...rest] = text.split(/\s+/).filter(Boolean);
      const args = text.slice(sub.length).trim();
      switch (sub.toLowerCase()) {
        case 'subscribe': {
          const where = await postable(client, command.channel_id);
          if (where !== 'ok') {
            await respond({ response_type: 'ephemeral', text: CANNOT_POST[where] });
            return;
          }
          const s = await deps.voice.subscribe({
            channelId: command.channel_id,
            userId: command.user_id,
            text: args,
          });
          await respond({ response_type: 'in_channel', ...buildSubscribed(s) });
          return;
        }
        case 'list':
          await respond({
            response_type: 'ephemeral',
            ...buildSubscriptionList(command.channel_id, await deps.voice.list(command.channel_id)),
          });
          return;
        case 'unsubscribe': {
          const id = rest[0];
          if (!id) {
            await respond({
              response_type: 'ephemeral',
              text: 'Which one? `/voice unsubscribe ID` (see `/voice list`).',
            });
            return;
          }
          await deps.voice.unsubscribe(command.channel_id, id);
          await respond({
            response_type: 'ephemeral',
            text: `Stopped voice subscription \`${id}\` in <#${command.channel_id}>.`,
          });
          return;
        }
        case 'digest': {
          const digests = await deps.voice.todaysDigests(command.channel_id);
          if (digests.length === 0) {
            await respond({
              response_type: 'ephemeral',
              text: `<#${command.channel_id}> has no voice subscriptions yet.`,
            });
            return;
          }
          for (const d of digests.slice(0, 5)) await respond({ response_type: 'ephemeral', ...d });
          return;
        }
        case 'help':
          await respond({ response_type: 'ephemeral', ...buildVoiceHelp() });
          return;
        default:
          await respond({
            response_type: 'ephemeral',
            text: `Unknown \`/voice ${sub}\`. Try \`/voice help\`.`,
          });
      }
    } catch (error) {
      const e = error instanceof z.ZodError ? asYorisoiError(error) : asYorisoiError(error);
      if (e.code === 'internal') deps.logger.error('/voice failed', { error });
      await respond({
        response_type: 'ephemeral',
        text: error instanceof z.ZodError ? (error.issues[0]?.message ?? e.userMessage) : e.userMessage,
      });
    }
  });
}
