import { z } from 'zod';
import type { KeyValueStore } from '../domain/ports.ts';
import { macroCommentText } from '../domain/templates/formats/zendesk-macros.ts';
import type { Template } from '../domain/templates/template.ts';
import { type ZendeskApi, ZendeskHttpError } from './zendesk-client.ts';

/**
 * Templates → Zendesk macros, and the id mapping that keeps the round trip idempotent: a template that came
 * from macro N (`zendesk-macro-N`) updates macro N; any other template gets a macro once, whose id is kept
 * (KeyValue) so that the next export updates it and the next `import --from-zendesk` maps it back to the
 * template instead of creating `zendesk-macro-M`.
 */

const zMacro = z.object({
  id: z.number(),
  title: z.string(),
  actions: z.array(z.object({ field: z.string(), value: z.unknown() })),
});
const macroKey = (templateId: string) => `templates:zendesk-macro:${templateId}`;
const templateKey = (macroId: number | string) => `templates:macro-template:${macroId}`;

/** The template id a macro belongs to, when yorisoi made that macro from a template. */
export async function templateIdForMacro(
  kv: KeyValueStore,
  macroId: number | string,
): Promise<string | null> {
  return kv.get(templateKey(macroId));
}

export const macroTitleOf = (t: Pick<Template, 'path' | 'title'>) =>
  [...(t.path ? t.path.split('/') : []), t.title].join('::');

export interface MacroExportReport {
  created: number;
  updated: number;
  unchanged: number;
  failed: Array<{ id: string; reason: string }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Zendesk answers 429 with Retry-After: wait and try again (a few times), as its docs ask. */
async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ZendeskHttpError) || error.status !== 429 || attempt >= 4) throw error;
      await sleep((error.retryAfterSeconds ?? 10) * 1000);
    }
  }
}

export async function exportTemplatesToZendesk(
  api: ZendeskApi,
  kv: KeyValueStore,
  templates: Template[],
): Promise<MacroExportReport> {
  const report: MacroExportReport = { created: 0, updated: 0, unchanged: 0, failed: [] };
  for (const t of templates) {
    try {
      const own = /^zendesk-macro-(\d+)$/.exec(t.id)?.[1];
      const macroId = own ?? (await kv.get(macroKey(t.id)));
      const title = macroTitleOf(t);
      let existing: z.infer<typeof zMacro> | null = null;
      if (macroId) {
        try {
          existing = (
            await withRetry(() => api.call('GET', ['macros', macroId], z.object({ macro: zMacro })))
          ).macro;
        } catch (error) {
          if (!(error instanceof ZendeskHttpError) || error.status !== 404) throw error; // deleted in Zendesk: make it again
        }
      }
      if (existing) {
        if (existing.title === title && macroCommentText(existing.actions) === t.body) {
          report.unchanged++;
          continue;
        }
        // Zendesk replaces the whole actions array: keep the macro's other actions, replace its comment.
        const others = existing.actions.filter(
          (a) => a.field !== 'comment_value' && a.field !== 'comment_value_html',
        );
        await withRetry(() =>
          api.call('PUT', ['macros', existing.id], z.unknown(), {
            macro: { title, actions: [...others, { field: 'comment_value', value: t.body }] },
          }),
        );
        report.updated++;
        continue;
      }
      const created = await withRetry(() =>
        api.call('POST', ['macros'], z.object({ macro: z.object({ id: z.number() }) }), {
          macro: { title, active: true, actions: [{ field: 'comment_value', value: t.body }] },
        }),
      );
      await kv.set(macroKey(t.id), String(created.macro.id));
      await kv.set(templateKey(created.macro.id), t.id);
      report.created++;
    } catch (error) {
      report.failed.push({ id: t.id, reason: (error as Error).message });
    }
  }
  return report;
}
