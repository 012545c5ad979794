// The learning hook of template suggestions: "agents sent template T for inquiry text X" is kept
// as data, and every suggester built later treats those texts as extra wording of T, so a similar
// later inquiry ranks T higher. The store is a port: in memory for tests and tools, SQLite
// (src/storage/suggestion-feedback-store.ts) in the app.

import type { SentTemplateExample, SuggestionFeedbackStore } from './ports.ts';

/** Examples kept per process; older ones count for little next to a large, current history. */
export const MAX_FEEDBACK_EXAMPLES = 20_000;

export function createInMemorySuggestionFeedbackStore(): SuggestionFeedbackStore {
  const examples: SentTemplateExample[] = [];
  return {
    async recordSent({ templateId, text, at }) {
      if (templateId.trim() === '' || text.trim() === '') return;
      examples.push({ templateId, text, at: at ?? new Date() });
    },
    async list(opts = {}) {
      const limit = opts.limit ?? MAX_FEEDBACK_EXAMPLES;
      return examples.slice(Math.max(0, examples.length - limit)).map((e) => ({ ...e }));
    },
  };
}
