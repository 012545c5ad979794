// Near-duplicate scoring. Two templates are duplicates when they say the same thing once
// spelling variants are normalised away — in the title (the question) AND in the body (the
// answer). Templates that share a body pattern but answer a different question (近くの小児科
// vs 本日営業している病院: same referral wording) differ in the title, so the title weighs in
// on its own rather than being diluted by a long shared body.

import { gramSet } from './grams.ts';

export interface DuplicateFeatures {
  title: Set<string>;
  body: Set<string>;
}

export function duplicateFeatures(titleSurface: string, bodySurface: string): DuplicateFeatures {
  return { title: gramSet(titleSurface), body: gramSet(bodySurface) };
}

/** Jaccard similarity of two token sets; 1 when both are empty. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** 0..1: the weaker of title and body similarity. */
export function duplicateSimilarity(a: DuplicateFeatures, b: DuplicateFeatures): number {
  return Math.min(jaccard(a.title, b.title), jaccard(a.body, b.body));
}

/** At or above this similarity a template is reported as a near-duplicate. */
export const NEAR_DUPLICATE_THRESHOLD = 0.7;
