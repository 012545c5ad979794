// Suggested templates for a customer's message (issue 13). Template search answers an agent's
// few keywords; a customer writes sentences: greetings, context, colloquial verbs, kana where a
// template has kanji. The suggester therefore matches the message's content words
// (content-words.ts) rather than its every character, weights each word by how rare it is in the
// template collection (idf of its bigrams over the templates), and scores a template by
//
//   (1 − TITLE − SEARCH) × √(message covered × title asked)
//   + TITLE × share of the message's word weight found in the title
//   + SEARCH × 1 / rank of the template in plain template search with the message (0 if not in its top 10)
//
// where "message covered" is the share of the message's word weight found anywhere in the template
// and "title asked" the share of the title's own content-word weight found in the message (the
// title is the question the template answers: does the message ask it?). The geometric mean needs
// both: a long template that happens to contain the message's words, or a short title that happens
// to be in a long message, is not enough alone. Every part is in [0, 1], so scores are comparable
// between messages and one calibrated floor says "nothing fits". Words no template contains still
// weigh: a message about what the collection never mentions (選挙, 水道) scores low everywhere.
//
// Learning: each "agents sent T for message X" keeps X as wording of T; a later message is also
// scored against those examples (share of its word weight found in one) and T takes the better.

import type { TemplateSuggestion } from '../domain/templates/ports.ts';
import type { QueryWord } from './content-words.ts';
import { gramSet } from './grams.ts';
import { isKanji } from './normalize.ts';
import type { AnalysedText } from './text-analysis.ts';

export interface SuggesterWeights {
  /** Weight of "the message's words are in the title". */
  title: number;
  /** Weight of the template's rank in plain template search. */
  search: number;
}

/** Chosen on the dev inquiries and checked with two-fold cross-validation (npm run eval:suggest). */
export const DEFAULT_WEIGHTS: SuggesterWeights = { title: 0.1, search: 0.1 };
/** Nothing is suggested when the best score is below this (calibrated like the weights; see README). */
export const DEFAULT_SUGGESTION_FLOOR = 0.31;
/**
 * The floor decides whether anything fits (on the best score); the others shown must score at
 * least this share of the best, so a confident suggestion is not padded with weak ones.
 */
export const RELATIVE_CUT = 0.6;
/** A learned example counts this much of a full match (its wording is a customer's, not the template's). */
const LEARNED_WEIGHT = 0.9;
/** Templates scored per message, gathered by the summed idf of the message tokens they contain. */
const CANDIDATES = 60;
/** Tokens in more than this share of templates gather no candidates (they weigh little and cost much). */
const CANDIDATE_MAX_SHARE = 0.1;
/** Learned examples kept per template (the newest). */
const EXAMPLES_PER_TEMPLATE = 50;

interface Text {
  surface: string;
  reading: string;
}

interface SuggestDoc {
  slot: number;
  id: string;
  title: string;
  path: string;
  titleText: Text;
  all: Text;
  /** The title's content words: analysed on first use (kuromoji over 10,000 titles takes seconds). */
  titleWords?: QueryWord[];
  /** titleWords weighted with the idf of `titleWeightedAt` (recomputed when the collection changed). */
  titleWeighted?: WeightedWord[];
  titleWeightedAt?: number;
  examples: Text[];
}

interface WeightedWord {
  weight: number;
  forms: Array<{ tokens: string[]; idfs: number[]; total: number; credit: number }>;
}

function idf(df: number, n: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function contains(text: Text, token: string): boolean {
  return text.surface.includes(token) || text.reading.includes(token);
}

/** The tokens a template is found by: bigrams of surface and reading, plus each kanji alone (券, 蜂). */
function indexTokens(...texts: Text[]): Set<string> {
  const tokens = gramSet(...texts.flatMap((t) => [t.surface, t.reading]));
  for (const t of texts) for (const ch of t.surface) if (isKanji(ch)) tokens.add(ch);
  return tokens;
}

/**
 * Share of the words' weight that `text` contains. A word counts by its best spelling: the
 * idf-weighted share of that spelling's tokens present, squared (a half-matched word is mostly
 * another word), times the spelling's credit (a stem or a lone kanji proves less than the word).
 */
function coverageOf(words: WeightedWord[], totalWeight: number, text: Text): number {
  if (totalWeight <= 0) return 0;
  let sum = 0;
  for (const w of words) {
    let best = 0;
    for (const f of w.forms) {
      if (f.total <= 0) continue;
      let found = 0;
      f.tokens.forEach((t, i) => {
        if (contains(text, t)) found += f.idfs[i] ?? 0;
      });
      const share = found / f.total;
      best = Math.max(best, f.credit * share * share);
      if (best >= 1) break;
    }
    sum += w.weight * best;
  }
  return sum / totalWeight;
}

/** Growable posting list of template slots. */
class Postings {
  ids = new Int32Array(4);
  size = 0;
  add(slot: number): void {
    if (this.size === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.size++] = slot;
  }
  delete(slot: number): void {
    const at = this.ids.subarray(0, this.size).indexOf(slot);
    if (at < 0) return;
    this.ids.copyWithin(at, at + 1, this.size);
    this.size--;
  }
}

export interface ScoredTemplate {
  id: string;
  title: string;
  path: string;
  score: number;
}

export class SuggestionIndex {
  private readonly docs = new Map<string, SuggestDoc>();
  /**
   * Learned examples by template id. Kept apart from the templates: an edit re-adds a template and a
   * restore brings a deleted one back, and neither should forget what agents sent it for.
   */
  private readonly examples = new Map<string, Text[]>();
  private readonly bySlot: Array<SuggestDoc | undefined> = [];
  private readonly freeSlots: number[] = [];
  /** token → slots of the templates containing it (title or body). */
  private readonly postings = new Map<string, Postings>();
  /** token → slots of the templates with a learned example containing it. */
  private readonly learnedPostings = new Map<string, Postings>();
  /** Bumped whenever the collection (and so every idf) changes. */
  private generation = 0;
  weights: SuggesterWeights = { ...DEFAULT_WEIGHTS };
  floor = DEFAULT_SUGGESTION_FLOOR;

  /** @param wordsOf the content words of a text (content-words.ts), used for template titles. */
  constructor(private readonly wordsOf: (text: string) => QueryWord[]) {}

  get size(): number {
    return this.docs.size;
  }

  add(t: { id: string; title: string; path: string }, title: AnalysedText, body: AnalysedText): void {
    this.remove(t.id);
    const examples = this.examples.get(t.id) ?? [];
    this.examples.set(t.id, examples);
    const slot = this.freeSlots.pop() ?? this.bySlot.length;
    const doc: SuggestDoc = {
      slot,
      id: t.id,
      title: t.title,
      path: t.path,
      titleText: title,
      all: { surface: `${title.surface}\n${body.surface}`, reading: `${title.reading}\n${body.reading}` },
      examples,
    };
    this.docs.set(t.id, doc);
    this.bySlot[slot] = doc;
    for (const token of indexTokens(title, body)) postingsFor(this.postings, token).add(slot);
    for (const token of indexTokens(...examples)) postingsFor(this.learnedPostings, token).add(slot);
    this.generation++;
  }

  remove(id: string): void {
    const doc = this.docs.get(id);
    if (doc === undefined) return;
    for (const token of indexTokens(doc.all)) dropPosting(this.postings, token, doc.slot);
    for (const token of indexTokens(...doc.examples)) dropPosting(this.learnedPostings, token, doc.slot);
    this.docs.delete(id);
    this.bySlot[doc.slot] = undefined;
    this.freeSlots.push(doc.slot);
    this.generation++;
  }

  /** "Agents sent `templateId` for this message": later similar messages rank it higher. */
  learn(templateId: string, message: AnalysedText): boolean {
    const doc = this.docs.get(templateId);
    if (doc === undefined) return false;
    const example = { surface: message.surface, reading: message.reading };
    doc.examples.push(example);
    for (const token of indexTokens(example)) {
      const list = postingsFor(this.learnedPostings, token);
      if (list.ids.subarray(0, list.size).indexOf(doc.slot) < 0) list.add(doc.slot);
    }
    if (doc.examples.length > EXAMPLES_PER_TEMPLATE) {
      const dropped = doc.examples.shift();
      if (dropped !== undefined)
        for (const token of indexTokens(dropped))
          if (!doc.examples.some((e) => contains(e, token)))
            dropPosting(this.learnedPostings, token, doc.slot);
    }
    return true;
  }

  private idfOf(token: string): number {
    return idf(this.postings.get(token)?.size ?? 0, this.docs.size);
  }

  /** Each word weighs the mean idf of its spelling as written: rare words decide. */
  private weigh(words: QueryWord[]): WeightedWord[] {
    return words.map((w) => {
      const first = w.forms[0] ?? [];
      const weight = first.reduce((a, t) => a + this.idfOf(t), 0) / Math.max(1, first.length);
      const forms = w.forms.map((tokens) => {
        const idfs = tokens.map((t) => this.idfOf(t));
        const total = idfs.reduce((a, b) => a + b, 0);
        // A spelling more common than the word as written (a stem 戻, lone kanji) proves less.
        const credit = weight > 0 ? Math.min(1, total / Math.max(1, tokens.length) / weight) : 0;
        return { tokens, idfs, total, credit };
      });
      return { weight, forms };
    });
  }

  /**
   * The best candidates scored, best first, without floor or limit (the eval calibrates on these).
   * `searchRanks`: template id → 1-based rank in plain template search with the same message.
   */
  score(
    words: QueryWord[],
    message: AnalysedText,
    searchRanks = new Map<string, number>(),
  ): ScoredTemplate[] {
    if (words.length === 0 || this.docs.size === 0) return [];
    const weighted = this.weigh(words);
    const totalWeight = weighted.reduce((a, w) => a + w.weight, 0);
    if (totalWeight <= 0) return [];

    // Candidates: templates (or their learned examples) holding the message's informative tokens.
    const accumulated = new Map<number, number>();
    const maxDf = Math.max(20, CANDIDATE_MAX_SHARE * this.docs.size);
    const gather = (list: Postings | undefined, weight: number) => {
      if (list === undefined) return;
      const { ids, size } = list;
      for (let k = 0; k < size; k++) {
        const slot = ids[k] ?? 0;
        accumulated.set(slot, (accumulated.get(slot) ?? 0) + weight);
      }
    };
    const seen = new Set<string>();
    for (const w of weighted)
      for (const f of w.forms)
        f.tokens.forEach((token, i) => {
          if (seen.has(token)) return;
          seen.add(token);
          const list = this.postings.get(token);
          if (list !== undefined && list.size <= maxDf) gather(list, f.idfs[i] ?? 0);
          gather(this.learnedPostings.get(token), f.idfs[i] ?? 0);
        });
    const slots = [...accumulated.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, CANDIDATES)
      .map(([slot]) => slot);
    for (const id of searchRanks.keys()) {
      const doc = this.docs.get(id);
      if (doc !== undefined && !accumulated.has(doc.slot)) slots.push(doc.slot);
    }

    const { title: titleWeight, search: searchWeight } = this.weights;
    const scored: ScoredTemplate[] = [];
    for (const slot of slots) {
      const doc = this.bySlot[slot];
      if (doc === undefined) continue;
      if (doc.titleWeightedAt !== this.generation || doc.titleWeighted === undefined) {
        doc.titleWords ??= this.wordsOf(doc.title);
        doc.titleWeighted = this.weigh(doc.titleWords);
        doc.titleWeightedAt = this.generation;
      }
      const titleTotal = doc.titleWeighted.reduce((a, w) => a + w.weight, 0);
      const covered = coverageOf(weighted, totalWeight, doc.all);
      const asked = coverageOf(doc.titleWeighted, titleTotal, message);
      const inTitle = coverageOf(weighted, totalWeight, doc.titleText);
      const rank = searchRanks.get(doc.id);
      let score =
        (1 - titleWeight - searchWeight) * Math.sqrt(covered * asked) +
        titleWeight * inTitle +
        searchWeight * (rank === undefined ? 0 : 1 / rank);
      for (const example of doc.examples)
        score = Math.max(score, LEARNED_WEIGHT * coverageOf(weighted, totalWeight, example));
      scored.push({ id: doc.id, title: doc.title, path: doc.path, score });
    }
    return scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  }

  suggest(
    words: QueryWord[],
    message: AnalysedText,
    opts: { limit?: number; floor?: number; searchRanks?: Map<string, number> } = {},
  ): TemplateSuggestion[] {
    const limit = opts.limit ?? 3;
    const floor = opts.floor ?? this.floor;
    const scored = this.score(words, message, opts.searchRanks);
    const best = scored[0]?.score ?? 0;
    if (best < floor || best <= 0) return [];
    return scored
      .filter((s) => s.score >= RELATIVE_CUT * best)
      .slice(0, limit)
      .map((s) => ({ ...s, score: Math.round(s.score * 1000) / 1000 }));
  }
}

function postingsFor(map: Map<string, Postings>, token: string): Postings {
  let list = map.get(token);
  if (list === undefined) {
    list = new Postings();
    map.set(token, list);
  }
  return list;
}

function dropPosting(map: Map<string, Postings>, token: string, slot: number): void {
  const list = map.get(token);
  if (list === undefined) return;
  list.delete(slot);
  if (list.size === 0) map.delete(token);
}
