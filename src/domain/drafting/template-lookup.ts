import type { DraftTemplate } from './draft.ts';
import type { TemplateLookup } from './ports.ts';

/** NFKC + lower case, so full-width/half-width and case differences do not hide a template. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** Every whitespace-separated term must occur in the title, path or body; title hits rank first. */
export function createInMemoryTemplateLookup(templates: DraftTemplate[]): TemplateLookup {
  const folded = templates.map((t) => ({
    t,
    title: fold(t.title),
    all: fold(`${t.title}\n${t.path}\n${t.body}`),
  }));
  return {
    async search(query, limit) {
      const terms = fold(query).split(/\s+/).filter(Boolean);
      if (terms.length === 0) return templates.slice(0, limit);
      return folded
        .filter((f) => terms.every((term) => f.all.includes(term)))
        .map((f) => ({ f, score: terms.filter((term) => f.title.includes(term)).length }))
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map(({ f }) => f.t);
    },
    async get(id) {
      return templates.find((t) => t.id === id) ?? null;
    },
  };
}
