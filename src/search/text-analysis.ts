// Turns a template or a query into the normalised forms every other part of search compares:
// the surface form (表記ゆれ folded, kanji numerals as digits) and the kana reading.

import { forEachGram } from './grams.ts';
import { kanjiNumeralsToDigitsText, normalizeMapped } from './normalize.ts';
import type { ReadingAnalyzer } from './readings.ts';

export interface AnalysedText {
  /** Normalised surface form, kanji numerals as digits. */
  surface: string;
  /** The normalised text with kanji runs replaced by their readings (taken before numerals become digits). */
  reading: string;
}

export function analyseText(raw: string, readings: ReadingAnalyzer): AnalysedText {
  const normalized = normalizeMapped(raw).text;
  return { surface: kanjiNumeralsToDigitsText(normalized), reading: readings.readingOf(normalized) };
}

/** Distinct tokens of the surface and reading forms together, in first-seen order. */
export function tokensOf(...texts: AnalysedText[]): string[] {
  const tokens = new Set<string>();
  for (const text of texts) {
    forEachGram(text.surface, (g) => tokens.add(g));
    forEachGram(text.reading, (g) => tokens.add(g));
  }
  return [...tokens];
}
