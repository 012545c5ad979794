import type { Logger } from '../../logger.ts';
import type { TemplateSearchHit, TicketTextSource } from './ports.ts';
import type { TemplateCatalog } from './template-catalog.ts';
import type { TemplateEditorPolicy } from './template-editors.ts';

/** The templates feature as listeners use it: the catalog, who may edit, and a ticket's words. */
export interface TemplateService {
  catalog: TemplateCatalog;
  editors: TemplateEditorPolicy;
  /** The customer's words on a ticket (first customer message, else the subject), to prefill searches. */
  ticketText(zendeskTicketId: string): Promise<string | null>;
}

export function createTemplateService(options: {
  catalog: TemplateCatalog;
  editors: TemplateEditorPolicy;
  tickets: TicketTextSource;
}): TemplateService {
  return {
    catalog: options.catalog,
    editors: options.editors,
    ticketText: (zendeskTicketId) => options.tickets.ticketText(zendeskTicketId),
  };
}

/**
 * Search, but give up waiting after `ms`: a trigger_id lives 3 s, and right after start-up the index may
 * still be loading. `null` means "not yet": the modal opens with the query and a Search button.
 */
export async function searchWithin(
  catalog: TemplateCatalog,
  query: string,
  ms: number,
  logger: Logger,
): Promise<TemplateSearchHit[] | null> {
  if (query.trim() === '') return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([catalog.search(query, { limit: 8 }), timeout]);
  } catch (error) {
    logger.warn('template search failed', { error });
    return null;
  } finally {
    clearTimeout(timer);
  }
}
