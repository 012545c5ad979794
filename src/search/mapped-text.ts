// A string together with, for each of its UTF-16 units, the index in the original text it came
// from. Normalisation rewrites text many times; snippets still have to highlight the original.

export interface MappedText {
  text: string;
  /** sourceIndex[i] = index in the original text of `text[i]`. */
  sourceIndex: number[];
}

export function identityMapped(text: string): MappedText {
  const sourceIndex = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) sourceIndex[i] = i;
  return { text, sourceIndex };
}

/**
 * Replaces every match of `pattern` (must be global). Replacement characters map to the
 * matched source characters in order, the surplus to the last one, so highlights stay close.
 */
export function replaceMapped(
  input: MappedText,
  pattern: RegExp,
  replacer: (match: RegExpExecArray) => string,
): MappedText {
  pattern.lastIndex = 0;
  let match = pattern.exec(input.text);
  if (match === null) return input;
  let text = '';
  const sourceIndex: number[] = [];
  let copiedUpTo = 0;
  while (match !== null) {
    const start = match.index;
    const matchLength = match[0].length;
    text += input.text.slice(copiedUpTo, start);
    for (let i = copiedUpTo; i < start; i++) sourceIndex.push(input.sourceIndex[i] ?? 0);
    const replacement = replacer(match);
    text += replacement;
    for (let k = 0; k < replacement.length; k++) {
      const from = start + Math.min(k, Math.max(matchLength - 1, 0));
      sourceIndex.push(input.sourceIndex[from] ?? input.sourceIndex[start - 1] ?? 0);
    }
    copiedUpTo = start + matchLength;
    if (matchLength === 0) pattern.lastIndex++;
    match = pattern.exec(input.text);
  }
  text += input.text.slice(copiedUpTo);
  for (let i = copiedUpTo; i < input.text.length; i++) sourceIndex.push(input.sourceIndex[i] ?? 0);
  return { text, sourceIndex };
}
