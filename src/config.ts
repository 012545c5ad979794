import { z } from 'zod';
import type { ServiceUserIdSource } from './domain/care/ports.ts';
import { type BusinessHours, parseBusinessHours } from './domain/team/business-hours.ts';
import { parseEditorList } from './domain/templates/template-editors.ts';

/**
 * The environment, validated once. Without Slack and Zendesk credentials yorisoi runs against its built-in
 * simulators (`mode: 'simulated'`); with them, every variable a real deployment needs must be present.
 */

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** A response target from the environment: whole business minutes, 1 … 43200 (30 days). */
const targetMinutesText = z.coerce
  .number<string | undefined>({ error: 'must be a number of minutes such as 60' })
  .int('must be whole minutes')
  .positive('must be at least 1 minute')
  .max(30 * 24 * 60, 'must be at most 43200 minutes (30 days)')
  .optional();

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      'must be a SQLite URL starting with "file:" (e.g. file:./.yorisoi/yorisoi.db) or a PostgreSQL URL (postgres://user:password@host:5432/db)',
    )
    .default('file:./.yorisoi/yorisoi.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Bind address of yorisoi's HTTP server (webhooks, Slack HTTP mode, /healthz). */
  HOST: optionalText.pipe(
    z
      .string()
      .regex(
        /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*)$/,
        'must be an IP address or host name to listen on, e.g. 0.0.0.0 (all interfaces) or 127.0.0.1',
      )
      .optional(),
  ),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  SLACK_MODE: z.enum(['socket', 'http']).default('socket'),
  SLACK_BOT_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xoxb-/, 'must be a bot token starting with xoxb-')
      .optional(),
  ),
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalText.pipe(z.url('must be a URL such as https://slack.com/api/').optional()),
  ZENDESK_SUBDOMAIN: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/i, 'must be the subdomain only, e.g. "acme" for acme.zendesk.com')
      .optional(),
  ),
  ZENDESK_EMAIL: optionalText.pipe(z.email('must be the e-mail address of the API user').optional()),
  ZENDESK_API_TOKEN: optionalText,
  ZENDESK_API_URL: optionalText.pipe(z.url('must be a URL ending in /api/v2').optional()),
  ZENDESK_WEBHOOK_SECRET: optionalText,
  ZENDESK_TIMEOUT_SECONDS: z.coerce
    .number()
    .positive('must be a number of seconds above 0')
    .max(300, 'must be at most 300 seconds')
    .default(15),
  ZENDESK_PLAN: z
    .enum(['team', 'growth', 'professional', 'enterprise', 'enterprise_plus'], {
      error: 'must be one of team, growth, professional, enterprise, enterprise_plus',
    })
    .default('team'),
  ZENDESK_RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int('must be a whole number of requests per minute')
    .positive('must be a whole number of requests per minute above 0')
    .optional(),
  YORISOI_ZENDESK_SHARE: z.coerce
    .number()
    .min(0.05, 'must be a share between 0.05 and 1 (e.g. 0.5 for half the plan limit)')
    .max(1, 'must be a share between 0.05 and 1 (e.g. 0.5 for half the plan limit)')
    .default(0.5),
  PUBLIC_URL: optionalText.pipe(z.url('must be the public https URL Zendesk can reach').optional()),
  YORISOI_INBOXES_FILE: optionalText,
  YORISOI_ENRICHMENT_FILE: optionalText,
  YORISOI_POLL_SECONDS: positiveInt(60),
  YORISOI_ALERT_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, 'must be a Slack channel id such as C0123ABCD')
      .optional(),
  ),
  YORISOI_ALERT_THRESHOLD_PER_HOUR: positiveInt(30),
  /** The workspace's language when a reader's Slack locale is not one yorisoi speaks. */
  YORISOI_LOCALE: z.enum(['ja', 'en'], { error: 'must be ja or en' }).default('ja'),
  YORISOI_TZ_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(0),
  YORISOI_VOICE_MASK_NAMES: optionalText,
  YORISOI_SLACK_POSTS_PER_SECOND: z.coerce.number().positive().default(1),
  YORISOI_SLACK_BURST: positiveInt(3),
  /** Seconds between "Send" and the reply leaving for Zendesk (the undo window). */
  YORISOI_UNDO_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
  /** Zendesk group (id or name) whose members may send replies; empty = any agent. */
  YORISOI_SUPPORT_GROUP: optionalText,
  YORISOI_SERVICE_USER_ID_FIELD: z
    .string()
    .trim()
    .regex(
      /^(external_id|user_field:[A-Za-z0-9_]+|ticket_field:\d+)$/,
      'must be external_id, user_field:<field key> or ticket_field:<field id>',
    )
    .default('external_id'),
  /** When response targets run: "DAYS HH:MM-HH:MM ZONE"; Japanese public holidays are always skipped. */
  YORISOI_BUSINESS_HOURS: z.string().trim().default('mon-fri 09:00-18:00 Asia/Tokyo'),
  /** Company holidays, comma or space separated: 2026-12-29, a yearly 12-29, ranges 12-29..01-03. */
  YORISOI_COMPANY_HOLIDAYS: optionalText,
  /** Workspace default response targets in business minutes (an inbox's `targets` wins); unset = none. */
  YORISOI_TARGET_FIRST_RESPONSE_MINUTES: optionalText.pipe(targetMinutesText),
  YORISOI_TARGET_NEXT_RESPONSE_MINUTES: optionalText.pipe(targetMinutesText),
  /** The weekly team report is posted here every Monday (no channel: on demand only). */
  YORISOI_REPORT_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, 'must be a Slack channel id such as C0123ABCD')
      .optional(),
  ),
  /** Slack user ids (U…) and user group ids (S…), comma or space separated: who may change templates in Slack. */
  YORISOI_TEMPLATE_EDITORS: optionalText,
  /** This instance's name in leases (default `<hostname>:<PORT>`, stable across restarts of one slot). */
  YORISOI_INSTANCE_ID: optionalText,
  /** How long an instance's claim on work (an outbox row, a reply, a job) holds unless renewed. */
  YORISOI_LEASE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
});

export type Env = z.input<typeof envSchema>;

export interface SlackConfig {
  mode: 'socket' | 'http';
  botToken: string;
  appToken?: string;
  signingSecret: string;
  apiUrl?: string;
}

export interface ZendeskConfig {
  subdomain: string;
  email: string;
  apiToken: string;
  /** Base incl. /api/v2; derived from the subdomain unless overridden. */
  apiUrl: string;
  /** Where agents open tickets (`<agentUrl>/agent/tickets/<id>`): the subdomain's, else ZENDESK_API_URL's origin. */
  agentUrl: string;
  webhookSecret?: string;
  /** Every Zendesk request is abandoned after this many seconds without an answer. */
  timeoutSeconds: number;
  /** yorisoi's budget: this share (YORISOI_ZENDESK_SHARE) of the plan's requests per minute (ZENDESK_PLAN). */
  budget: { planPerMinute: number; share: number };
}

/** Zendesk Support API requests per minute by plan (developer.zendesk.com, "Rate limits"). */
export const ZENDESK_PLAN_PER_MINUTE = {
  team: 200,
  growth: 400,
  professional: 400,
  enterprise: 700,
  enterprise_plus: 2500,
} as const;

export interface Config {
  mode: 'live' | 'simulated';
  databaseUrl: string;
  port: number;
  /** HOST as given; unset means 0.0.0.0 for `start` (containers) and 127.0.0.1 for the sandbox. */
  host?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  slack?: SlackConfig;
  zendesk?: ZendeskConfig;
  publicUrl?: string;
  inboxesFile?: string;
  /** Lookups, rules and template suggestions (README "Lookups, rules and suggestions"). */
  enrichmentFile?: string;
  pollSeconds: number;
  /** Volume alerts go here (no channel: counts and charts only). */
  alertChannel?: string;
  alertThresholdPerHour: number;
  tzOffsetMinutes: number;
  /** Default language of messages (YORISOI_LOCALE); each Slack user's own locale wins when supported. */
  locale: 'ja' | 'en';
  /** Names masked in every voice besides the requester's own (comma-separated in the environment). */
  voiceMaskNames: string[];
  slackPostsPerSecond: number;
  slackBurst: number;
  undoSeconds: number;
  /** YORISOI_INSTANCE_ID as given (see leases). */
  instanceId?: string;
  leaseSeconds: number;
  supportGroup: string | undefined;
  templateEditors: string[];
  /** Where the service's own user id lives in Zendesk (care charts, `/karte <service id>`). */
  serviceUserId: ServiceUserIdSource;
  /** Business hours of response targets and the team report (YORISOI_BUSINESS_HOURS, YORISOI_COMPANY_HOLIDAYS). */
  businessHours: BusinessHours;
  /** Channel of the Monday team report. */
  reportChannel: string | undefined;
  /** Workspace default response targets (business minutes); each inbox's `targets` wins. */
  responseTargets: { firstResponseMinutes: number | null; nextResponseMinutes: number | null };
}

export function parseServiceUserIdField(value: string): ServiceUserIdSource {
  if (value.startsWith('user_field:')) return { kind: 'user_field', key: value.slice('user_field:'.length) };
  if (value.startsWith('ticket_field:'))
    return { kind: 'ticket_field', id: value.slice('ticket_field:'.length) };
  return { kind: 'external_id' };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment. Throws ConfigError naming every missing or wrong variable, one line each. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const need = (name: keyof typeof e, why: string) => {
    if (e[name] === undefined) problems.push(`${name}: missing (${why})`);
  };

  const slackSet = e.SLACK_BOT_TOKEN || e.SLACK_APP_TOKEN || e.SLACK_SIGNING_SECRET;
  const zendeskSet = e.ZENDESK_SUBDOMAIN || e.ZENDESK_EMAIL || e.ZENDESK_API_TOKEN || e.ZENDESK_API_URL;
  let slack: SlackConfig | undefined;
  let zendesk: ZendeskConfig | undefined;
  if (slackSet) {
    need('SLACK_BOT_TOKEN', 'the bot token from OAuth & Permissions');
    need('SLACK_SIGNING_SECRET', 'from Basic Information → App Credentials');
    if (e.SLACK_MODE === 'socket')
      need('SLACK_APP_TOKEN', 'an app-level token with connections:write, for Socket Mode');
    if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
      slack = {
        mode: e.SLACK_MODE,
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
      };
    }
  }
  if (zendeskSet) {
    if (!e.ZENDESK_API_URL) need('ZENDESK_SUBDOMAIN', 'e.g. "acme" for acme.zendesk.com');
    need('ZENDESK_EMAIL', 'the agent or admin e-mail the API token belongs to');
    need('ZENDESK_API_TOKEN', 'Admin Center → Apps and integrations → Zendesk API');
    need('ZENDESK_WEBHOOK_SECRET', 'printed by `yorisoi zendesk setup`; webhooks are rejected without it');
    if (
      e.ZENDESK_EMAIL &&
      e.ZENDESK_API_TOKEN &&
      e.ZENDESK_WEBHOOK_SECRET &&
      (e.ZENDESK_SUBDOMAIN || e.ZENDESK_API_URL)
    ) {
      const apiUrl = (e.ZENDESK_API_URL ?? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com/api/v2`).replace(
        /\/$/,
        '',
      );
      zendesk = {
        subdomain: e.ZENDESK_SUBDOMAIN ?? 'local',
        email: e.ZENDESK_EMAIL,
        apiToken: e.ZENDESK_API_TOKEN,
        apiUrl,
        // Only ZENDESK_API_URL set (a proxy, a simulator): links go where the API is, not to a made-up subdomain.
        agentUrl: e.ZENDESK_SUBDOMAIN
          ? `https://${e.ZENDESK_SUBDOMAIN}.zendesk.com`
          : apiUrl.replace(/\/api\/v2$/, ''),
        webhookSecret: e.ZENDESK_WEBHOOK_SECRET,
        timeoutSeconds: e.ZENDESK_TIMEOUT_SECONDS,
        budget: {
          planPerMinute: e.ZENDESK_RATE_LIMIT_PER_MINUTE ?? ZENDESK_PLAN_PER_MINUTE[e.ZENDESK_PLAN],
          share: e.YORISOI_ZENDESK_SHARE,
        },
      };
    }
  }
  if (slackSet && !zendeskSet)
    problems.push('ZENDESK_SUBDOMAIN: missing (Slack is configured, so Zendesk must be too)');
  if (zendeskSet && !slackSet)
    problems.push('SLACK_BOT_TOKEN: missing (Zendesk is configured, so Slack must be too)');
  let businessHours: BusinessHours | undefined;
  try {
    businessHours = parseBusinessHours(
      e.YORISOI_BUSINESS_HOURS,
      (e.YORISOI_COMPANY_HOLIDAYS ?? '').split(/[\s,]+/).filter(Boolean),
    );
  } catch (error) {
    problems.push(
      `YORISOI_BUSINESS_HOURS / YORISOI_COMPANY_HOLIDAYS: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (problems.length > 0 || !businessHours) throw new ConfigError(problems);

  return Object.freeze({
    mode: slack && zendesk ? 'live' : 'simulated',
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    slack,
    zendesk,
    publicUrl: e.PUBLIC_URL,
    inboxesFile: e.YORISOI_INBOXES_FILE,
    enrichmentFile: e.YORISOI_ENRICHMENT_FILE,
    pollSeconds: e.YORISOI_POLL_SECONDS,
    alertChannel: e.YORISOI_ALERT_CHANNEL,
    alertThresholdPerHour: e.YORISOI_ALERT_THRESHOLD_PER_HOUR,
    tzOffsetMinutes: e.YORISOI_TZ_OFFSET_MINUTES,
    locale: e.YORISOI_LOCALE,
    voiceMaskNames: (e.YORISOI_VOICE_MASK_NAMES ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
    slackPostsPerSecond: e.YORISOI_SLACK_POSTS_PER_SECOND,
    slackBurst: e.YORISOI_SLACK_BURST,
    undoSeconds: e.YORISOI_UNDO_SECONDS,
    supportGroup: e.YORISOI_SUPPORT_GROUP,
    serviceUserId: parseServiceUserIdField(e.YORISOI_SERVICE_USER_ID_FIELD),
    templateEditors: parseEditorList(e.YORISOI_TEMPLATE_EDITORS),
    businessHours,
    reportChannel: e.YORISOI_REPORT_CHANNEL,
    responseTargets: {
      firstResponseMinutes: e.YORISOI_TARGET_FIRST_RESPONSE_MINUTES ?? null,
      nextResponseMinutes: e.YORISOI_TARGET_NEXT_RESPONSE_MINUTES ?? null,
    },
    instanceId: e.YORISOI_INSTANCE_ID,
    leaseSeconds: e.YORISOI_LEASE_SECONDS,
  } satisfies Config);
}
