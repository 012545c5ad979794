// The Orama-backed TemplateSearchIndex. Retrieval is two-stage:
//
// 1. Orama finds candidates using only the query's rarest tokens. Bigram posting lists of common
//    tokens (ます, ください) are long, and Orama's cost per query token grows with the square of
//    its posting list (RadixNode.findAllWords de-duplicates with Array#includes), so common tokens
//    are what made stock Orama take ~200 ms per query at 10,000 templates.
// 2. The candidates are re-ranked by how much of the WHOLE query they contain: idf-weighted
//    token coverage plus whether each query word occurs as written (surface) or as read (kana).
//
// See docs/search.md, "Search at scale", for the measurements behind the constants.

import { type AnyOrama, create, insert, remove as oramaRemove, search as oramaSearch } from '@orama/orama';
import { stripCourtesy } from '../domain/templates/inquiry-text.ts';
import type {
  NearDuplicate,
  SearchableTemplate,
  TemplateSearchFilters,
  TemplateSearchHit,
  TemplateSearchIndex,
  TemplateSuggestion,
} from '../domain/templates/ports.ts';
import { contentWords, isLightWord, sentences } from './content-words.ts';
import { forEachGram } from './grams.ts';
import { createLeanIndexComponent } from './lean-orama-index.ts';
import { duplicateFeatures, duplicateSimilarity, NEAR_DUPLICATE_THRESHOLD } from './near-duplicates.ts';
import {
  createReadingAnalyzer,
  type KuromojiTokenizer,
  loadKuromoji,
  type ReadingAnalyzer,
} from './readings.ts';
import { buildSnippet } from './snippet.ts';
import { type SuggesterWeights, SuggestionIndex } from './template-suggester.ts';
import { type AnalysedText, analyseText, tokensOf } from './text-analysis.ts';

/** Query tokens handed to Orama, rarest first: the rare ones carry the information and are cheap. */
const RETRIEVAL_TOKENS = 16;
/**
 * Orama's cost per query token grows with the square of its posting list, so a token stops
 * gaining Orama postings once this many templates contain it. Such a token is still known to
 * the re-ranker (which reads the stored text); only retrieval by it alone becomes partial.
 */
const POSTING_CAP = 500;
/** Retrieval stops adding tokens once their postings sum to this (the rarest token always goes). */
const RETRIEVAL_POSTING_BUDGET = 1500;
/** Candidates Orama returns for re-ranking. */
const CANDIDATES = 30;
/** Re-rank weight of "each query word occurs as written or as read" next to token coverage. */
const PHRASE_WEIGHT = 0.5;
const DEFAULT_LIMIT = 10;
/** Words a prefilled search keeps from a customer's message. */
const KEY_PHRASES = 5;
const DUPLICATE_CANDIDATES = 20;
const SERIALIZATION_VERSION = 1;
/** Plain search's top this many count as one signal of a suggestion (template-suggester.ts). */
const SEARCH_RANKS = 10;
/**
 * Search answers "no match" unless a template contains at least one query word whole (as written or as
 * read: `evidence` > 0) and scores at least this (0..1.5: weighted token coverage + half the share of query
 * words found). Learned on the dev split with `npm run eval:search` (its "no match" table): the highest
 * score floor that keeps recall@5 of the dev queries within 0.5% and leaves at most one of the 64 dev
 * inquiries' prefilled key-phrase searches empty. Nonsense (「xyzzy 宇宙船」) shares bigrams with templates
 * but no word, which is what the word rule catches; a fixed result count would not.
 */
export const SEARCH_SCORE_FLOOR = 0.2;

/** What we keep per template: the analysed text is needed for re-ranking and duplicate checks. */
interface IndexedTemplate {
  template: SearchableTemplate;
  title: AnalysedText;
  body: AnalysedText;
}

/** An indexed template, its text joined for fast substring tests, and which of its tokens (in tokensOf order) Orama holds postings for. */
interface StoredTemplate extends IndexedTemplate {
  surface: string;
  reading: string;
  inOrama: Uint8Array;
}

interface TokenStats {
  /** Templates containing the token. */
  documents: number;
  /** Templates Orama holds a posting for (≤ POSTING_CAP). */
  postings: number;
}

interface SerializedIndex {
  version: number;
  templates: Array<SearchableTemplate & { analysed: [string, string, string, string] }>;
}

const schema = { grams: 'string', folders: 'enum[]', tags: 'enum[]', product: 'enum' } as const;

/** Folder filter by prefix: a template in a/b/c is indexed under a, a/b and a/b/c. */
function folderPrefixes(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function idf(documentFrequency: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

class OramaTemplateSearchIndex implements TemplateSearchIndex {
  private readonly db: AnyOrama;
  private readonly templates = new Map<string, StoredTemplate>();
  private readonly tokenStats = new Map<string, TokenStats>();
  /**
   * The tokens of the template being inserted into or removed from Orama. Orama documents carry
   * only the id in `grams` (a token string per template would double the heap), so the tokenizer
   * hands Orama these instead; queries reach the tokenizer without a property name.
   */
  private tokensInTransit: string[] = [];

  /** Built on the first suggestion from the analysed templates, then kept in step with them. */
  private suggestions: SuggestionIndex | undefined;

  constructor(
    private readonly readings: ReadingAnalyzer,
    private readonly morphemes: KuromojiTokenizer,
    private readonly suggestionSettings: SuggestionSettings = {},
  ) {
    const tokenize = (raw: string, _language?: string, prop?: string) =>
      prop === 'grams' ? this.tokensInTransit : raw.split(' ');
    this.db = create({
      schema,
      components: {
        tokenizer: { language: 'japanese', normalizationCache: new Map(), tokenize },
        index: createLeanIndexComponent(),
      },
      sort: { enabled: false },
    });
  }

  get size(): number {
    return this.templates.size;
  }

  upsert(t: SearchableTemplate): void {
    this.insertAnalysed({
      template: t,
      title: analyseText(t.title, this.readings),
      body: analyseText(t.body, this.readings),
    });
  }

  upsertMany(ts: SearchableTemplate[]): void {
    for (const t of ts) this.upsert(t);
  }

  remove(id: string): void {
    const existing = this.templates.get(id);
    if (existing === undefined) return;
    const tokens = tokensOf(existing.title, existing.body);
    this.tokensInTransit = tokens.filter((_, i) => existing.inOrama[i] === 1);
    oramaRemove(this.db, id);
    tokens.forEach((token, i) => {
      const stats = this.tokenStats.get(token);
      if (stats === undefined) return;
      stats.documents--;
      stats.postings -= existing.inOrama[i] ?? 0;
      if (stats.documents <= 0) this.tokenStats.delete(token);
    });
    this.tokensInTransit = [];
    this.templates.delete(id);
    this.suggestions?.remove(id);
  }

  insertAnalysed(entry: IndexedTemplate): void {
    const { template } = entry;
    this.remove(template.id);
    const tokens = tokensOf(entry.title, entry.body);
    const inOrama = new Uint8Array(tokens.length);
    const forOrama: string[] = [];
    tokens.forEach((token, i) => {
      let stats = this.tokenStats.get(token);
      if (stats === undefined) {
        stats = { documents: 0, postings: 0 };
        this.tokenStats.set(token, stats);
      }
      stats.documents++;
      if (stats.postings < POSTING_CAP) {
        stats.postings++;
        inOrama[i] = 1;
        forOrama.push(token);
      }
    });
    this.tokensInTransit = forOrama;
    insert(this.db, {
      id: template.id,
      grams: template.id,
      folders: folderPrefixes(template.path),
      tags: template.tags,
      product: template.product ?? '',
    });
    this.tokensInTransit = [];
    this.templates.set(template.id, {
      ...entry,
      surface: `${entry.title.surface}\n${entry.body.surface}`,
      reading: `${entry.title.reading}\n${entry.body.reading}`,
      inOrama,
    });
    this.suggestions?.add(template, entry.title, entry.body);
  }

  /** The suggestion index, built from the already analysed templates on first use. */
  suggestionIndex(): SuggestionIndex {
    if (this.suggestions === undefined) {
      const built = new SuggestionIndex((text) => contentWords(text, this.morphemes, this.readings));
      if (this.suggestionSettings.weights) built.weights = { ...this.suggestionSettings.weights };
      if (this.suggestionSettings.floor !== undefined) built.floor = this.suggestionSettings.floor;
      for (const { template, title, body } of this.templates.values()) built.add(template, title, body);
      this.suggestions = built;
    }
    return this.suggestions;
  }

  suggest(message: string, opts: { limit?: number; floor?: number } = {}): TemplateSuggestion[] {
    if ((opts.limit ?? 3) <= 0) return [];
    const text = inquiryHead(stripCourtesy(message));
    const searchRanks = new Map(
      // The suggester's weights and floor were calibrated on this signal with the message's words as typed.
      this.rank(text, SEARCH_RANKS, undefined, { byContentRuns: false }).ranked.map(({ entry }, i) => [
        entry.template.id,
        i + 1,
      ]),
    );
    return this.suggestionIndex().suggest(
      contentWords(text, this.morphemes, this.readings),
      analyseText(text, this.readings),
      { ...opts, searchRanks },
    );
  }

  learnSent(templateId: string, message: string): boolean {
    return this.suggestionIndex().learn(
      templateId,
      analyseText(inquiryHead(stripCourtesy(message)), this.readings),
    );
  }

  search(
    query: string,
    opts: { limit?: number; filters?: TemplateSearchFilters; floor?: number } = {},
  ): TemplateSearchHit[] {
    const { ranked } = this.rank(query, opts.limit ?? DEFAULT_LIMIT, opts.filters);
    const floor = opts.floor ?? SEARCH_SCORE_FLOOR;
    const kept = ranked.filter(({ score, evidence }) => floor === 0 || (evidence > 0 && score >= floor));
    if (kept.length === 0) return [];
    const tokenSet = this.highlightTokens(query);
    return kept.map(({ entry, score, evidence }) => ({
      evidence,
      id: entry.template.id,
      title: entry.template.title,
      path: entry.template.path,
      score,
      snippet: buildSnippet(entry.template.body, tokenSet, this.readings),
    }));
  }

  keyPhrases(message: string, opts: { max?: number } = {}): string {
    const max = opts.max ?? KEY_PHRASES;
    // Phrases: runs of nouns (a prefix joins its noun: 再 + 発行, 母子 + 手帳) and content verbs and
    // adjectives in their dictionary form; particles, endings and light words (する, ください) end a run.
    const phrases: string[] = [];
    for (const sentence of sentences(stripCourtesy(message).normalize('NFKC'))) {
      let run = '';
      const flush = () => {
        if (Array.from(run).length >= 2 && !phrases.includes(run)) phrases.push(run);
        run = '';
      };
      for (const m of this.morphemes.tokenize(sentence)) {
        const base = m.basic_form && m.basic_form !== '*' ? m.basic_form : m.surface_form;
        const noun =
          m.pos === '名詞' && !['非自立', '代名詞', '数', '接尾', '副詞可能'].includes(m.pos_detail_1);
        if (/^[\p{P}\p{S}\s]+$/u.test(m.surface_form)) {
          flush();
          continue;
        }
        if (noun || (m.pos === '接頭詞' && m.pos_detail_1 === '名詞接続')) {
          run += m.surface_form;
          continue;
        }
        if (m.pos === '名詞' && m.pos_detail_1 === '接尾' && run !== '') {
          run += m.surface_form;
          continue;
        }
        flush();
        if ((m.pos === '動詞' || m.pos === '形容詞') && m.pos_detail_1 === '自立' && !isLightWord(base)) {
          run = base;
          flush();
        }
      }
      flush();
    }
    // How telling a phrase is: the idf of its rarest token among the templates. Words no template
    // contains (names, order numbers) say nothing to a template search and are left out.
    const weight = (phrase: string) => {
      let best = 0;
      for (const t of tokensOf(analyseText(phrase, this.readings))) {
        const documents = this.tokenStats.get(t)?.documents ?? 0;
        if (documents > 0) best = Math.max(best, idf(documents, this.templates.size));
      }
      return best;
    };
    const ranked = phrases.map((p, i) => ({ p, i, weight: weight(p) })).filter((x) => x.weight > 0);
    ranked.sort((a, b) => b.weight - a.weight || a.i - b.i);
    return ranked
      .slice(0, max)
      .sort((a, b) => a.i - b.i)
      .map((x) => x.p)
      .join(' ');
  }

  /**
   * The runs of content words of a query, word by word (spaces separate words): 「母子手帳の手続きを教えてください」
   * → 母子手帳, 手続き. Particles, auxiliaries, symbols and light words (教える, ください) end a run; a word
   * typed all in kana is kept whole (it is a word typed by its reading: いのしし, ほいくえん, which kuromoji
   * would cut into scraps, particles included).
   */
  private contentRuns(query: string): string[] {
    const runs: string[] = [];
    for (const word of query.normalize('NFKC').split(/\s+/)) {
      if (word === '') continue;
      if (/^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(word)) {
        if (!isLightWord(word)) runs.push(word);
        continue;
      }
      let run = '';
      for (const m of this.morphemes.tokenize(word)) {
        const base = m.basic_form && m.basic_form !== '*' ? m.basic_form : m.surface_form;
        const light =
          ['助詞', '助動詞', '記号'].includes(m.pos) || isLightWord(base) || isLightWord(m.surface_form);
        if (!light) run += m.surface_form;
        else if (run !== '') {
          runs.push(run);
          run = '';
        }
      }
      if (run !== '') runs.push(run);
    }
    return runs;
  }

  /**
   * The tokens a snippet highlights: those of the query's content words (their spellings as written,
   * dictionary form, stem and reading), so particles and endings (です, ます, ください, 「さい」) never light up.
   */
  private highlightTokens(query: string): { written: Set<string>; read: Set<string> } {
    const written = new Set<string>();
    const read = new Set<string>();
    // The query without its particles, auxiliaries and light words (を, です, ます, ください, 教えて):
    // what is left, in runs, is what the agent is looking for.
    for (const run of this.contentRuns(query)) {
      const analysed = analyseText(run, this.readings);
      forEachGram(analysed.surface, (g) => written.add(g));
      forEachGram(analysed.reading, (g) => read.add(g));
    }
    // Content words' other spellings (dictionary form, kanji stem) as written; their readings only read.
    for (const word of contentWords(query, this.morphemes, this.readings)) {
      const typedInKana = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(word.text);
      for (const form of word.forms) {
        for (const token of form) read.add(token);
        if (!typedInKana && form.every((t) => /^[\p{Script=Hiragana}ー]+$/u.test(t))) continue;
        for (const token of form) written.add(token);
      }
    }
    return { written, read };
  }

  /** Search's ranking without snippets: the best `limit` templates and the query's tokens. */
  private rank(
    query: string,
    limit: number,
    filters?: TemplateSearchFilters,
    opts: { byContentRuns: boolean } = { byContentRuns: true },
  ): { ranked: Array<{ entry: IndexedTemplate; score: number; evidence: number }>; tokens: string[] } {
    const typed = query
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => analyseText(w, this.readings));
    const queryTokens = tokensOf(...typed);
    if (queryTokens.length === 0 || limit <= 0) return { ranked: [], tokens: queryTokens };
    // The words that must occur whole: the query's content runs (a sentence typed as the query counts by
    // its content words, not as one long word no template holds), else the words as typed.
    const runs = opts.byContentRuns ? this.contentRuns(query) : [];
    const words = runs.length ? runs.map((r) => analyseText(r, this.readings)) : typed;

    const candidates = this.retrieve(queryTokens, CANDIDATES, filters);
    const weights = queryTokens.map((t) => idf(this.tokenStats.get(t)?.documents ?? 0, this.templates.size));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    // A query word's weight: the idf of its rarest token (a word found whole is evidence of a real match).
    const wordWeights = words.map((w) => {
      let best = 0;
      for (const t of tokensOf(w))
        best = Math.max(best, idf(this.tokenStats.get(t)?.documents ?? 0, this.templates.size));
      return best;
    });
    const ranked: Array<{ entry: IndexedTemplate; score: number; evidence: number }> = [];
    for (const id of candidates) {
      const entry = this.templates.get(id);
      if (entry === undefined) continue;
      const { surface, reading } = entry;
      let covered = 0;
      queryTokens.forEach((token, i) => {
        if (surface.includes(token) || reading.includes(token)) covered += weights[i] ?? 0;
      });
      let wordsFound = 0;
      let evidence = 0;
      words.forEach((w, i) => {
        if (!(surface.includes(w.surface) || reading.includes(w.reading))) return;
        wordsFound++;
        evidence += wordWeights[i] ?? 0;
      });
      const score = covered / totalWeight + (PHRASE_WEIGHT * wordsFound) / words.length;
      ranked.push({ entry, score, evidence });
    }
    ranked.sort((a, b) => b.score - a.score || a.entry.template.id.localeCompare(b.entry.template.id));
    return { ranked: ranked.slice(0, limit), tokens: queryTokens };
  }

  /** Ids of the templates Orama ranks highest on the rarest of `tokens`. */
  private retrieve(tokens: string[], limit: number, filters?: TemplateSearchFilters): string[] {
    const known = tokens.flatMap((token) => {
      const stats = this.tokenStats.get(token);
      return stats !== undefined && stats.postings > 0 ? [{ token, ...stats }] : [];
    });
    known.sort((a, b) => a.documents - b.documents);
    const chosen: string[] = [];
    let postings = 0;
    for (const { token, postings: tokenPostings } of known) {
      postings += tokenPostings;
      if (chosen.length > 0 && (postings > RETRIEVAL_POSTING_BUDGET || chosen.length >= RETRIEVAL_TOKENS))
        break;
      chosen.push(token);
    }
    if (chosen.length === 0) return [];
    const where: Record<string, unknown> = {};
    if (filters?.folder) where.folders = { containsAll: [filters.folder.replace(/\/+$/, '')] };
    if (filters?.tag) where.tags = { containsAll: [filters.tag] };
    if (filters?.product) where.product = { eq: filters.product };
    const result = oramaSearch(this.db, {
      term: chosen.join(' '),
      properties: ['grams'],
      limit,
      threshold: 1, // any token may match; the default filters "all tokens" with a quadratic pass
      relevance: { k: 1.2, b: 0, d: 0.5 },
      ...(Object.keys(where).length > 0 ? { where } : {}),
    });
    if (result instanceof Promise) throw new Error('Orama search unexpectedly ran asynchronously');
    return result.hits.map((h) => String(h.id));
  }

  findNearDuplicates(
    t: { id?: string; title: string; body: string },
    opts: { limit?: number } = {},
  ): NearDuplicate[] {
    const title = analyseText(t.title, this.readings);
    const body = analyseText(t.body, this.readings);
    return this.nearDuplicatesOf({ title, body }, t.id, opts.limit ?? DEFAULT_LIMIT);
  }

  private nearDuplicatesOf(
    text: { title: AnalysedText; body: AnalysedText },
    excludeId: string | undefined,
    limit: number,
  ): NearDuplicate[] {
    const features = duplicateFeatures(text.title.surface, text.body.surface);
    const found: NearDuplicate[] = [];
    for (const id of this.retrieve(tokensOf(text.title, text.body), DUPLICATE_CANDIDATES)) {
      const other = this.templates.get(id);
      if (other === undefined || id === excludeId) continue;
      const similarity = duplicateSimilarity(
        features,
        duplicateFeatures(other.title.surface, other.body.surface),
      );
      if (similarity >= NEAR_DUPLICATE_THRESHOLD) found.push({ id, similarity });
    }
    return found.sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id)).slice(0, limit);
  }

  duplicateGroups(): { ids: string[] }[] {
    const parent = new Map<string, string>();
    const root = (id: string): string => {
      let r = id;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r) ?? r;
      return r;
    };
    for (const [id, entry] of this.templates) {
      for (const dup of this.nearDuplicatesOf(entry, id, DUPLICATE_CANDIDATES)) {
        const [a, b] = [root(id), root(dup.id)];
        if (a === b) continue;
        const [low, high] = a < b ? [a, b] : [b, a];
        parent.set(high, low); // the smaller id becomes the root: groups are stable
      }
    }
    const groups = new Map<string, string[]>();
    for (const id of this.templates.keys()) {
      const r = root(id);
      groups.set(r, [...(groups.get(r) ?? []), id]);
    }
    return [...groups.values()].filter((ids) => ids.length >= 2).map((ids) => ({ ids: ids.sort() }));
  }

  serialize(): string {
    const data: SerializedIndex = {
      version: SERIALIZATION_VERSION,
      templates: [...this.templates.values()].map(({ template, title, body }) => ({
        ...template,
        analysed: [title.surface, title.reading, body.surface, body.reading],
      })),
    };
    return JSON.stringify(data);
  }

  /** Re-indexes a snapshot without re-running normalisation or kuromoji (the slow part of a build). */
  restore(serialized: string): void {
    const data = JSON.parse(serialized) as SerializedIndex;
    if (data.version !== SERIALIZATION_VERSION)
      throw new Error(`Unsupported search index snapshot version ${data.version}`);
    for (const { analysed, ...template } of data.templates) {
      const [titleSurface, titleReading, bodySurface, bodyReading] = analysed;
      this.insertAnalysed({
        template,
        title: { surface: titleSurface, reading: titleReading },
        body: { surface: bodySurface, reading: bodyReading },
      });
    }
  }
}

/** Overrides of the calibrated suggestion ranking (for the evaluation's cross-validation). */
export interface SuggestionSettings {
  weights?: SuggesterWeights;
  floor?: number;
}

/** Loads kuromoji (~1 s, once per process) and returns an empty index, or one restored from `serialized`. */
export async function createTemplateSearchIndex(
  opts: { serialized?: string; suggestion?: SuggestionSettings } = {},
): Promise<TemplateSearchIndex> {
  const index = new OramaTemplateSearchIndex(
    await createReadingAnalyzer(),
    await loadKuromoji(),
    opts.suggestion,
  );
  if (opts.serialized !== undefined) index.restore(opts.serialized);
  return index;
}

/**
 * The part of a customer's message that suggestions read: its first ~2,000 characters, cut at a line break.
 * A customer's topic is at the top; analysing a 50,000-character paste with kuromoji would hold the event
 * loop for tens of seconds (Slack acks and Socket Mode pings wait behind it).
 */
export const INQUIRY_HEAD_CHARS = 2_000;
function inquiryHead(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= INQUIRY_HEAD_CHARS) return text;
  const head = chars.slice(0, INQUIRY_HEAD_CHARS).join('');
  const cut = head.lastIndexOf('\n');
  return cut > INQUIRY_HEAD_CHARS / 2 ? head.slice(0, cut) : head;
}
