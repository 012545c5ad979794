import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { createZendeskApi } from '../zendesk/zendesk-client.ts';
import { setupZendesk } from '../zendesk/zendesk-setup.ts';
import { createSimServer } from './sim-server.ts';
import { createSlackSim, type MethodRatesInput } from './slack/index.ts';
import { createZendeskSim } from './zendesk/index.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface SimulatorOptions {
  /** Port of the simulators and their /_sim/ control API (0 = any free port). */
  port?: number;
  /** Where yorisoi listens: the Zendesk webhook and (HTTP mode) Slack's request URL point there. */
  appUrl: string;
  slackMode?: 'socket' | 'http';
  slackRate?: { perSecond: number; burst: number };
  /** Per-minute Web API limits by tier or method (default: Slack's tiers). */
  slackMethodRates?: MethodRatesInput;
  /** Delay of every Slack Web API call (default none; tests of modals turn it on). */
  slackLatency?: { min_ms: number; max_ms: number };
  zendeskPerMinute?: number;
  /** Start with the control API answering 503 until `sim.setControlOpen(true)` (the sandbox, until ready). */
  controlClosed?: boolean;
}

/** The slash commands of manifest.yml with their should_escape, so the simulator escapes as Slack would. */
export function manifestCommands(): { command: string; should_escape: boolean }[] {
  const manifest = parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
    features?: { slash_commands?: { command: string; should_escape?: boolean }[] };
  };
  return (manifest.features?.slash_commands ?? []).map((c) => ({
    command: c.command,
    should_escape: c.should_escape ?? false,
  }));
}

/**
 * Both simulators on one loopback port, with fresh random credentials, and Zendesk set up the way
 * `yorisoi zendesk setup` does it (webhook + trigger through the API). Returns what yorisoi needs to connect.
 */
export async function startSimulators(options: SimulatorOptions) {
  const secrets = {
    botToken: `xoxb-sim-${randomBytes(8).toString('hex')}`,
    appToken: `xapp-sim-${randomBytes(8).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
    zendeskToken: randomBytes(16).toString('hex'),
  };
  const slackMode = options.slackMode ?? 'socket';
  const sim = createSimServer({ controlOpen: !options.controlClosed });
  const slack = createSlackSim({
    botToken: secrets.botToken,
    appToken: secrets.appToken,
    signingSecret: secrets.signingSecret,
    teamId: 'T0SANDBOX',
    mode: slackMode,
    requestUrl: `${options.appUrl}/slack/events`,
    postMessageRate: options.slackRate,
    methodRates: options.slackMethodRates,
    latency: options.slackLatency,
    commands: manifestCommands(),
  });
  const zendesk = createZendeskSim({
    subdomain: 'sandbox',
    agentEmail: 'yorisoi-api@example.com',
    apiToken: secrets.zendeskToken,
    ratePerMinute: options.zendeskPerMinute,
  });
  sim.mount(slack.route, slack.upgrade);
  sim.mount(zendesk.route);
  await sim.listen(options.port ?? 0);
  const zendeskApi = {
    apiUrl: `${sim.baseUrl}/api/v2`,
    email: 'yorisoi-api@example.com',
    apiToken: secrets.zendeskToken,
  };
  try {
    const setup = await setupZendesk(createZendeskApi(zendeskApi), options.appUrl);
    return {
      sim,
      simUrl: sim.baseUrl,
      slack,
      zendesk,
      secrets,
      slackMode,
      zendeskApi,
      setup,
      close: () => sim.close(),
    };
  } catch (error) {
    await sim.close();
    throw error;
  }
}

export type Simulators = Awaited<ReturnType<typeof startSimulators>>;

/**
 * The environment a `yorisoi start` process (live mode, not `--sandbox`) needs to reach these simulators:
 * Slack's tokens and API base, Zendesk's API and webhook secret. Callers add their own PORT, budget, etc.
 */
export function yorisoiEnvironment(
  sims: Pick<Simulators, 'secrets' | 'simUrl' | 'zendeskApi' | 'setup'>,
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: sims.secrets.botToken,
    SLACK_APP_TOKEN: sims.secrets.appToken,
    SLACK_SIGNING_SECRET: sims.secrets.signingSecret,
    SLACK_API_URL: `${sims.simUrl}/api/`,
    ZENDESK_API_URL: sims.zendeskApi.apiUrl,
    ZENDESK_EMAIL: sims.zendeskApi.email,
    ZENDESK_API_TOKEN: sims.secrets.zendeskToken,
    ZENDESK_WEBHOOK_SECRET: sims.setup.signingSecret,
  };
}
