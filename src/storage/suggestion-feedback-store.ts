// SQLite adapter of the suggestion learning port (src/domain/templates/ports.ts, suggestion-feedback.ts).
import type { SentTemplateExample, SuggestionFeedbackStore } from '../domain/templates/ports.ts';
import { MAX_FEEDBACK_EXAMPLES } from '../domain/templates/suggestion-feedback.ts';
import type { Db } from './database.ts';

export function createSuggestionFeedbackStore(db: Db): SuggestionFeedbackStore {
  return {
    async recordSent({ templateId, text, at }) {
      if (templateId.trim() === '' || text.trim() === '') return;
      await db.sentTemplateExample.create({ data: { templateId, text, ...(at ? { createdAt: at } : {}) } });
    },
    async list(opts = {}): Promise<SentTemplateExample[]> {
      const rows = await db.sentTemplateExample.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: opts.limit ?? MAX_FEEDBACK_EXAMPLES,
      });
      return rows.reverse().map((r) => ({ templateId: r.templateId, text: r.text, at: r.createdAt }));
    },
  };
}
