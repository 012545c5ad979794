import type { SearchableTemplate } from '../src/domain/templates/ports.ts';

/** A template of the dev split (../shared/data/templates-ja-dev.jsonl). */
export interface DevTemplateRow {
  id: string;
  title: string;
  body: string;
  path: string;
}

/**
 * The collections the search and suggestion benches time: the dev templates, then generated variants of
 * them (kanji perturbed, lines mixed), the same for a given count on every run.
 */
/** mulberry32: a small seeded PRNG so every run generates the same collection. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateTemplates(dev: DevTemplateRow[], count: number): SearchableTemplate[] {
  const random = seededRandom(20240601);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const kanjiPool = [...dev.map((t) => t.title + t.body).join('')].filter((c) => /\p{Script=Han}/u.test(c));
  const perturb = (text: string, rate: number) =>
    [...text].map((c) => (/\p{Script=Han}/u.test(c) && random() < rate ? pick(kanjiPool) : c)).join('');
  const out: SearchableTemplate[] = dev.slice(0, count).map((t) => ({ ...t, tags: [], product: null }));
  for (let i = out.length; i < count; i++) {
    const base = pick(dev);
    const lines = [
      ...base.body.split('\n'),
      ...pick(dev).body.split('\n').slice(0, 2),
      ...pick(dev).body.split('\n').slice(-2),
    ];
    const body = lines.filter(() => random() < 0.8).join('\n') || base.body;
    out.push({
      id: `gen-${String(i).padStart(6, '0')}`,
      title: perturb(base.title, 0.08),
      body: perturb(body, 0.08),
      path: base.path,
      tags: random() < 0.3 ? ['faq'] : [],
      product: random() < 0.5 ? 'kosodate' : null,
    });
  }
  return out;
}
