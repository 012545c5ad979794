import type { CareService } from '../domain/care/care-service.ts';
import type { AgentMapper } from '../domain/drafting/agent-mapping.ts';
import type { DraftingService } from '../domain/drafting/drafting-service.ts';
import type { SplitService } from '../domain/split/split-service.ts';
import type { AssignmentChoices, AssignTarget } from '../domain/team/assignment.ts';
import type { AgentProfile } from '../domain/team/ports.ts';
import type { TeamReports } from '../domain/team/report-service.ts';
import type { TemplateFiguresService } from '../domain/team/template-figures-service.ts';
import type { TemplateService } from '../domain/templates/template-service.ts';
import type { VoiceService } from '../domain/voice/voice-service.ts';
import type { VolumeQueries } from '../domain/volume/volume-queries.ts';
import { type Locale, type Translate, translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { RuntimeStatus } from '../views/help.ts';

/**
 * What listeners may use (every folder of listeners: commands, actions, events, shortcuts, submissions).
 * Listeners stay thin: parse, call one of these, build a view, answer. Built by src/composition.
 */
export interface AppDeps {
  logger: Logger;
  status(): Promise<RuntimeStatus>;
  /** The workspace's language (YORISOI_LOCALE, default ja): channel posts every member reads. */
  locale: Locale;
  /**
   * The language one Slack user reads (their Slack locale when yorisoi speaks it, else `locale`): modals,
   * ephemerals and App Home go through `translator(await deps.readerLocale(userId))`. Never throws.
   */
  readerLocale(userId: string): Promise<Locale>;
  /** Drafting and case consultation; absent in apps built without it (its listeners are then not registered). */
  drafting?: {
    service: DraftingService;
    agents: AgentMapper;
    undoSeconds: number;
    /** The language a Slack user reads (users.info locale, else the workspace default). */
    locale(slackUserId: string): Promise<Locale>;
  };
  voice: VoiceService;
  volume: VolumeQueries;
  /** New outbox work was queued by a listener: deliver it now rather than at the next timer. */
  wakeOutbox(): void;
  /** Care charts and prior history; without it /karte and the buttons say the feature is off. */
  care?: CareService;
  /** Reply templates: `/template`, the Find template shortcut and button, the browser and editor modals. */
  templates?: TemplateService;
  /** "Split into a new ticket" on a customer's message; the answers link to `ticketUrl`. */
  split?: { service: SplitService; ticketUrl(zendeskId: string): string };
  /** Per-template uses, reopen rate and satisfaction, shown in the template's Show view. */
  templateFigures?: TemplateFiguresService;
  /** The team's numbers (`/yorisoi report`), shown in the reader's language. */
  team?: {
    reports: TeamReports;
    readerLocale(userId: string): Promise<Locale>;
    /** Assigns the ticket in Zendesk to the Slack user's mapped agent, then syncs it (the root shows it). */
    take(ticketZendeskId: string, slackUserId: string): Promise<{ agentName: string }>;
    /** "Assign…" and the availability toggle. */
    assignment?: {
      choices(): Promise<AssignmentChoices>;
      /** Who holds the ticket as yorisoi last synced it; null when it does not know the ticket. */
      current(ticketZendeskId: string): Promise<{
        assigneeId: string | null;
        assigneeName: string | null;
        groupId: string | null;
      } | null>;
      /** Changes the assignment in Zendesk, then syncs the ticket (the root follows). */
      assign(ticketZendeskId: string, target: AssignTarget): Promise<void>;
      setAvailable(slackUserId: string, available: boolean): Promise<AgentProfile>;
      /** After an availability change (the App Home refresh, wired by composition). */
      onAvailabilityChanged?(slackUserId: string): Promise<void> | void;
    };
  };
  /** Each agent's App Home; without it the home shows today's volume counts only. */
  home?: {
    /** Builds and publishes this agent's home now (app_home_opened). */
    publish(slackUserId: string): Promise<void>;
  };
}

/** The drafting services listeners use (present when drafting is wired). */
export type DraftingDeps = NonNullable<AppDeps['drafting']>;

/** The reader's translator: their Slack locale when yorisoi speaks it, else the workspace default. */
export async function readerT(deps: Pick<AppDeps, 'readerLocale'>, slackUserId: string): Promise<Translate> {
  const locale = await deps.readerLocale(slackUserId).catch(() => 'ja' as const);
  return translator(locale);
}
