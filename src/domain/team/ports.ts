import type { SatisfactionFact, TicketFacts } from './metrics.ts';

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
