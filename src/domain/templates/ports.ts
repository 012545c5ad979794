import type {
  Template,
  TemplateChange,
  TemplateContent,
  TemplateRecord,
  TemplateVersion,
} from './template.ts';

export interface SaveResult {
  template: Template;
  outcome: 'created' | 'updated' | 'unchanged';
}

/** Where templates are kept (SQLite through Prisma in src/storage). Every save that changes content adds a version. */
export interface TemplateStore {
  get(id: string): Promise<Template | null>;
  getMany(ids: string[]): Promise<Template[]>;
  /** Every template not deleted (start-up rebuild, export). */
  listActive(): Promise<Template[]>;
  /** Ids and `updatedAt` of templates (deleted ones too) whose row changed at or after `since`; keeps the index in step. */
  changedSince(since: Date): Promise<Array<{ id: string; updatedAt: Date }>>;
  countActive(): Promise<number>;
  /** Creates the template or, when its content differs, adds a version. `expectedVersion` guards concurrent edits. */
  save(
    id: string,
    content: TemplateContent,
    meta: { author: string | null; change: TemplateChange; expectedVersion?: number },
  ): Promise<SaveResult>;
  /** Batch form of save for imports: one transaction per chunk. Deleted templates are left alone. */
  saveMany(
    records: TemplateRecord[],
    meta: { author: string | null; change: TemplateChange },
  ): Promise<Array<{ id: string; outcome: SaveResult['outcome'] | 'deleted' }>>;
  setDeleted(id: string, deleted: boolean, author: string | null): Promise<Template | null>;
  versions(id: string): Promise<TemplateVersion[]>;
  version(id: string, version: number): Promise<TemplateVersion | null>;
  /** Template count per folder path (active templates), plus folders made empty on purpose (count 0). */
  folders(): Promise<Array<{ path: string; count: number }>>;
  listInFolder(path: string): Promise<Template[]>;
  createFolder(path: string): Promise<void>;
  /** Moves every active template at or below `from` to the same place below `to`; returns the ids moved. */
  moveFolder(from: string, to: string, author: string | null): Promise<string[]>;
  /** Soft-deletes every active template at or below `path` and the folder itself; returns the ids deleted. */
  deleteFolder(path: string, author: string | null): Promise<string[]>;
}

/** The persisted search-index snapshot, kept next to the database. */
export interface TemplateIndexSnapshot {
  /** Newest `updatedAt` (ms) the index has seen. */
  syncedThrough: number;
  count: number;
  /** `updatedAt` (ms) of each template as indexed, so catching up skips rows the snapshot already holds. */
  indexedAt: Array<[string, number]>;
  index: string;
}

export interface TemplateIndexSnapshots {
  read(): Promise<TemplateIndexSnapshot | null>;
  write(snapshot: TemplateIndexSnapshot): Promise<void>;
}

/** The stored text of tickets, to prefill template searches. */
export interface TicketTextSource {
  /** The ticket's subject and its requester's first comment (else the subject); null for an unknown ticket. */
  ticketText(zendeskTicketId: string): Promise<string | null>;
}

// The port through which the domain searches reply templates. Types only: the Orama-backed
// implementation lives in src/search/, so the domain never imports a search library.

export interface SearchableTemplate {
  id: string;
  title: string;
  body: string;
  /** Folder path, e.g. `子育てFAQ/妊娠・出産/健診`. */
  path: string;
  tags: string[];
  product: string | null;
}

export interface TemplateSearchFilters {
  /** Path prefix: `子育てFAQ/妊娠・出産` matches that folder and everything below it. */
  folder?: string;
  product?: string;
  tag?: string;
}

export interface TemplateSearchHit {
  id: string;
  title: string;
  path: string;
  score: number;
  /** The query words the template contains whole (as written or read), each weighted by its idf; 0: none. */
  evidence: number;
  /** ≤ 200 characters of body around the best match, matched parts wrapped in `*…*` (Slack mrkdwn bold). */
  snippet: string;
}

export interface NearDuplicate {
  id: string;
  /** 0..1; 1 means the same text once spelling variants (表記ゆれ) are normalised away. */
  similarity: number;
}

/** A template suggested for a customer's message (issue 13); `score` is 0..1, comparable across messages. */
export interface TemplateSuggestion {
  id: string;
  title: string;
  path: string;
  score: number;
}

export interface TemplateSearchIndex {
  readonly size: number;
  /** Adds the template, or replaces the one with the same id. */
  upsert(t: SearchableTemplate): void;
  upsertMany(ts: SearchableTemplate[]): void;
  remove(id: string): void;
  /** Best first. */
  /**
   * The best templates for `query`, best first; none ("no match") when no template contains a query word
   * whole or scores above the calibrated floor (`floor: 0` turns both off, for evaluation).
   */
  search(
    query: string,
    opts?: { limit?: number; filters?: TemplateSearchFilters; floor?: number },
  ): TemplateSearchHit[];
  /** The key phrases of a customer's message (its content words, rarest kept), to prefill a search. */
  keyPhrases(message: string, opts?: { max?: number }): string;
  /** Indexed templates that are near-duplicates of `t`, most similar first, excluding `t.id` itself. */
  findNearDuplicates(
    t: { id?: string; title: string; body: string },
    opts?: { limit?: number },
  ): NearDuplicate[];
  /** Connected groups of near-duplicates among the indexed templates, each with ≥ 2 ids. */
  duplicateGroups(): { ids: string[] }[];
  /**
   * Templates that answer a customer's message (their own words: greetings, context, colloquial
   * spelling), best first, at most `limit` (default 3). Empty when nothing reaches `floor`
   * (default: the calibrated one) — a wrong suggestion costs more than none.
   */
  suggest(message: string, opts?: { limit?: number; floor?: number }): TemplateSuggestion[];
  /** "Agents sent `templateId` for `message`": similar later messages rank it higher. False if unknown. */
  learnSent(templateId: string, message: string): boolean;
  /** A snapshot to persist next to the database so that start-up does not re-analyse every template. */
  serialize(): string;
}

/** The learning hook of template suggestions (see suggestion-feedback.ts). */
export interface SentTemplateExample {
  templateId: string;
  /** The customer's message the template answered, as received. */
  text: string;
  at: Date;
}

export interface SuggestionFeedbackStore {
  /** Records that agents sent `templateId` in reply to `text`. */
  recordSent(example: { templateId: string; text: string; at?: Date }): Promise<void>;
  /** Recorded examples, oldest first, at most `limit` (newest kept when more exist). */
  list(opts?: { limit?: number }): Promise<SentTemplateExample[]>;
}
