import { App, type Receiver } from '@slack/bolt';
import { registerActions } from './actions/index.ts';
import type { TemplateDeps } from './actions/template-support.ts';
import { registerCommands } from './commands/index.ts';
import type { CareService } from './domain/care/care-service.ts';
import type { AgentMapper } from './domain/drafting/agent-mapping.ts';
import type { DraftingService } from './domain/drafting/drafting-service.ts';
import type { VoiceService } from './domain/voice/voice-service.ts';
import type { VolumeQueries } from './domain/volume/volume-queries.ts';
import { registerEvents } from './events/index.ts';
import type { Logger } from './logger.ts';
import { toSlackLogger } from './logger.ts';
import { registerShortcuts } from './shortcuts/index.ts';
import { registerSubmissions } from './submissions/index.ts';
import type { RuntimeStatus } from './views/help.ts';

/** What listeners may use. Listeners stay thin: parse, call one of these, build a view, answer. */
export interface AppDeps {
  logger: Logger;
  status(): Promise<RuntimeStatus>;
  /** Drafting and case consultation; absent in apps built without it (its listeners are then not registered). */
  drafting?: {
    service: DraftingService;
    agents: AgentMapper;
    undoSeconds: number;
  };
  voice: VoiceService;
  volume: VolumeQueries;
  /** New outbox work was queued by a listener: deliver it now rather than at the next timer. */
  wakeOutbox(): void;
  /** Care charts and prior history; without it /karte and the buttons say the feature is off. */
  care?: CareService;
  /** Reply templates: `/template`, the Find template shortcut and button, the browser and editor modals. */
  templates?: TemplateDeps;
}

export interface SlackConnection {
  botToken: string;
  /** Socket Mode when set; otherwise `receiver` (HTTP) must be given. */
  appToken?: string;
  receiver?: Receiver;
  slackApiUrl?: string;
}

/** The Bolt app with every listener registered. It never starts itself. */
export function createApp(connection: SlackConnection, deps: AppDeps): App {
  const clientOptions = connection.slackApiUrl ? { slackApiUrl: connection.slackApiUrl } : undefined;
  const logger = toSlackLogger(deps.logger) as never;
  const app = connection.appToken
    ? new App({
        token: connection.botToken,
        appToken: connection.appToken,
        socketMode: true,
        clientOptions,
        installerOptions: clientOptions ? { clientOptions } : undefined,
        logger,
      })
    : new App({ token: connection.botToken, receiver: connection.receiver, clientOptions, logger });
  registerCommands(app, deps);
  registerActions(app, deps);
  registerEvents(app, deps);
  registerShortcuts(app, deps);
  registerSubmissions(app, deps);
  app.error(async (error) => {
    deps.logger.error('listener failed', { error });
  });
  return app;
}
