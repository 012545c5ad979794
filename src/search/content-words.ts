// The words of a long, colloquial customer message that say what it is about. kuromoji splits the
// message into morphemes; particles, auxiliaries, symbols, pronouns, numbers and a short list of
// light verbs and formal nouns (する, いる, 思う, こと, もの …) are dropped. Each remaining word is
// kept in several spellings so that it meets a template however either side conjugated or spelt
// it: as written, its dictionary form (basic_form: 戻って → 戻る), the kanji stem of a verb or
// adjective (戻る → 戻, so 戻ります matches), and the kana reading of each. Every spelling becomes the
// same tokens template search uses (normalised character bigrams), so the two share one analysis.

import { gramSet } from './grams.ts';
import { isHiragana, isKanji, kanjiNumeralsToDigitsText, normalizeJapanese } from './normalize.ts';
import type { KuromojiTokenizer, ReadingAnalyzer } from './readings.ts';
import { type AnalysedText, analyseText } from './text-analysis.ts';

export interface QueryWord {
  /** The normalised word as written. */
  text: string;
  /** The word exactly as the message spells it (ミルク, not the normalised みるく). */
  written?: string;
  /** Alternative spellings, each as the tokens that must occur in a template for it to contain the word. */
  forms: string[][];
}

/** Sentences of a message, newlines and sentence-final punctuation ending them. */
export function sentences(message: string): string[] {
  return message
    .split(/(?<=[。！？!?])|\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Words every inquiry uses whatever it asks (base forms, normalised). */
const LIGHT_WORDS = new Set(
  [
    'する',
    'ある',
    'いる',
    'なる',
    'できる',
    'いう',
    'おる',
    'ござる',
    'くる',
    'いく',
    'もらう',
    'くれる',
    'いただく',
    'くださる',
    'やる',
    'みる',
    'しまう',
    'おく',
    '思う',
    '考える',
    '教える',
    '知る',
    '分かる',
    'わかる',
    '聞く',
    '伺う',
    'いい',
    'よい',
    'ない',
    'こと',
    'もの',
    'とき',
    'ため',
    'よう',
    'ところ',
    'ほう',
    'の',
    'ん',
    'さん',
    'ちゃん',
    'くん',
    'みたい',
    'そう',
    '感じ',
    '気',
  ].map((w) => normalizeJapanese(w)),
);

/** True for words every inquiry uses whatever it asks (する, いる, 教える, ください …). */
export const isLightWord = (word: string): boolean => LIGHT_WORDS.has(normalizeJapanese(word));

type Morpheme = ReturnType<KuromojiTokenizer['tokenize']>[number];

const FUNCTION_POS = new Set(['助詞', '助動詞', '記号']);

/**
 * A kanji word typed in kana often comes out of kuromoji as short scraps (ほいくえん → ほ|いく|えん).
 * Two or more adjacent kana scraps of at most two characters that are not particles or
 * auxiliaries are joined back into one word.
 */
function joinKanaFragments(morphemes: Morpheme[]): Morpheme[] {
  const out: Morpheme[] = [];
  let run: Morpheme[] = [];
  const flush = () => {
    const joined = run.map((m) => m.surface_form).join('');
    if (run.length >= 2 && joined.length >= 3)
      out.push({
        ...run[0]!,
        surface_form: joined,
        basic_form: joined,
        pos: '名詞',
        pos_detail_1: '一般',
        word_type: 'UNKNOWN',
        reading: undefined,
      } as Morpheme);
    else out.push(...run);
    run = [];
  };
  for (const m of morphemes) {
    const scrap =
      m.surface_form.length <= 2 &&
      /^[\p{Script=Hiragana}ー]+$/u.test(m.surface_form) &&
      !FUNCTION_POS.has(m.pos);
    if (scrap) run.push(m);
    else {
      flush();
      out.push(m);
    }
  }
  flush();
  return out;
}

function isContent(m: Morpheme): boolean {
  switch (m.pos) {
    case '名詞':
      return !['非自立', '代名詞', '数', '副詞可能'].includes(m.pos_detail_1) || m.surface_form.length > 1;
    case '動詞':
    case '形容詞':
      return m.pos_detail_1 === '自立';
    case '接頭詞':
    case '感動詞':
      return false;
    default:
      // Unknown words (names, English, kana kuromoji cannot place) carry meaning when longer than a character.
      return m.word_type === 'UNKNOWN' && m.surface_form.length > 1 && m.pos !== '記号';
  }
}

const normalise = (s: string) => kanjiNumeralsToDigitsText(normalizeJapanese(s));

/** A verb's or adjective's leading kanji (申込む → 申込, 大きい → 大): the part conjugation never changes. */
function kanjiStem(word: string): string {
  let end = 0;
  while (end < word.length && isKanji(word[end] ?? '')) end++;
  return end > 0 && end < word.length && isHiragana(word[end] ?? '') ? word.slice(0, end) : '';
}

export function contentWords(
  message: string,
  tokenizer: KuromojiTokenizer,
  readings: ReadingAnalyzer,
): QueryWord[] {
  const words = new Map<string, QueryWord>();
  for (const sentence of sentences(message.normalize('NFKC'))) {
    for (const m of joinKanaFragments(tokenizer.tokenize(sentence))) {
      if (!isContent(m)) continue;
      const surface = normalise(m.surface_form);
      const base = m.basic_form && m.basic_form !== '*' ? normalise(m.basic_form) : surface;
      if (surface === '' || LIGHT_WORDS.has(base) || LIGHT_WORDS.has(surface) || /^[\d.,]+$/.test(surface))
        continue;
      if (words.has(base)) continue;
      const spellings = new Set([surface, base]);
      for (const s of [surface, base]) spellings.add(readings.readingOf(s));
      // The stem's reading is left out: a lone kanji read out of context is mostly wrong (出 → いず).
      if (m.pos === '動詞' || m.pos === '形容詞') {
        const stem = kanjiStem(base);
        if (stem !== '') spellings.add(stem);
      }
      const forms: string[][] = [];
      const seen = new Set<string>();
      for (const s of spellings) {
        const tokens = [...gramSet(s)].sort();
        const key = tokens.join(' ');
        // A lone kana says nothing; a lone kanji (蜂, 券) does.
        if (tokens.length === 0 || seen.has(key) || (tokens.length === 1 && s.length === 1 && !isKanji(s)))
          continue;
        seen.add(key);
        forms.push(tokens);
      }
      // The word's kanji one by one (粗大 and 大きい share 大): a weak, meaning-bearing match that
      // counts only as much as those kanji are rare.
      const kanji = [...surface].filter(isKanji);
      if (kanji.length >= 2 && forms.length > 0) forms.push([...new Set(kanji)].sort());
      if (forms.length > 0) words.set(base, { text: surface, written: m.surface_form, forms });
    }
  }
  return [...words.values()];
}

/** The whole message, normalised and read, for testing which template words it contains. */
export function analyseMessage(message: string, readings: ReadingAnalyzer): AnalysedText {
  return analyseText(message, readings);
}
