import type { SourceRow } from '../template-catalog.ts';

/** What yorisoi reads of a Zendesk macro. */
export interface MacroLike {
  id: number | string;
  title: string;
  active?: boolean;
  actions: Array<{ field: string; value: unknown }>;
}

export const macroTemplateId = (macroId: number | string) => `zendesk-macro-${macroId}`;

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The comment a macro writes: `comment_value` (a string, or legacy `[channel, text]`) or `comment_value_html`. */
export function macroCommentText(actions: MacroLike['actions']): string | null {
  for (const a of actions) {
    if (a.field === 'comment_value') {
      if (typeof a.value === 'string') return a.value;
      if (Array.isArray(a.value) && typeof a.value.at(-1) === 'string') return a.value.at(-1) as string;
    }
  }
  const html = actions.find((a) => a.field === 'comment_value_html');
  return typeof html?.value === 'string' ? htmlToText(html.value) : null;
}

/** A macro as an import record: `製品A::アカウント::復旧方法` → folder `製品A/アカウント`, title `復旧方法`. */
export function macroToRow(macro: MacroLike): SourceRow {
  const at = `macro ${macro.id}`;
  const parts = macro.title
    .split('::')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const body = macroCommentText(macro.actions);
  if (body === null || body.trim() === '')
    return {
      at,
      error: 'the macro writes no comment text (it only changes fields), so it is not a reply template',
    };
  return {
    at,
    value: {
      id: macroTemplateId(macro.id),
      title: parts.at(-1) ?? '',
      path: parts.slice(0, -1).join('/'),
      body,
      tags: ['zendesk-macro'],
      product: null,
    },
  };
}
