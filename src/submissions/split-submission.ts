import type { App } from '@slack/bolt';
import { type AppDeps, readerT } from '../listeners/listener-deps.ts';
import { parseMeta } from '../views/block-kit.ts';
import { ViewIds } from '../views/ids.ts';
import { splitAnswerText, zSplitMeta } from '../views/split.ts';

/** "Split" in the confirmation modal: closes it at once, splits, then answers in the thread (ephemeral). */
export function registerSplitSubmission(app: App, deps: AppDeps) {
  const split = deps.split;
  if (!split) return;
  app.view(ViewIds.splitConfirm, async ({ ack, body, view, client, logger }) => {
    await ack();
    const meta = parseMeta(zSplitMeta, view.private_metadata);
    if (!meta) return;
    const user = body.user.id;
    const t = await readerT(deps, user);
    // The confirmation came from a message with no bot marks (the shortcut checked it); the service checks again.
    const outcome = await split.service
      .split({ channelId: meta.c, ts: meta.ts, threadTs: meta.th, fromBot: false }, user)
      .catch((error: unknown) => {
        logger.error(`split failed: ${String(error)}`);
        return { kind: 'in_doubt' as const, reason: String(error) };
      });
    await client.chat
      .postEphemeral({
        channel: meta.c,
        user,
        ...(meta.th ? { thread_ts: meta.th } : {}),
        text: splitAnswerText(outcome, t, split.ticketUrl),
      })
      .catch((error: unknown) => logger.warn(`split answer not delivered: ${String(error)}`));
    deps.wakeOutbox();
  });
}
