import { freePort, startSimulators as startSims } from '../../src/sim/index.ts';

export { freePort };

/**
 * The simulators alone, for tests that run yorisoi as a separate process (`yorisoi start` with live-mode
 * environment variables pointing at them) — e.g. to kill it with SIGKILL.
 */
export async function startSimulators(options: {
  appPort: number;
  slackRate?: { perSecond: number; burst: number };
  zendeskPerMinute?: number;
}) {
  const sims = await startSims({
    appUrl: `http://127.0.0.1:${options.appPort}`,
    slackRate: options.slackRate,
    zendeskPerMinute: options.zendeskPerMinute,
  });
  const env = {
    SLACK_BOT_TOKEN: sims.secrets.botToken,
    SLACK_APP_TOKEN: sims.secrets.appToken,
    SLACK_SIGNING_SECRET: sims.secrets.signingSecret,
    SLACK_API_URL: `${sims.simUrl}/api/`,
    ZENDESK_API_URL: sims.zendeskApi.apiUrl,
    ZENDESK_EMAIL: sims.zendeskApi.email,
    ZENDESK_API_TOKEN: sims.secrets.zendeskToken,
    ZENDESK_WEBHOOK_SECRET: sims.setup.signingSecret,
    PORT: String(options.appPort),
  };
  return { ...sims, env };
}
