import { createTemplateCatalog } from '../domain/templates/template-catalog.ts';
import type { Logger } from '../logger.ts';
import { createTemplateSearchIndex } from '../search/template-search-index.ts';
import type { Db } from '../storage/database.ts';
import { createSuggestionFeedbackStore } from '../storage/suggestion-feedback-store.ts';
import { createTemplateIndexFile, templateIndexFileFor } from '../storage/template-index-file.ts';
import { createTemplateStore } from '../storage/template-store.ts';

/** The template catalog over this database, its search index snapshot kept next to the database file. */
export function openTemplateCatalog(options: { db: Db; databaseUrl: string; logger: Logger }) {
  return createTemplateCatalog({
    store: createTemplateStore(options.db),
    createIndex: (opts) => createTemplateSearchIndex(opts),
    snapshots: createTemplateIndexFile(templateIndexFileFor(options.databaseUrl)),
    feedback: createSuggestionFeedbackStore(options.db),
    logger: options.logger.child({ component: 'templates' }),
  });
}
