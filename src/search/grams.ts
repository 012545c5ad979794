// Tokenisation of normalised text, Japanese and English mixed: Latin words stay whole
// (`slack`), everything else becomes overlapping character bigrams (保育園 → 保育, 育園).
// Bigrams need no dictionary, match any substring of two or more characters, and are a
// fixed length, so Orama's prefix matching cannot blow one query token up into many words.

const LATIN_WORD = /[a-z][a-z0-9_']*/y;
/** Characters that belong to a searchable run; anything else (punctuation, spaces) splits runs. */
const RUN_CHAR = /[\p{L}\p{N}○]/u;

function isLatinStart(ch: string): boolean {
  return ch >= 'a' && ch <= 'z';
}

/**
 * Calls `emit` for every token of `text` (duplicates included). A run of one character
 * yields that character, so a lone kanji such as 犬 is still searchable.
 */
export function forEachGram(text: string, emit: (token: string) => void): void {
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (isLatinStart(ch)) {
      LATIN_WORD.lastIndex = i;
      const word = LATIN_WORD.exec(text)?.[0] ?? ch;
      emit(word);
      i += word.length;
      continue;
    }
    if (!RUN_CHAR.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && RUN_CHAR.test(text[i] ?? '') && !isLatinStart(text[i] ?? '')) i++;
    if (i - start === 1) emit(ch);
    for (let k = start; k + 1 < i; k++) emit(text.slice(k, k + 2));
  }
}

export function gramSet(...texts: string[]): Set<string> {
  const grams = new Set<string>();
  for (const text of texts) forEachGram(text, (g) => grams.add(g));
  return grams;
}
