// Japanese text normalisation shared by documents and queries, so that spelling variants
// (表記ゆれ) of the same words become the same string before tokenisation.

import { type MappedText, replaceMapped } from './mapped-text.ts';
import { VARIANT_RULES } from './variant-rules.ts';

const KATAKANA_FIRST = 0x30a1; // ァ
const KATAKANA_LAST = 0x30f6; // ヶ
const KATAKANA_TO_HIRAGANA = 0x60;

/** Small kana typed interchangeably with the full-size ones (ウィルス/ウイルス). */
const SMALL_TO_LARGE: Record<string, string> = {
  ぁ: 'あ',
  ぃ: 'い',
  ぅ: 'う',
  ぇ: 'え',
  ぉ: 'お',
  ゎ: 'わ',
  ゕ: 'か',
  ゖ: 'け',
};
/** Long-vowel mark and every dash glyph people type in its place (ー－―‐-). */
const LONG_VOWEL_OR_DASH = /[ー\u2010-\u2015\u2212\u2500-]/;
const WAVE_DASHES = /[~\u301c\uff5e\u223c\u3030]/;
const CIRCLES = /[○〇◯]/;
const COMMAS = /[、，,]/;
const FULL_STOPS = /[。．]/;
const COMBINING_MARK = /[\u3099\u309a\uff9e\uff9f\p{M}]/u;
const VOICED: Record<string, string> = {};
for (const [plain, voiced] of [
  'かが',
  'きぎ',
  'くぐ',
  'けげ',
  'こご',
  'さざ',
  'しじ',
  'すず',
  'せぜ',
  'そぞ',
  'ただ',
  'ちぢ',
  'つづ',
  'てで',
  'とど',
  'はば',
  'ひび',
  'ふぶ',
  'へべ',
  'ほぼ',
]) {
  if (plain !== undefined && voiced !== undefined) VOICED[plain] = voiced;
}

export function isHiragana(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 0x3041 && c <= 0x309f;
}

export function isKanji(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    ch === '々'
  );
}

/** Characters NFKC leaves alone; skipping String#normalize for them keeps indexing fast. */
function isNfkcStable(c: number): boolean {
  return (
    (c >= 0x20 && c < 0x7f) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    (c >= 0x4e00 && c <= 0x9fff)
  );
}

/** One character (plus any combining marks) after NFKC, lower-casing and kana unification. */
function foldCluster(cluster: string): string {
  const c = cluster.charCodeAt(0);
  const nfkc = cluster.length === 1 && isNfkcStable(c) ? cluster : cluster.normalize('NFKC');
  let out = '';
  for (const ch of nfkc.toLowerCase()) {
    const code = ch.charCodeAt(0);
    let folded =
      code >= KATAKANA_FIRST && code <= KATAKANA_LAST ? String.fromCharCode(code - KATAKANA_TO_HIRAGANA) : ch;
    if (folded === 'ヽ') folded = 'ゝ';
    if (folded === 'ヾ') folded = 'ゞ';
    out += SMALL_TO_LARGE[folded] ?? folded;
  }
  return out;
}

/**
 * The character-level pass: NFKC (full/half width, half-width kana), lower case,
 * katakana→hiragana, small kana, long-vowel marks and dashes after kana dropped (センター,
 * センタ, セン－タ― all become せんた), wave dashes, ○〇◯, iteration marks 々ゝゞ,
 * punctuation and whitespace unified.
 */
function foldCharacters(raw: string): MappedText {
  let text = '';
  const sourceIndex: number[] = [];
  const push = (s: string, from: number) => {
    text += s;
    for (let k = 0; k < s.length; k++) sourceIndex.push(from);
  };
  let i = 0;
  while (i < raw.length) {
    const start = i;
    const code = raw.charCodeAt(i);
    const nextIsMark = i + 1 < raw.length && COMBINING_MARK.test(raw[i + 1] ?? '');
    // Fast path: kanji, hiragana and lower-case ASCII letters and digits are already normal.
    if (
      !nextIsMark &&
      ((code >= 0x4e00 && code <= 0x9fff) ||
        (code >= 0x3041 && code <= 0x3094 && !SMALL_TO_LARGE[raw[i] ?? '']) ||
        (code >= 0x61 && code <= 0x7a) ||
        (code >= 0x30 && code <= 0x39))
    ) {
      push(raw[i] ?? '', start);
      i++;
      continue;
    }
    const first = raw.codePointAt(i) ?? 0;
    i += first > 0xffff ? 2 : 1;
    while (i < raw.length && COMBINING_MARK.test(raw[i] ?? '')) i++;
    const folded = foldCluster(raw.slice(start, i));
    for (const ch of folded) {
      const previous = text[text.length - 1] ?? '';
      if (LONG_VOWEL_OR_DASH.test(ch)) {
        if (isHiragana(previous)) continue; // a long vowel: dropped, so 長音省略 does not matter
        push('-', start);
      } else if (WAVE_DASHES.test(ch)) push('~', start);
      else if (CIRCLES.test(ch)) push('○', start);
      else if (COMMAS.test(ch)) push(',', start);
      else if (FULL_STOPS.test(ch)) push('.', start);
      else if (/\s/.test(ch)) {
        if (previous !== ' ' && text.length > 0) push(' ', start);
      } else if (ch === '々' && isKanji(previous)) push(previous, start);
      else if (ch === 'ゝ' && isHiragana(previous)) push(previous, start);
      else if (ch === 'ゞ' && isHiragana(previous)) push(VOICED[previous] ?? previous, start);
      else push(ch, start);
    }
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    sourceIndex.pop();
  }
  return { text, sourceIndex };
}

/** Normalises `raw` and keeps, for every output character, where it came from. */
export function normalizeMapped(raw: string): MappedText {
  let mapped = foldCharacters(raw);
  for (const rule of VARIANT_RULES) mapped = replaceMapped(mapped, rule.pattern, () => rule.replacement);
  return mapped;
}

export function normalizeJapanese(raw: string): string {
  return normalizeMapped(raw).text;
}

const KANJI_DIGITS: Record<string, number> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
/** Counters after which a kanji numeral is a number (四回目, 一歳), not part of a word (一緒). */
const COUNTERS = '歳才か回日月年時分秒人名個件種番号階枚本冊度円週台頭匹歩条点';
const KANJI_NUMBER_BEFORE_COUNTER = new RegExp(`[一二三四五六七八九十百]+(?=[${COUNTERS}])`, 'g');

function kanjiNumberValue(numeral: string): number {
  let total = 0;
  let current = 0;
  for (const ch of numeral) {
    if (ch === '十' || ch === '百') {
      const unit = ch === '十' ? 10 : 100;
      total += (current === 0 ? 1 : current) * unit;
      current = 0;
    } else current = current * 10 + (KANJI_DIGITS[ch] ?? 0);
  }
  return total + current;
}

/**
 * 漢数字 → digits before a counter (四か月 → 4か月). Applied to the surface form only: readings
 * are taken before it, so 一時 still reads いちじ.
 */
export function kanjiNumeralsToDigits(mapped: MappedText): MappedText {
  return replaceMapped(mapped, KANJI_NUMBER_BEFORE_COUNTER, (m) => String(kanjiNumberValue(m[0])));
}

/** kanjiNumeralsToDigits for a plain string. */
export function kanjiNumeralsToDigitsText(text: string): string {
  return text.replace(KANJI_NUMBER_BEFORE_COUNTER, (m) => String(kanjiNumberValue(m)));
}
