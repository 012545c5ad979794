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
