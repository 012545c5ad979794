import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRuntime, type Runtime } from '../composition/runtime.ts';
import {
  type ConfiguredSettings,
  type DraftingSettings,
  defaultAlertRules,
  type RuntimeSettings,
} from '../composition/settings.ts';
import type { ResponseTargets } from '../domain/reminders/response-targets.ts';
import type { BusinessHours } from '../domain/team/business-hours.ts';
import type { Inbox } from '../domain/tickets/ticket.ts';
import type { AlertRule } from '../domain/volume/volume-model.ts';
import type { Locale } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { freePort, startSimulators } from '../sim/index.ts';
import { openDatabase } from '../storage/database.ts';
import { providerOf } from '../storage/migrations.ts';
import { sandboxTemplates } from './sandbox-templates.ts';

/**
 * The sandbox team's inboxes: one per product, one for onboarding, a default. Mika (U0LEAD) leads them all:
 * she is pinged with the channel when a ticket stays past its response target.
 */
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
    lead: 'U0LEAD',
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
    lead: 'U0LEAD',
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
    lead: 'U0LEAD',
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
    lead: 'U0LEAD',
  },
];

export interface SandboxOptions {
  /** Port of the simulators and their /_sim/ control API (0 = any free port). */
  port?: number;
  /** Port of yorisoi's own HTTP endpoint (webhooks); 0 = any free port. */
  appPort?: number;
  /** Bind address of yorisoi's HTTP endpoint (HOST); default 127.0.0.1: the sandbox's secrets are no secret. */
  host?: string;
  databaseUrl: string;
  logger: Logger;
  slackMode?: 'socket' | 'http';
  slackRate?: { perSecond: number; burst: number };
  /** The outbox's own per-channel pace; defaults to the simulator's. */
  outboxRate?: { perSecond: number; burst: number };
  pollSeconds?: number;
  zendeskPerMinute?: number;
  /** ZENDESK_TIMEOUT_SECONDS for the sandbox's Zendesk client (default 15). */
  zendeskTimeoutSeconds?: number;
  /** yorisoi's share (0–1) of the simulator's per-minute limit, as YORISOI_ZENDESK_SHARE; default: no budget. */
  zendeskShare?: number;
  /** Drafting settings; the sandbox's sample templates unless `templates` is given. */
  drafting?: DraftingSettings;
  /** Volume alert rules; default: the standard rules on #support-alerts (C0ALERTS). */
  alertRules?: AlertRule[];
  alertEvaluateSeconds?: number;
  voiceMaskNames?: string[];
  /** Default 540 (Japan). */
  tzOffsetMinutes?: number;
  /** The workspace's language (YORISOI_LOCALE); default the environment's, else ja. */
  locale?: Locale;
  clock?: () => Date;
  /** Business hours of response targets and the team report; default mon-fri 09:00-18:00 Asia/Tokyo. */
  businessHours?: BusinessHours;
  /** Workspace default response targets (business minutes); default none (no reminders). */
  responseTargets?: ResponseTargets;
  /** Lookups, rules and template suggestions (default: suggestions only). */
  enrichment?: RuntimeSettings['enrichment'];
  /** Who may change templates from Slack; the sandbox lead (U0LEAD) unless given. */
  templateEditors?: string[];
  /**
   * Settings from the environment (`settingsFromConfig`, for `yorisoi sandbox`). The sandbox keeps its own
   * team (inboxes, alert channel, time zone, Slack pace) and takes the poll interval, the template editors
   * (when any are set) and the drafting settings from here; explicit options above win.
   */
  configured?: ConfiguredSettings;
}

/**
 * yorisoi against its built-in Slack and Zendesk simulators, wired exactly as a real deployment: the bot
 * connects over Socket Mode (or HTTP), `zendesk setup` creates the webhook and trigger through the API, and
 * tickets reach Slack through the signed webhook, the poller and the outbox.
 */
export async function startSandbox(options: SandboxOptions) {
  const appPort = options.appPort ?? (await freePort());
  const appUrl = `http://127.0.0.1:${appPort}`;
  const sims = await startSimulators({
    port: options.port,
    appUrl,
    slackMode: options.slackMode,
    slackRate: options.slackRate,
    zendeskPerMinute: options.zendeskPerMinute,
    // No ticket through the control API before yorisoi listens: its webhook would find no one (ECONNREFUSED).
    controlClosed: true,
  });
  const { sim, slack, zendesk, secrets, setup, slackMode } = sims;
  const zendeskSettings = sims.zendeskApi;
  const fromEnv = options.configured;
  let runtime: Runtime;
  let settings: RuntimeSettings;
  try {
    settings = {
      databaseUrl: options.databaseUrl,
      port: appPort,
      host: options.host ?? '127.0.0.1',
      slack: {
        mode: slackMode,
        botToken: secrets.botToken,
        appToken: secrets.appToken,
        signingSecret: secrets.signingSecret,
        apiUrl: `${sim.baseUrl}/api/`,
      },
      zendesk: {
        ...zendeskSettings,
        webhookSecret: setup.signingSecret,
        agentUrl: sim.baseUrl,
        ...(options.zendeskTimeoutSeconds ? { timeoutSeconds: options.zendeskTimeoutSeconds } : {}),
        ...(options.zendeskShare
          ? { budget: { planPerMinute: options.zendeskPerMinute ?? 200, share: options.zendeskShare } }
          : {}),
      },
      inboxes: sandboxInboxes,
      pollSeconds: options.pollSeconds ?? fromEnv?.pollSeconds ?? 30,
      slackRate: options.outboxRate ?? options.slackRate ?? { perSecond: 1, burst: 3 },
      templateEditors:
        options.templateEditors ?? (fromEnv?.templateEditors?.length ? fromEnv.templateEditors : ['U0LEAD']),
      logger: options.logger,
      alertRules: options.alertRules ?? defaultAlertRules('C0ALERTS'),
      alertEvaluateSeconds: options.alertEvaluateSeconds,
      voiceMaskNames: options.voiceMaskNames,
      enrichment: options.enrichment,
      tzOffsetMinutes: options.tzOffsetMinutes ?? 540,
      locale: options.locale ?? fromEnv?.locale ?? 'ja',
      clock: options.clock,
      drafting: options.drafting ?? fromEnv?.drafting,
      businessHours: options.businessHours ?? fromEnv?.businessHours,
      responseTargets: options.responseTargets ?? fromEnv?.responseTargets,
    };
    runtime = await createRuntime(settings);
  } catch (error) {
    await sim.close();
    throw error;
  }
  // A few sample templates in the real store, so drafting and /template have something to find.
  await runtime.features.templates.catalog.importRows(
    sandboxTemplates.map((t, i) => ({ at: `sandbox template ${i + 1}`, value: { ...t, tags: [] } })),
    'sandbox',
  );
  await runtime.start();
  sim.setControlOpen(true);
  // A second connection to the same SQLite file, as an operator's SQL shell would be: the demo seeds
  // history through it and tests read and set rows with it. yorisoi's own code never sees it.
  const db = await openDatabase(options.databaseUrl, { migrate: false });
  const sandbox = {
    simUrl: sim.baseUrl,
    appUrl,
    runtime,
    slack,
    zendesk,
    setup,
    secrets,
    /** How to reach the Zendesk simulator's API (to build a client of one's own). */
    zendeskApi: zendeskSettings,
    db,
    async stop() {
      await sandbox.runtime.stop();
      await sandbox.db.$disconnect();
      await sim.close();
    },
    /**
     * Stops yorisoi and starts a fresh process-equivalent on the same database and simulators: nothing
     * in memory survives, as after a crash or deploy. Replaces `sandbox.runtime`.
     */
    async restartApp(changes: Partial<RuntimeSettings> = {}) {
      await sandbox.runtime.stop();
      // Start-up migrates the database, which needs the file to itself for a moment.
      await sandbox.db.$disconnect();
      sandbox.runtime = await createRuntime({ ...settings, ...changes });
      sandbox.db = await openDatabase(options.databaseUrl, { migrate: false });
      await sandbox.runtime.start();
      return sandbox.runtime;
    },
    /**
     * A second yorisoi instance on the same database and simulators (its own port and instance name), as
     * when several instances run behind a load balancer. Started; the caller stops it.
     */
    async anotherInstance(changes: Partial<RuntimeSettings> = {}) {
      const other = await createRuntime({ ...settings, port: await freePort(), ...changes });
      await other.start();
      return other;
    },
  };
  return sandbox;
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/**
 * The sandbox's simulators start empty every run (ticket #1 again), so its database must too: a database
 * kept from the last run already knows ticket #1 and would ignore the new one, silently. Files the sandbox
 * made carry a `<db>.sandbox` marker and are deleted at start; a database without the marker (a real one,
 * pointed at by mistake) is never touched — the sandbox refuses to start instead. On PostgreSQL the marker
 * is the database's comment, and "deleted" means its tables are dropped.
 */
export async function freshSandboxDatabase(
  databaseUrl: string,
): Promise<{ ok: true } | { ok: false; problem: string }> {
  if (providerOf(databaseUrl) === 'postgresql') return freshSandboxPostgres(databaseUrl);
  const file = databaseUrl.replace(/^file:/, '').replace(/\?.*$/, '');
  if (file === '' || file === ':memory:') return { ok: true };
  const db = path.resolve(file);
  const marker = `${db}.sandbox`;
  if (existsSync(db) && !existsSync(marker))
    return {
      ok: false,
      problem: `DATABASE_URL points at ${file}, a database the sandbox did not create. The sandbox starts from an empty database on every run (its simulators start empty), so it will not use or delete this one: unset DATABASE_URL (the sandbox then uses file:./.yorisoi/sandbox.db) or point it at another file.`,
    };
  for (const suffix of ['', '-wal', '-shm', '-journal', '.templates-index'])
    rmSync(`${db}${suffix}`, { force: true });
  mkdirSync(path.dirname(db), { recursive: true });
  writeFileSync(
    marker,
    'Made by `yorisoi sandbox`: this database is deleted and started afresh on every sandbox run.\n',
  );
  return { ok: true };
}

const sandboxComment =
  'Made by `yorisoi sandbox`: its tables are dropped and made afresh on every sandbox run.';

async function freshSandboxPostgres(
  databaseUrl: string,
): Promise<{ ok: true } | { ok: false; problem: string }> {
  const db = await openDatabase(databaseUrl, { migrate: false });
  try {
    const [database] = await db.$queryRawUnsafe<Array<{ name: string; comment: string | null }>>(
      `SELECT current_database() AS name, shobj_description(oid, 'pg_database') AS comment
         FROM pg_database WHERE datname = current_database()`,
    );
    const name = database?.name ?? '';
    const tables = await db.$queryRawUnsafe<Array<{ name: string }>>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`,
    );
    if (tables.length > 0 && database?.comment !== sandboxComment)
      return {
        ok: false,
        problem: `DATABASE_URL points at the PostgreSQL database ${name}, a database the sandbox did not create (it has tables and no sandbox mark). The sandbox starts from an empty database on every run (its simulators start empty), so it will not use or empty this one: unset DATABASE_URL (the sandbox then uses file:./.yorisoi/sandbox.db) or point it at an empty database.`,
      };
    if (tables.length > 0)
      await db.$executeRawUnsafe(
        `DROP TABLE ${tables.map((t) => `"${t.name.replace(/"/g, '""')}"`).join(', ')} CASCADE`,
      );
    await db.$executeRawUnsafe(
      `COMMENT ON DATABASE "${name.replace(/"/g, '""')}" IS '${sandboxComment.replace(/'/g, "''")}'`,
    );
    return { ok: true };
  } finally {
    await db.$disconnect();
  }
}
