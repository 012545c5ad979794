import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createSimServer } from '../../src/sim/sim-server.ts';
import { createSlackSim } from '../../src/sim/slack/index.ts';
import { createZendeskSim } from '../../src/sim/zendesk/index.ts';
import { createZendeskApi } from '../../src/zendesk/zendesk-client.ts';
import { setupZendesk } from '../../src/zendesk/zendesk-setup.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The simulators alone, for tests that run yorisoi as a separate process (`yorisoi start` with live-mode
 * environment variables pointing at them) — e.g. to kill it with SIGKILL.
 */
export async function startSimulators(options: {
  appPort: number;
  slackRate?: { perSecond: number; burst: number };
  zendeskPerMinute?: number;
}) {
  const secrets = {
    botToken: `xoxb-test-${randomBytes(6).toString('hex')}`,
    appToken: `xapp-test-${randomBytes(6).toString('hex')}`,
    signingSecret: randomBytes(12).toString('hex'),
    zendeskToken: randomBytes(12).toString('hex'),
  };
  const sim = createSimServer();
  const slack = createSlackSim({
    botToken: secrets.botToken,
    appToken: secrets.appToken,
    signingSecret: secrets.signingSecret,
    teamId: 'T0TEST',
    mode: 'socket',
    postMessageRate: options.slackRate,
  });
  const zendesk = createZendeskSim({
    subdomain: 'test',
    agentEmail: 'api@example.com',
    apiToken: secrets.zendeskToken,
    ratePerMinute: options.zendeskPerMinute,
  });
  sim.mount(slack.route, slack.upgrade);
  sim.mount(zendesk.route);
  await sim.listen(0);
  const zendeskApi = {
    apiUrl: `${sim.baseUrl}/api/v2`,
    email: 'api@example.com',
    apiToken: secrets.zendeskToken,
  };
  const setup = await setupZendesk(createZendeskApi(zendeskApi), `http://127.0.0.1:${options.appPort}`);
  const env = {
    SLACK_BOT_TOKEN: secrets.botToken,
    SLACK_APP_TOKEN: secrets.appToken,
    SLACK_SIGNING_SECRET: secrets.signingSecret,
    SLACK_API_URL: `${sim.baseUrl}/api/`,
    ZENDESK_API_URL: zendeskApi.apiUrl,
    ZENDESK_EMAIL: zendeskApi.email,
    ZENDESK_API_TOKEN: secrets.zendeskToken,
    ZENDESK_WEBHOOK_SECRET: setup.signingSecret,
    PORT: String(options.appPort),
  };
  return { sim, slack, zendesk, setup, secrets, env, close: () => sim.close() };
}
