import type { Logger } from '../../logger.ts';
import type { TemplateSearchHit, TicketTextSource } from './ports.ts';
import { suggestTemplateQuery } from './suggest-query.ts';
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

/**
 * The Find-template button and shortcut: the key phrases of the customer's message (not the whole
 * message) and what they find, within `ms` in all. While the index is still loading, the first
 * sentences of the message stand in for the key phrases and the hits are `null` ("not yet").
 */
export async function prefillSearch(
  catalog: TemplateCatalog,
  message: string,
  ms: number,
  logger: Logger,
): Promise<{ query: string; hits: TemplateSearchHit[] | null }> {
  if (message.trim() === '') return { query: '', hits: null };
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  let phrases: string | null;
  try {
    phrases = await Promise.race([catalog.keyPhrases(message), timeout]);
  } catch (error) {
    logger.warn('template key phrases failed', { error });
    phrases = null;
  } finally {
    clearTimeout(timer);
  }
  if (phrases === null) return { query: suggestTemplateQuery(message), hits: null };
  const query = phrases === '' ? suggestTemplateQuery(message) : phrases;
  return {
    query,
    hits: await searchWithin(catalog, query, Math.max(100, ms - (Date.now() - started)), logger),
  };
}
