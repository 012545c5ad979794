import type { SatisfactionFact, TicketFacts } from './metrics.ts';
import type { TemplateUseFact } from './template-metrics.ts';

/** What yorisoi stores about tickets, for the team's numbers. */
export interface TeamHistory {
  /** Tickets created or changed at or after `since`, with every stored comment (status changes left empty). */
  ticketsActiveSince(since: Date): Promise<TicketFacts[]>;
}

/** Assignment in Zendesk (the root follows through the ticket sync). */
export interface TicketAssigner {
  assign(ticketZendeskId: string, agentZendeskId: string): Promise<void>;
  /** Puts the ticket in a group's queue: the group set, nobody assigned. */
  assignGroup?(ticketZendeskId: string, groupId: string): Promise<void>;
  /** Nobody holds it any more (the group stays). */
  unassign?(ticketZendeskId: string): Promise<void>;
}

/** A person who can hold tickets in Zendesk (role agent or admin, active). */
export interface AssignableAgent {
  zendeskUserId: string;
  name: string;
}

export interface AssignableGroup {
  id: string;
  name: string;
}

/** Who and what tickets can be assigned to, read from Zendesk. */
export interface AssigneeDirectory {
  /** Active agents and admins of the account, except the API user yorisoi itself signs in as. */
  agents(): Promise<AssignableAgent[]>;
  groups(): Promise<AssignableGroup[]>;
}

/** What the team sees of an agent in Slack: a colour and emoji chosen once, and whether they take tickets. */
export interface AgentProfile {
  zendeskUserId: string;
  slackUserId: string | null;
  name: string;
  emoji: string;
  colour: string;
  available: boolean;
}

export interface AgentProfileStore {
  get(zendeskUserId: string): Promise<AgentProfile | null>;
  getBySlackUser(slackUserId: string): Promise<AgentProfile | null>;
  list(): Promise<AgentProfile[]>;
  /**
   * The agent's profile, created when missing with the badge `pick(n)` gives for the n-th profile (n = how many
   * exist); an existing profile keeps its badge. `patch` updates name, Slack user and availability.
   */
  ensure(
    zendeskUserId: string,
    pick: (existing: number) => { emoji: string; colour: string },
    patch?: { name?: string; slackUserId?: string; available?: boolean },
  ): Promise<AgentProfile>;
}

/** The round-robin turn of each inbox, shared by every yorisoi process through the database. */
export interface AssignmentCursorStore {
  /**
   * Reads the inbox's last assignee, asks `choose` for the next, and stores it only when nobody moved the
   * turn meanwhile (a conditional update); tries again when somebody did. Returns the chosen agent.
   */
  advance(inboxId: string, choose: (last: string | null) => string | null): Promise<string | null>;
}

/** Open (new, open, pending, on-hold) tickets each agent holds, as yorisoi last synced them. */
export interface OpenTicketCounts {
  openByAssignee(zendeskUserIds: readonly string[]): Promise<Map<string, number>>;
  /** The ticket's assignee as stored (null = nobody), or undefined when yorisoi does not know the ticket. */
  assigneeOf(ticketZendeskId: string): Promise<string | null | undefined>;
}

/** What only Zendesk knows. */
export interface TeamZendeskFacts {
  /** Every status the ticket went through, from its audits, oldest first. */
  statusChanges(ticketZendeskId: string): Promise<{ at: Date; to: string }[]>;
  /** Satisfaction ratings created in [from, to). */
  satisfactionRatings(from: Date, to: Date): Promise<SatisfactionFact[]>;
}

/** Which templates yorisoi's sent replies carried (the drafts' template ids), and the templates' titles. */
export interface TemplateUseHistory {
  /** Sent replies that carried a template, sent in [from, to); only `templateId`'s when given. */
  usesBetween(from: Date, to: Date, templateId?: string): Promise<TemplateUseFact[]>;
  /** Titles of the templates (deleted ones too: the figures outlive them). */
  titles(ids: readonly string[]): Promise<Map<string, string>>;
}
