import type { Template } from '../template.ts';
import type { SourceRow } from '../template-catalog.ts';

/** One JSON object a line; blank lines are ignored; line numbers count from 1. */
export function* parseJsonl(text: string): Generator<SourceRow> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const at = `line ${i + 1}`;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        yield { at, error: 'not a JSON object' };
      else yield { at, value };
    } catch (error) {
      yield { at, error: `not valid JSON (${(error as Error).message})` };
    }
  }
}

export const exportRecord = (t: Template) => ({
  id: t.id,
  path: t.path,
  title: t.title,
  body: t.body,
  tags: t.tags,
  product: t.product,
});

export function toJsonl(templates: Iterable<Template>): string {
  let out = '';
  for (const t of templates) out += `${JSON.stringify(exportRecord(t))}\n`;
  return out;
}
