import { z } from 'zod';
import type { KeyValueStore } from '../domain/ports.ts';
import { macroToRow } from '../domain/templates/formats/zendesk-macros.ts';
import type { SourceRow } from '../domain/templates/template-catalog.ts';
import { templateIdForMacro } from './macro-export.ts';
import type { ZendeskApi } from './zendesk-client.ts';
import { zCursorMeta } from './zendesk-schemas.ts';

const zMacro = z.object({
  id: z.union([z.number(), z.string()]),
  title: z.string(),
  active: z.boolean().optional(),
  actions: z.array(z.object({ field: z.string(), value: z.unknown() })).default([]),
});

/** A macro restricted to one user (`restriction: {type: "User", id}`): an agent's personal macro. */
function isPersonal(raw: unknown): boolean {
  const restriction = (raw as { restriction?: { type?: unknown } | null } | null)?.restriction;
  return restriction?.type === 'User';
}

/**
 * Every active shared Zendesk macro (personal ones are left out) as an import row, following cursor pages (node-zendesk asks for 100 a page).
 * A macro whose shape is not what we expect becomes a bad row, not a failed import.
 */
export interface MacroImportContext {
  kv: KeyValueStore;
  /** Tags and product of an existing template: macros carry neither, so a re-import keeps yorisoi's. */
  current(id: string): Promise<{ tags: string[]; product: string | null } | null>;
}

export async function* zendeskMacroRows(
  api: ZendeskApi,
  context?: MacroImportContext,
): AsyncGenerator<SourceRow> {
  let cursor: string | undefined;
  for (;;) {
    const page = await api.call(
      'GET',
      ['macros', { active: 'true', ...(cursor ? { 'page[after]': cursor } : {}) }],
      zCursorMeta.extend({ macros: z.array(z.unknown()), next_page: z.string().nullable().optional() }),
    );
    for (const raw of page.macros) {
      // An admin's token lists every agent's personal macros too: those are not the team's templates.
      if (isPersonal(raw)) continue;
      const parsed = zMacro.safeParse(raw);
      const id =
        typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : '?';
      if (!parsed.success)
        yield {
          at: `macro ${id}`,
          error: `unexpected macro shape (${parsed.error.issues[0]?.message ?? ''})`,
        };
      else {
        const row = macroToRow(parsed.data);
        if (!context || !row.value) {
          yield row;
          continue;
        }
        const value = row.value as { id: string; tags: string[]; product: string | null };
        // A macro yorisoi exported from a template maps back to that template.
        const id = (await templateIdForMacro(context.kv, parsed.data.id)) ?? value.id;
        const current = await context.current(id);
        yield {
          ...row,
          value: { ...value, id, ...(current ? { tags: current.tags, product: current.product } : {}) },
        };
      }
    }
    const next = page.meta?.has_more ? page.meta.after_cursor : null;
    if (!next) return;
    cursor = next;
  }
}
