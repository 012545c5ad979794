import type { TemplateLookup } from '../domain/drafting/ports.ts';
import type { TicketTextSource } from '../domain/templates/ports.ts';
import { createTemplateEditorPolicy } from '../domain/templates/template-editors.ts';
import { createTemplateService, type TemplateService } from '../domain/templates/template-service.ts';
import type { Feature } from './feature.ts';
import { openTemplateCatalog } from './open-template-catalog.ts';
import type { Platform } from './platform.ts';

export interface TemplateServices extends TemplateService {
  /** The catalog as drafting's template search (deleted templates left out). */
  lookup: TemplateLookup;
}

/**
 * Reply templates: SQLite is the truth; the search index is loaded from its snapshot (or rebuilt) in the
 * background at start, and the snapshot is rewritten every 5 minutes when templates changed, and at stop.
 */
/** How often an instance applies template changes made by other instances to its search index. */
export const TEMPLATE_CATCH_UP_MS = 2000;

export function wireTemplates(
  platform: Platform,
  tickets: TicketTextSource,
): Feature<TemplateServices, { templates: TemplateService }> {
  const { logger, settings } = platform;
  const catalog = openTemplateCatalog({ db: platform.db, databaseUrl: settings.databaseUrl, logger });
  const editors = createTemplateEditorPolicy({
    editors: settings.templateEditors ?? [],
    groupMembers: async (usergroup) =>
      (await platform.slack.api.usergroups.users.list({ usergroup })).users ?? [],
    logger: logger.child({ component: 'template-editors' }),
  });
  const templates = createTemplateService({ catalog, editors, tickets });
  const lookup: TemplateLookup = {
    async search(query, limit) {
      const hits = await catalog.search(query, { limit });
      const found = await Promise.all(hits.map((h) => catalog.get(h.id)));
      return found.flatMap((t, i) =>
        t && !t.deletedAt
          ? [{ id: t.id, title: t.title, body: t.body, path: t.path, snippet: hits[i]?.snippet }]
          : [],
      );
    },
    async get(id) {
      const t = await catalog.get(id);
      return t && !t.deletedAt ? { id: t.id, title: t.title, body: t.body, path: t.path } : null;
    },
  };
  const saveSnapshot = () =>
    catalog
      .saveSnapshot()
      .catch((error: unknown) => logger.warn('could not write the template index snapshot', { error }));
  // Every instance keeps its own index: it catches up with templates other instances changed.
  platform.scheduler.every('template index catch-up', TEMPLATE_CATCH_UP_MS, () =>
    catalog
      .catchUpLoaded()
      .catch((error: unknown) => logger.warn('template index catch-up failed', { error })),
  );
  // Not exclusive: the snapshot is this instance's own file beside a SQLite database (none on PostgreSQL).
  platform.scheduler.every('template index snapshot', 5 * 60_000, saveSnapshot);
  return {
    services: { ...templates, lookup },
    listeners: { templates },
    async start() {
      // Loading the index takes ~1 s (kuromoji) plus the snapshot or a rebuild: listeners wait for it.
      catalog.ready().catch((error: unknown) => logger.error('template index failed to load', { error }));
    },
    async stop() {
      await catalog.idle();
      await saveSnapshot();
    },
  };
}
