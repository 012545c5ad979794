import { z } from 'zod';
import { macroToRow } from '../domain/templates/formats/zendesk-macros.ts';
import type { SourceRow } from '../domain/templates/template-catalog.ts';
import type { ZendeskApi } from './zendesk-client.ts';
import { zCursorMeta } from './zendesk-schemas.ts';

const zMacro = z.object({
  id: z.union([z.number(), z.string()]),
  title: z.string(),
  active: z.boolean().optional(),
  actions: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
});

/**
 * Every active Zendesk macro as an import row, following cursor pages (node-zendesk asks for 100 a page).
 * A macro whose shape is not what we expect becomes a bad row, not a failed import.
 */
export async function* zendeskMacroRows(api: ZendeskApi): AsyncGenerator<SourceRow> {
  let cursor: string | undefined;
  for (;;) {
    const page = await api.call(
      'GET',
      ['macros', { active: 'true', ...(cursor ? { 'page[after]': cursor } : {}) }],
      zCursorMeta.extend({ macros: z.array(z.unknown()), next_page: z.string().nullable().optional() }),
    );
    for (const raw of page.macros) {
      const parsed = zMacro.safeParse(raw);
      const id =
        typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : '?';
      if (!parsed.success)
        yield {
          at: `macro ${id}`,
          error: `unexpected macro shape (${parsed.error.issues[0]?.message ?? ''})`,
        };
      else yield macroToRow(parsed.data);
    }
    const next = page.meta?.has_more ? page.meta.after_cursor : null;
    if (!next) return;
    cursor = next;
  }
}
