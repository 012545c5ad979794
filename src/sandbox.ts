import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { Inbox } from './domain/tickets/ticket.ts';
import type { AlertRule } from './domain/volume/volume.ts';
import type { Logger } from './logger.ts';
import { createRuntime, defaultAlertRules, type Runtime } from './runtime.ts';
import { createSimServer } from './sim/sim-server.ts';
import { createSlackSim } from './sim/slack/index.ts';
import { createZendeskSim } from './sim/zendesk/index.ts';
import { createZendeskApi } from './zendesk/zendesk-client.ts';
import { setupZendesk } from './zendesk/zendesk-setup.ts';

/** The sandbox team's inboxes: one per product, one for onboarding, a default. */
export const sandboxInboxes: Inbox[] = [
  {
    id: 'onboarding',
    name: 'Onboarding',
    channelId: 'C0ONBOARD',
    brand: null,
    group: null,
    formId: null,
    tags: ['onboarding'],
    position: 10,
    isDefault: false,
  },
  {
    id: 'photos',
    name: 'Photos',
    channelId: 'C0PHOTOS',
    brand: 'photos',
    group: null,
    formId: null,
    tags: [],
    position: 20,
    isDefault: false,
  },
  {
    id: 'billing',
    name: 'Billing',
    channelId: 'C0BILLING',
    brand: 'billing',
    group: null,
    formId: null,
    tags: [],
    position: 30,
    isDefault: false,
  },
  {
    id: 'support',
    name: 'Support',
    channelId: 'C0SUPPORT',
    brand: null,
    group: null,
    formId: null,
    tags: [],
    position: 100,
    isDefault: true,
  },
];

async function freePort(): Promise<number> {
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

export interface SandboxOptions {
  /** Port of the simulators and their /_sim/ control API (0 = any free port). */
  port?: number;
  /** Port of yorisoi's own HTTP endpoint (webhooks); 0 = any free port. */
  appPort?: number;
  databaseUrl: string;
  logger: Logger;
  slackMode?: 'socket' | 'http';
  slackRate?: { perSecond: number; burst: number };
  /** The outbox's own per-channel pace; defaults to the simulator's. */
  outboxRate?: { perSecond: number; burst: number };
  pollSeconds?: number;
  zendeskPerMinute?: number;
  /** Volume alert rules; default: the standard rules on #support-alerts (C0ALERTS). */
  alertRules?: AlertRule[];
  alertEvaluateSeconds?: number;
  voiceMaskNames?: string[];
  /** Default 540 (Japan). */
  tzOffsetMinutes?: number;
  clock?: () => Date;
  /** Who may change templates from Slack; the sandbox lead (U0LEAD) unless given. */
  templateEditors?: string[];
}

/**
 * yorisoi against its built-in Slack and Zendesk simulators, wired exactly as a real deployment: the bot
 * connects over Socket Mode (or HTTP), `zendesk setup` creates the webhook and trigger through the API, and
 * tickets reach Slack through the signed webhook, the poller and the outbox.
 */
export async function startSandbox(options: SandboxOptions) {
  const secrets = {
    botToken: `xoxb-sim-${randomBytes(8).toString('hex')}`,
    appToken: `xapp-sim-${randomBytes(8).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
    zendeskToken: randomBytes(16).toString('hex'),
  };
  const slackMode = options.slackMode ?? 'socket';
  const appPort = options.appPort ?? (await freePort());
  const appUrl = `http://127.0.0.1:${appPort}`;
  const sim = createSimServer();
  const slack = createSlackSim({
    botToken: secrets.botToken,
    appToken: secrets.appToken,
    signingSecret: secrets.signingSecret,
    teamId: 'T0SANDBOX',
    mode: slackMode,
    requestUrl: `${appUrl}/slack/events`,
    postMessageRate: options.slackRate,
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

  const zendeskSettings = {
    apiUrl: `${sim.baseUrl}/api/v2`,
    email: 'yorisoi-api@example.com',
    apiToken: secrets.zendeskToken,
  };
  const setup = await setupZendesk(createZendeskApi(zendeskSettings), appUrl);
  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      databaseUrl: options.databaseUrl,
      port: appPort,
      slack: {
        mode: slackMode,
        botToken: secrets.botToken,
        appToken: secrets.appToken,
        signingSecret: secrets.signingSecret,
        apiUrl: `${sim.baseUrl}/api/`,
      },
      zendesk: { ...zendeskSettings, webhookSecret: setup.signingSecret, agentUrl: sim.baseUrl },
      inboxes: sandboxInboxes,
      pollSeconds: options.pollSeconds ?? 30,
      slackRate: options.outboxRate ?? options.slackRate ?? { perSecond: 1, burst: 3 },
      templateEditors: options.templateEditors ?? ['U0LEAD'],
      logger: options.logger,
      alertRules: options.alertRules ?? defaultAlertRules('C0ALERTS'),
      alertEvaluateSeconds: options.alertEvaluateSeconds,
      voiceMaskNames: options.voiceMaskNames,
      tzOffsetMinutes: options.tzOffsetMinutes ?? 540,
      clock: options.clock,
    });
  } catch (error) {
    await sim.close();
    throw error;
  }
  await runtime.start();
  return {
    simUrl: sim.baseUrl,
    appUrl,
    runtime,
    slack,
    zendesk,
    setup,
    secrets,
    async stop() {
      await runtime.stop();
      await sim.close();
    },
  };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
