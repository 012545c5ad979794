// Kana readings of kanji words (保育園 → ほいくえん) from kuromoji, so that a word typed in
// hiragana (漢字→ひらがな) or spelt with other okurigana still matches.
//
// Running kuromoji over whole templates costs ~8 ms per 1,000 characters: 10,000 templates would
// take ~20 s. Instead only each run of kanji is analysed, with the two kana after it as context
// (so 申し込み and 里帰り are read as words), and readings are cached per run: kanji vocabulary
// repeats heavily across a template collection, so the cache turns analysis into a lookup.

import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji from 'kuromoji';
import { isHiragana, isKanji } from './normalize.ts';

export interface ReadingAnalyzer {
  /** `normalized` with every kanji run replaced by its hiragana reading; kana and Latin unchanged. */
  readingOf(normalized: string): string;
  /** Reading of one kanji run followed by the kana `context` (the context itself is not read). */
  readingOfRun(run: string, context: string): string;
}

export type KuromojiTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

const CONTEXT_KANA = 2;
/** Beyond this many cached runs the cache is cleared rather than grown (bounded memory). */
const MAX_CACHED_RUNS = 200_000;

function katakanaToHiragana(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCharCode(c - 0x60) : ch;
  }
  return out.replace(/ー/g, ''); // long vowels are dropped by normalisation too
}

let kuromojiLoad: Promise<KuromojiTokenizer> | undefined;

/** Loads the kuromoji dictionary once per process (~1 s, ~75 MB heap). */
export function loadKuromoji(): Promise<KuromojiTokenizer> {
  kuromojiLoad ??= new Promise((resolve, reject) => {
    const require = createRequire(import.meta.url);
    const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
    kuromoji.builder({ dicPath }).build((err, tokenizer) => (err ? reject(err) : resolve(tokenizer)));
  });
  return kuromojiLoad;
}

export async function createReadingAnalyzer(): Promise<ReadingAnalyzer> {
  const tokenizer = await loadKuromoji();
  const cache = new Map<string, string>();

  /** Reading of `run` (kanji only) when followed by the kana `context`. */
  const readRun = (run: string, context: string): string => {
    const key = `${run}|${context}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    let reading = '';
    let position = 0;
    for (const token of tokenizer.tokenize(run + context)) {
      if (position >= run.length) break;
      const surface = token.surface_form;
      const hasReading = token.reading !== undefined && token.reading !== '*';
      let tokenReading = hasReading ? katakanaToHiragana(token.reading ?? '') : surface;
      const overflow = position + surface.length - run.length;
      if (overflow > 0) {
        // The token runs into the okurigana context (申し|込み, 里帰|り): drop that kana.
        const okurigana = surface.slice(surface.length - overflow);
        tokenReading = tokenReading.endsWith(okurigana) ? tokenReading.slice(0, -overflow) : tokenReading;
      }
      reading += tokenReading;
      position += surface.length;
    }
    if (cache.size >= MAX_CACHED_RUNS) cache.clear();
    cache.set(key, reading);
    return reading;
  };

  return {
    readingOf(normalized: string): string {
      let out = '';
      let i = 0;
      while (i < normalized.length) {
        const ch = normalized[i] ?? '';
        if (!isKanji(ch)) {
          out += ch;
          i++;
          continue;
        }
        const start = i;
        while (i < normalized.length && isKanji(normalized[i] ?? '')) i++;
        let contextEnd = i;
        while (
          contextEnd < normalized.length &&
          contextEnd - i < CONTEXT_KANA &&
          isHiragana(normalized[contextEnd] ?? '')
        )
          contextEnd++;
        out += readRun(normalized.slice(start, i), normalized.slice(i, contextEnd));
      }
      return out;
    },
    readingOfRun(run: string, context: string): string {
      let kana = 0;
      while (kana < context.length && kana < CONTEXT_KANA && isHiragana(context[kana] ?? '')) kana++;
      return readRun(run, context.slice(0, kana));
    },
  };
}
