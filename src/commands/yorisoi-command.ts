import type { App } from '@slack/bolt';
import { asYorisoiError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { commandPlainText, emailOf, slackUserIdOf } from '../listeners/command-text.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { buildHelpMessage, buildStatusMessage } from '../views/help.ts';
import { buildReportUsage, buildWeeklyReportMessage } from '../views/team-report.ts';
import { buildVolumeUsage } from '../views/volume.ts';

/**
 * `/yorisoi [help|status|report [week]|volume [tag|inbox] [period]]`. Acks first with nothing, then answers ephemerally through respond(), so slow
 * database reads never hold Slack's 3-second window.
 */
export function registerYorisoiCommand(app: App, deps: AppDeps) {
  app.command('/yorisoi', async ({ ack, command, respond, client }) => {
    await ack();
    const [sub = 'help', ...rest] = command.text.trim().split(/\s+/).filter(Boolean);
    const args = rest.map(commandPlainText);
    if (sub === 'volume') {
      try {
        // The chart is shared in the channel with files.uploadV2, like an alert's.
        const chart = await deps.volume.chart(args);
        await client.filesUploadV2({
          channel_id: command.channel_id,
          file: Buffer.from(chart.png),
          filename: chart.filename,
          title: chart.title,
          alt_text: chart.summary,
          // Shared in the channel: the workspace's language.
          initial_comment: `${chart.summary} ${translator(deps.locale)('volume.asked_by', { user: command.user_id })}`,
        });
      } catch (error) {
        const e = asYorisoiError(error);
        if (e.code === 'volume_args_invalid') {
          await respond({ response_type: 'ephemeral', ...buildVolumeUsage(e.userMessage) });
          return;
        }
        deps.logger.error('/yorisoi volume failed', { error });
        const slackError = (error as { data?: { error?: string } }).data?.error;
        await respond({
          response_type: 'ephemeral',
          text:
            slackError === 'not_in_channel' || slackError === 'channel_not_found'
              ? translator(await deps.readerLocale(command.user_id))('volume.invite_first')
              : e.userMessage,
        });
      }
      return;
    }
    if (sub === 'report' && deps.team) {
      // `/yorisoi report [2026-W48]`: the weekly report, ephemeral, in the reader's own language.
      const t = translator(await deps.team.readerLocale(command.user_id));
      const [week] = args;
      if (week !== undefined && !/^\d{4}-W\d{2}$/.test(week)) {
        await respond({ response_type: 'ephemeral', ...buildReportUsage(`"${week}"`, t) });
        return;
      }
      try {
        const report = await deps.team.reports.weekly(week);
        await respond({ response_type: 'ephemeral', ...buildWeeklyReportMessage(report, t) });
      } catch (error) {
        const e = asYorisoiError(error);
        if (e.code === 'bad_input') {
          await respond({ response_type: 'ephemeral', ...buildReportUsage(e.userMessage, t) });
          return;
        }
        deps.logger.error('/yorisoi report failed', { error });
        await respond({ response_type: 'ephemeral', text: `:warning: ${t('error.generic')}` });
      }
      return;
    }
    if (sub === 'help') {
      const t = translator(await deps.readerLocale(command.user_id));
      await respond({ response_type: 'ephemeral', ...buildHelpMessage(t) });
      return;
    }
    if (sub === 'status') {
      const status = await deps.status();
      await respond({ response_type: 'ephemeral', ...buildStatusMessage(status) });
      return;
    }
    if (sub === 'map' && deps.drafting) {
      // `/yorisoi map @user agent@company.com|off`: manual Slack → Zendesk agent mapping (wins over e-mail).
      const [, who = '', target = ''] = command.text.trim().split(/\s+/);
      // Slack sends `<@U…|name>` and `<mailto:a@b|a@b>` (should_escape: true in the manifest).
      const user = slackUserIdOf(who);
      const email = target === 'off' ? null : (emailOf(target) ?? undefined);
      if (!user || email === undefined) {
        await respond({
          response_type: 'ephemeral',
          text: 'Usage: `/yorisoi map @user agent@company.com` (or `off` to stop them sending).',
        });
        return;
      }
      try {
        const agent = await deps.drafting.agents.setManual(user, email);
        await respond({
          response_type: 'ephemeral',
          text: agent
            ? `<@${user}> now sends as Zendesk agent *${agent.name}*.`
            : `<@${user}> can no longer send replies.`,
        });
      } catch (error) {
        await respond({ response_type: 'ephemeral', text: `:warning: ${asYorisoiError(error).userMessage}` });
      }
      return;
    }
    await respond({
      response_type: 'ephemeral',
      text: `Unknown subcommand "${sub}". Try \`/yorisoi help\`.`,
    });
  });
}
