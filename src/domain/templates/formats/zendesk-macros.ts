import { convert } from 'html-to-text';
import type { SourceRow } from '../template-catalog.ts';

/** What yorisoi reads of a Zendesk macro. */
export interface MacroLike {
  id: number | string;
  title: string;
  active?: boolean;
  actions: Array<{ field: string; value: unknown }>;
}

export const macroTemplateId = (macroId: number | string) => `zendesk-macro-${macroId}`;

/**
 * A macro's HTML comment as the plain text an agent would type: html-to-text decodes every named and
 * numeric entity, keeps each link's URL after its text (`ヘルプ [https://…]`, once when the text is the
 * URL), turns list items into `- ` lines and paragraphs/`<br>` into line breaks. No word wrapping:
 * Japanese has no spaces to wrap at, and Zendesk wraps for the reader anyway.
 */
function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'p', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
      { selector: 'ul', options: { itemPrefix: '- ' } },
      { selector: 'img', format: 'skip' },
      ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({
        selector,
        options: { uppercase: false, leadingLineBreaks: 1, trailingLineBreaks: 1 },
      })),
    ],
  })
    .replace(/\u00a0/g, ' ')
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
