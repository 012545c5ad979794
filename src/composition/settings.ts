import type { Config } from '../config.ts';
import type { ServiceUserIdSource } from '../domain/care/ports.ts';
import type { SecondApprovalPolicy, TemplateLookup } from '../domain/drafting/ports.ts';
import type { EnrichmentConfig } from '../domain/enrichment/enrichment-config.ts';
import type { ResponseTargets } from '../domain/reminders/response-targets.ts';
import type { BusinessHours } from '../domain/team/business-hours.ts';
import type { Inbox } from '../domain/tickets/ticket.ts';
import type { AlertRule } from '../domain/volume/volume-model.ts';
import type { Locale } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';

/** Everything yorisoi needs to run, resolved (credentials real or pointing at the simulators). */
export interface RuntimeSettings {
  databaseUrl: string;
  port: number;
  /** Bind address of the HTTP server (default 127.0.0.1; `yorisoi start` passes HOST or 0.0.0.0). */
  host?: string;
  slack: SlackConnectionSettings;
  zendesk: ZendeskConnectionSettings;
  inboxes?: Inbox[];
  pollSeconds: number;
  slackRate: { perSecond: number; burst: number };
  /** Where the service's own user id lives in Zendesk; default the user's external_id. */
  serviceUserId?: ServiceUserIdSource;
  /** Slack user / user group ids allowed to change templates from Slack. */
  templateEditors?: string[];
  logger: Logger;
  drafting?: DraftingSettings;
  /** Volume alert rules (none: counts and charts only). */
  alertRules?: AlertRule[];
  /** How often alert rules and daily digests are checked (default 60 s); new tickets also trigger a check. */
  alertEvaluateSeconds?: number;
  /** Names masked in every voice, besides each ticket's requester. */
  voiceMaskNames?: string[];
  /** Local time zone of the team as a UTC offset: days of digests, charts and the App Home. */
  tzOffsetMinutes?: number;
  /** The workspace language (YORISOI_LOCALE): channel posts such as ticket roots; default ja. */
  locale?: Locale;
  /** The clock of volume alerts and digests (tests drive it). */
  clock?: () => Date;
  /**
   * Lookups, rules and template suggestions on new tickets (YORISOI_ENRICHMENT_FILE). `env` supplies the
   * lookups' header values (`{env: NAME}`); absent: suggestions only, no lookups or rules.
   */
  enrichment?: { config: EnrichmentConfig; env: Record<string, string | undefined> };
  /** Business hours of response targets and the team report; default mon-fri 09:00-18:00 Asia/Tokyo. */
  businessHours?: BusinessHours;
  /** The Monday team report is posted here (none: on demand only). */
  reportChannel?: string;
  /** Workspace default response targets in business minutes (each inbox's `targets` wins); none: no reminders. */
  responseTargets?: ResponseTargets;
  /** This instance's name in leases (default `<hostname>:<port>`). */
  instanceId?: string;
  /** How long a claim on work holds unless renewed (default 30 s); a dead instance's work waits this long. */
  leaseSeconds?: number;
}

export interface SlackConnectionSettings {
  mode: 'socket' | 'http';
  botToken: string;
  appToken?: string;
  signingSecret: string;
  apiUrl?: string;
}

export interface ZendeskConnectionSettings {
  apiUrl: string;
  email: string;
  apiToken: string;
  webhookSecret: string;
  agentUrl: string;
  /** ZENDESK_TIMEOUT_SECONDS (default 15). */
  timeoutSeconds?: number;
  /**
   * The shared request budget (every instance of the account counts against it, in the database): the plan's
   * requests per minute and yorisoi's share. Absent: no budget (the simulators' tests).
   */
  budget?: { planPerMinute: number; share: number };
}

/** Drafting and sending replies; every field has a default. */
export interface DraftingSettings {
  /** Seconds between "Send" and the reply leaving (undo window); default 10. */
  undoSeconds?: number;
  /** Zendesk group (id or name) whose members may send; null = any agent. */
  supportGroup?: string | null;
  /** Template search for the editor; default: the template catalog. */
  templates?: TemplateLookup;
  /** Who needs a second approval. Default: the care chart's flag, or tickets tagged care_second_approval. */
  approvalPolicy?: SecondApprovalPolicy;
  /** Attempts and backoff for transient Zendesk failures before a send counts as failed. */
  sendRetry?: { maxAttempts: number; backoffMs: (attempt: number) => number };
}

/** What the environment decides about a runtime, apart from where Slack and Zendesk are and the logger. */
export type ConfiguredSettings = Omit<RuntimeSettings, 'slack' | 'zendesk' | 'logger' | 'inboxes'>;

/**
 * The one mapping from the validated environment (`Config`) to runtime settings. `yorisoi start` uses all
 * of it; the sandbox (`yorisoi sandbox`, `demo`, tests) starts from it too and keeps its own team (see
 * src/sandbox/sandbox.ts). Inboxes come from YORISOI_INBOXES_FILE, read by the CLI.
 */
export function settingsFromConfig(config: Config): ConfiguredSettings {
  return {
    databaseUrl: config.databaseUrl,
    port: config.port,
    // Live: every interface unless HOST says otherwise (a container's webhooks arrive from outside).
    host: config.host ?? '0.0.0.0',
    pollSeconds: config.pollSeconds,
    locale: config.locale,
    slackRate: { perSecond: config.slackPostsPerSecond, burst: config.slackBurst },
    serviceUserId: config.serviceUserId,
    templateEditors: config.templateEditors,
    drafting: { undoSeconds: config.undoSeconds, supportGroup: config.supportGroup ?? null },
    alertRules: config.alertChannel
      ? defaultAlertRules(config.alertChannel, config.alertThresholdPerHour)
      : [],
    tzOffsetMinutes: config.tzOffsetMinutes,
    voiceMaskNames: config.voiceMaskNames,
    businessHours: config.businessHours,
    reportChannel: config.reportChannel,
    responseTargets: config.responseTargets,
    instanceId: config.instanceId,
    leaseSeconds: config.leaseSeconds,
  };
}

/** Where a live deployment's Slack and Zendesk are (`config.mode === 'live'`). */
export function liveConnections(config: Config): {
  slack: SlackConnectionSettings;
  zendesk: ZendeskConnectionSettings;
} {
  const slack = config.slack!;
  const zendesk = config.zendesk!;
  return {
    slack: {
      mode: slack.mode,
      botToken: slack.botToken,
      appToken: slack.appToken,
      signingSecret: slack.signingSecret,
      apiUrl: slack.apiUrl,
    },
    zendesk: {
      apiUrl: zendesk.apiUrl,
      email: zendesk.email,
      apiToken: zendesk.apiToken,
      webhookSecret: zendesk.webhookSecret!,
      timeoutSeconds: zendesk.timeoutSeconds,
      agentUrl: zendesk.agentUrl,
      budget: zendesk.budget,
    },
  };
}

/** A baseline rule and a fixed ceiling on all tickets, posting to `channelId`. */
export function defaultAlertRules(channelId: string, thresholdPerHour = 30): AlertRule[] {
  return [
    {
      id: 'all-baseline',
      scope: 'all',
      channelId,
      kind: 'baseline',
      windowMinutes: 60,
      weeks: 4,
      factor: 2,
      minExcess: 8,
      minCount: 10,
    },
    {
      id: 'all-threshold',
      scope: 'all',
      channelId,
      kind: 'threshold',
      windowMinutes: 60,
      threshold: thresholdPerHour,
    },
  ];
}
