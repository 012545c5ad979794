import { describe, expect, it } from 'vitest';
import { gramSet } from '../../../src/search/grams.ts';
import { normalizeJapanese } from '../../../src/search/normalize.ts';

const grams = (raw: string) => [...gramSet(normalizeJapanese(raw))];

describe('tokenisation of mixed Japanese and English', () => {
  it('keeps Latin words whole and splits Japanese into bigrams', () => {
    expect(grams('Slackのパスワード')).toEqual(['slack', 'のぱ', 'ぱす', 'すわ', 'わど']);
  });
  it('treats full-width Latin like ASCII', () => {
    expect(grams('ＳＬＡＣＫ')).toEqual(['slack']);
  });
  it('splits runs at punctuation and spaces', () => {
    expect(grams('保育園、幼稚園')).toEqual(['保育', '育園', '幼稚', '稚園']);
  });
  it('keeps a single character as a token', () => {
    expect(grams('犬 と reset')).toEqual(['犬', 'と', 'reset']);
  });
  it('keeps digits inside Japanese runs', () => {
    expect(grams('14回以上')).toEqual(['14', '4回', '回以', '以上']);
  });
});
