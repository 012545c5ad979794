import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { LookupConfig } from './enrichment-config.ts';

/** One named fact from a lookup (`プラン: Premium`). */
export interface Fact {
  lookup: string;
  label: string;
  value: string;
}

/** What one lookup gave: facts, or why not. Never carries a header value. */
export type LookupOutcome =
  | { name: string; status: 'ok'; facts: Fact[] }
  | { name: string; status: 'empty' }
  | { name: string; status: 'no_key'; from: 'email' | 'zendesk_user_id' | 'external_id' | 'custom_field' }
  | { name: string; status: 'timeout'; ms: number }
  | { name: string; status: 'error'; detail: string }
  | { name: string; status: 'refused'; detail: string };

/** Runs one configured lookup with the requester's key (HTTP and SQL adapters in src/lookups). */
export interface LookupRunner {
  run(config: LookupConfig, key: string): Promise<LookupOutcome>;
}

/** The ticket as enrichment sees it (stored copy plus Zendesk custom fields). */
export interface EnrichmentTicket {
  zendeskId: string;
  /** yorisoi's ticket id (the outbox orders a thread by it). */
  ticketId: string;
  channelId: string | null;
  inboxId: string | null;
  subject: string;
  /** The customer's first public message. */
  firstMessage: string;
  tags: string[];
  formId: string | null;
  status: string;
  requester: { zendeskUserId: string; email: string | null; externalId: string | null };
}

export type SuggestionAction = 'tag' | 'route' | 'flag' | 'template';

/** A suggestion next to what the agent finally did. */
export interface SuggestionRecord {
  ticketZendeskId: string;
  /** Rule id, or `templates` for the template suggester. */
  source: string;
  action: SuggestionAction;
  value: string;
  outcome: 'kept' | 'corrected' | null;
  correction: string | null;
  createdAt: Date;
}

export interface EnrichmentStore {
  ticket(zendeskId: string): Promise<EnrichmentTicket | null>;
  /** Claims the ticket's enrichment; false when it was already done (a replayed sync). */
  begin(zendeskId: string): Promise<boolean>;
  saveFacts(zendeskId: string, facts: Fact[]): Promise<void>;
  noteCommentId(zendeskId: string): Promise<string | null>;
  setNoteCommentId(zendeskId: string, commentId: string): Promise<void>;
  record(rows: Omit<SuggestionRecord, 'outcome' | 'correction' | 'createdAt'>[]): Promise<void>;
  decide(
    ticketZendeskId: string,
    source: string,
    action: SuggestionAction,
    value: string,
    outcome: 'kept' | 'corrected',
    correction: string | null,
  ): Promise<void>;
  /** Suggestions made since `since` (all when absent), with the current tags/inbox/status of their tickets. */
  history(since?: Date): Promise<Array<SuggestionRecord & { ticket: EnrichmentTicket | null }>>;
  /** Replies sent on the ticket that enrichment has not looked at yet, with the templates each used. */
  unseenSends(zendeskId: string): Promise<Array<{ sendId: string; templateIds: string[]; public: boolean }>>;
  markSendSeen(sendId: string): Promise<void>;
  enqueue(effects: OutboxEffect[]): Promise<number>;
}

export interface EnrichmentZendesk {
  /** Ticket custom fields as text, by field id. */
  customFields(zendeskId: string): Promise<Record<string, string>>;
  addTags(zendeskId: string, tags: string[]): Promise<void>;
  /** The internal note with this key, if Zendesk has it (a crash between posting and storing). */
  findNote(zendeskId: string, key: string): Promise<string | null>;
  postNote(zendeskId: string, body: string, key: string): Promise<string | null>;
}

export interface SuggestedTemplate {
  id: string;
  title: string;
  path: string;
  /** Rule id when a rule suggested it. */
  rule?: string;
}

export interface RuleFiring {
  rule: string;
  action: SuggestionAction;
  value: string;
}

export interface EnrichmentRenderer {
  facts(input: { outcomes: LookupOutcome[]; firings: RuleFiring[] }): SlackMessage;
  suggestions(templates: SuggestedTemplate[]): SlackMessage;
  /** The internal note's text (plain). */
  note(outcomes: LookupOutcome[]): string;
}

export interface TemplateSuggester {
  suggest(
    message: string,
    opts: { limit: number },
  ): Promise<Array<{ id: string; title: string; path: string }>>;
  get(id: string): Promise<{ id: string; title: string; path: string; deleted: boolean } | null>;
  recordSent(templateId: string, message: string): Promise<void>;
}
