import type { App } from '@slack/bolt';
import type { AppDeps } from '../app.ts';
import { buildHelpMessage, buildStatusMessage } from '../views/help.ts';

/**
 * `/yorisoi [help|status]`. Acks first with nothing, then answers ephemerally through respond(), so slow
 * database reads never hold Slack's 3-second window.
 */
export function registerYorisoiCommand(app: App, deps: AppDeps) {
  app.command('/yorisoi', async ({ ack, command, respond }) => {
    await ack();
    const [sub = 'help'] = command.text.trim().split(/\s+/).filter(Boolean);
    if (sub === 'help') {
      await respond({ response_type: 'ephemeral', ...buildHelpMessage() });
      return;
    }
    if (sub === 'status') {
      const status = await deps.status();
      await respond({ response_type: 'ephemeral', ...buildStatusMessage(status) });
      return;
    }
    await respond({
      response_type: 'ephemeral',
      text: `Unknown subcommand "${sub}". Try \`/yorisoi help\`.`,
    });
  });
}
