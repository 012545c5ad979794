import { createSplitService, type SplitService } from '../domain/split/split-service.ts';
import { translator } from '../i18n/index.ts';
import type { AppDeps } from '../listeners/listener-deps.ts';
import { createSlackUserLookup } from '../slack/slack-directory.ts';
import { createSplitStore } from '../storage/split-store.ts';
import { createZendeskSplitGateway } from '../zendesk/split-gateway.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface SplitServices {
  split: SplitService;
}

/** "Split into a new ticket": the message shortcut, its confirmation modal, the Zendesk calls. */
export function wireSplit(
  platform: Platform,
  deps: { sync(ticketZendeskId: string): Promise<unknown> },
): Feature<SplitServices, Pick<AppDeps, 'split'>> {
  const slackUsers = createSlackUserLookup(platform.slack.writer);
  const split = createSplitService({
    store: createSplitStore(platform.db),
    gateway: createZendeskSplitGateway(platform.zendesk),
    ticketUrl: platform.zendeskTicketUrl,
    slackName: (id) => slackUsers.slackName(id),
    sync: deps.sync,
    // The notes are read in Zendesk by the whole team: the workspace's language.
    t: translator(platform.locale),
    clock: platform.clock,
    logger: platform.logger.child({ component: 'split' }),
  });
  return {
    services: { split },
    listeners: { split: { service: split, ticketUrl: platform.zendeskTicketUrl } },
  };
}
