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
  search(query: string, opts?: { limit?: number; filters?: TemplateSearchFilters }): TemplateSearchHit[];
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
