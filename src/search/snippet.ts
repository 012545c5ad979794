// Snippets: up to 200 characters of a template body around the best match, with the matched
// parts wrapped in *…* (Slack mrkdwn bold). Matching is done on the normalised body and mapped
// back, so a query typed as ほいくえん or ｾﾝﾀｰ still highlights 保育園 / センター as written.

import { forEachGram } from './grams.ts';
import { isKanji, kanjiNumeralsToDigits, normalizeMapped } from './normalize.ts';
import type { ReadingAnalyzer } from './readings.ts';

export const SNIPPET_MAX_CHARS = 200;
const CONTEXT_BEFORE_MATCH = 30;

/**
 * What to highlight: tokens of the query's content words as written (matched against the body's text)
 * and as read (matched only against the readings of the body's kanji runs, so a reading's kana never
 * lights up an ending such as the さい of ください).
 */
export interface HighlightTokens {
  written: Set<string>;
  read: Set<string>;
}

interface Span {
  start: number;
  end: number;
}

/** Spans of `body` (original indices) whose normalised bigrams or kanji readings match the query. */
function matchedSpans(body: string, query: HighlightTokens, readings: ReadingAnalyzer): Span[] {
  const queryTokens = query.written;
  const normalized = normalizeMapped(body);
  const surface = kanjiNumeralsToDigits(normalized);
  const marked = new Uint8Array(body.length + 1);
  const mark = (from: number, to: number) => {
    for (let i = from; i < to; i++) marked[i] = 1;
  };
  const text = surface.text;
  for (let i = 0; i < text.length; i++) {
    const bigram = text.slice(i, i + 2);
    if (bigram.length === 2 && queryTokens.has(bigram)) {
      mark(surface.sourceIndex[i] ?? 0, (surface.sourceIndex[i + 1] ?? 0) + 1);
    }
  }
  forEachGram(text, (g) => {
    if (g.length > 2 && queryTokens.has(g)) {
      for (let at = text.indexOf(g); at >= 0; at = text.indexOf(g, at + 1)) {
        mark(surface.sourceIndex[at] ?? 0, (surface.sourceIndex[at + g.length - 1] ?? 0) + 1);
      }
    }
  });
  // A kanji word typed in kana: highlight the kanji run when most of its reading matches.
  const norm = normalized.text;
  for (let i = 0; i < norm.length; ) {
    if (!isKanji(norm[i] ?? '')) {
      i++;
      continue;
    }
    const start = i;
    while (i < norm.length && isKanji(norm[i] ?? '')) i++;
    const runReading = readings.readingOfRun(norm.slice(start, i), norm.slice(i, i + 2));
    let total = 0;
    let hits = 0;
    forEachGram(runReading, (g) => {
      total++;
      if (query.read.has(g)) hits++;
    });
    if (total >= 2 && hits * 2 >= total + 1)
      mark(normalized.sourceIndex[start] ?? 0, (normalized.sourceIndex[i - 1] ?? 0) + 1);
  }
  const spans: Span[] = [];
  for (let i = 0; i < body.length; i++) {
    if (!marked[i]) continue;
    const start = i;
    while (i < body.length && marked[i]) i++;
    if (body.slice(start, i).trim() !== '') spans.push({ start, end: i });
  }
  return spans;
}

/** The window of at most SNIPPET_MAX_CHARS that holds the most matched characters. */
function bestWindow(bodyLength: number, spans: Span[]): Span {
  if (spans.length === 0) return { start: 0, end: Math.min(bodyLength, SNIPPET_MAX_CHARS) };
  let best = { start: 0, covered: -1 };
  for (const anchor of spans) {
    const windowStart = Math.max(0, anchor.start - CONTEXT_BEFORE_MATCH);
    const windowEnd = windowStart + SNIPPET_MAX_CHARS;
    let covered = 0;
    for (const s of spans) if (s.start >= windowStart && s.end <= windowEnd) covered += s.end - s.start;
    if (covered > best.covered) best = { start: windowStart, covered };
  }
  const end = Math.min(bodyLength, best.start + SNIPPET_MAX_CHARS);
  return { start: Math.max(0, Math.min(best.start, end - SNIPPET_MAX_CHARS)), end };
}

/** Slack mrkdwn needs the markers to be ours alone. */
const escapeMarkup = (s: string) => s.replace(/[*\n\r]/g, (c) => (c === '*' ? '＊' : ' '));

export function buildSnippet(body: string, query: HighlightTokens, readings: ReadingAnalyzer): string {
  const spans = matchedSpans(body, query, readings);
  const window = bestWindow(body.length, spans);
  let out = '';
  let at = window.start;
  for (const span of spans) {
    const start = Math.max(span.start, window.start);
    const end = Math.min(span.end, window.end);
    if (end <= start) continue;
    // Slack makes *…* bold only at a word boundary, which Japanese text has none of: a zero-width
    // space on each side gives it one without showing anything.
    out += `${escapeMarkup(body.slice(at, start))}\u200b*${escapeMarkup(body.slice(start, end))}*\u200b`;
    at = end;
  }
  out += escapeMarkup(body.slice(at, window.end));
  return `${window.start > 0 ? '…' : ''}${out}${window.end < body.length ? '…' : ''}`;
}
