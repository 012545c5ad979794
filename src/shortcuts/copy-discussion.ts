import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { registerAction } from '../actions/acknowledge-clicks.ts';
import { buttonThread, messageThreadTs } from '../actions/payloads.ts';
import { translator } from '../i18n/index.ts';
import { tellUser } from '../listeners/draft-editor.ts';
import type { AppDeps, DraftingDeps } from '../listeners/listener-deps.ts';
import { ActionIds, ShortcutIds } from '../views/ids.ts';

/** The people's messages of a thread, oldest first, with display names (bots and the root left out). */
async function threadDiscussion(client: WebClient, channel: string, rootTs: string) {
  const out: Array<{ ts: string; user: string; text: string }> = [];
  let cursor: string | undefined;
  for (let page = 0; page < 10; page++) {
    const r = await client.conversations.replies({ channel, ts: rootTs, limit: 200, cursor });
    for (const m of r.messages ?? []) {
      if (!m.ts || m.ts === rootTs || m.bot_id || !m.user || !m.text) continue;
      out.push({ ts: m.ts, user: m.user, text: m.text });
    }
    cursor = r.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  const names = new Map<string, string>();
  for (const id of new Set(out.map((m) => m.user))) {
    const info = await client.users.info({ user: id }).catch(() => null);
    const u = info?.user;
    names.set(id, u?.real_name ?? u?.name ?? id);
  }
  return out.map((m) => ({ ts: m.ts, author: names.get(m.user) ?? m.user, text: m.text }));
}

async function copy(
  drafting: DraftingDeps,
  client: WebClient,
  userId: string,
  channelId: string,
  threadTs: string,
) {
  const ticket = await drafting.service.ticketForThread(channelId, threadTs);
  const messages = await threadDiscussion(client, channelId, threadTs);
  const r = await drafting.service.copyDiscussion({
    ticketZendeskId: ticket.zendeskId,
    slackUserId: userId,
    messages,
  });
  const t = translator(await drafting.locale(userId));
  if (r.count === 0)
    await tellUser(client, userId, { channelId, threadTs }, t('dthread.ans_nothing_to_copy'));
  else if (!r.copied)
    await tellUser(client, userId, { channelId, threadTs }, t('dthread.ans_already_copied'));
}

/**
 * "Copy discussion to Zendesk": the button on a shared draft and a message shortcut in the thread. The
 * note is internal; only the draft's explicit Send ever writes to the customer.
 */
export function registerCopyDiscussion(app: App, deps: AppDeps) {
  const drafting = deps.drafting;
  if (!drafting) return;
  registerAction<BlockAction<ButtonAction>>(
    app,
    ActionIds.copyDiscussion,
    async ({ ack, body: b, client, logger }) => {
      await ack();
      const { channelId, threadTs } = buttonThread(b);
      if (!channelId || !threadTs) return;
      await copy(drafting, client, b.user.id, channelId, threadTs).catch(async (error) => {
        logger.warn(`copy discussion: ${String(error)}`);
        const t = translator(await drafting.locale(b.user.id));
        await tellUser(client, b.user.id, { channelId, threadTs }, error, t);
      });
    },
  );
  app.shortcut(ShortcutIds.copyDiscussion, async ({ ack, body, client, logger }) => {
    await ack();
    if (body.type !== 'message_action') return;
    const threadTs = messageThreadTs(body.message);
    await copy(drafting, client, body.user.id, body.channel.id, threadTs).catch(async (error) => {
      logger.warn(`copy discussion: ${String(error)}`);
      const t = translator(await drafting.locale(body.user.id));
      await tellUser(client, body.user.id, { channelId: body.channel.id, threadTs }, error, t);
    });
  });
}
