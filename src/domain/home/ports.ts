import type { AgentBadge, HomeSnapshot } from './home-model.ts';

export type { AgentBadge } from './home-model.ts';

/** A ticket past its response target (first or next response), as the reminders feature sees it. */
export interface PastTargetTicket {
  ticketZendeskId: string;
  /** `first_response`, `next_response` or another target name. */
  target: string;
  dueAt: Date;
}

/**
 * What the App Home needs from other features. Defaults (`neutralHomeFacts`): a neutral badge, everyone
 * available, nothing past target — until the assignment and reminders features are wired in.
 */
export interface HomeFacts {
  /** The agent's badge (assignment feature: emoji/colour chosen once and kept). */
  agentBadge(zendeskUserId: string): Promise<AgentBadge>;
  /** Whether the Slack user is marked available for automatic assignment (assignment feature). */
  isAvailable(slackUserId: string): Promise<boolean>;
  /** Open tickets past their response target at `now` (reminders feature). */
  pastTarget(now: Date): Promise<PastTargetTicket[]>;
}

export const NEUTRAL_BADGE: AgentBadge = { emoji: ':bust_in_silhouette:', colour: null };

export const neutralHomeFacts: HomeFacts = {
  agentBadge: async () => NEUTRAL_BADGE,
  isAvailable: async () => true,
  pastTarget: async () => [],
};

/** How many items of each list the snapshot carries in full (the rest are counted, never dropped silently). */
export interface HomeLimits {
  myTickets: number;
  approvals: number;
  unassignedPerInbox: number;
  inboxes: number;
  agents: number;
  pastTarget: number;
}

/** yorisoi's stored tickets and drafts, read for one agent's App Home. */
export interface HomeStore {
  snapshot(input: {
    slackUserId: string;
    /** The reader's Zendesk agent id, null when their Slack account is not mapped. */
    zendeskUserId: string | null;
    pastTarget: PastTargetTicket[];
    limits: HomeLimits;
  }): Promise<HomeSnapshot>;
  /** The Slack users mapped to this Zendesk agent (for refreshing their homes). */
  slackUsersOf(zendeskUserId: string): Promise<string[]>;
  /** The ticket's current assignee (Zendesk id), or null; undefined when the ticket is unknown. */
  assigneeOf(ticketZendeskId: string): Promise<string | null | undefined>;
}

/** The reader as a Zendesk agent; null when not mapped (the home still shows the team's lists). */
export interface HomeIdentity {
  agentOf(slackUserId: string): Promise<{ zendeskUserId: string; name: string } | null>;
}
