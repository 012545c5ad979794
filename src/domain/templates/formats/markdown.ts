import { parse, stringify } from 'yaml';
import type { Template } from '../template.ts';
import type { SourceRow } from '../template-catalog.ts';

/**
 * One template per Markdown file. Optional YAML front matter (id, title, path, tags, product); without a
 * `title`, a first line `# Title` is the title. Without `id`, the file's path (minus `.md`) is the id;
 * without `path`, the folder it sits in is the path.
 */
export function parseMarkdownTemplate(relativeFile: string, text: string): SourceRow {
  const at = relativeFile;
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let meta: Record<string, unknown> = {};
  let rest = source;
  if (source.startsWith('---\n')) {
    const end = source.indexOf('\n---', 4);
    if (end < 0) return { at, error: 'front matter starts with --- but never ends' };
    try {
      const parsed: unknown = parse(source.slice(4, end));
      if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed)))
        return { at, error: 'front matter is not a YAML mapping' };
      meta = (parsed as Record<string, unknown>) ?? {};
    } catch (error) {
      return { at, error: `front matter is not valid YAML (${(error as Error).message.split('\n')[0]})` };
    }
    rest = source.slice(end + 4).replace(/^[^\n]*\n/, '');
  }
  let title = meta.title;
  if (title === undefined) {
    const heading = /^\s*#\s+(.+)\n?/.exec(rest);
    if (heading) {
      title = heading[1];
      rest = rest.slice(heading[0].length);
    }
  }
  const withoutExt = relativeFile.replace(/\.(md|markdown)$/i, '');
  const folder = withoutExt.includes('/') ? withoutExt.slice(0, withoutExt.lastIndexOf('/')) : '';
  return {
    at,
    value: {
      id: meta.id ?? withoutExt,
      path: meta.path ?? folder,
      title: title ?? '',
      body: rest.replace(/^\n+/, ''),
      tags: meta.tags,
      product: meta.product ?? null,
    },
  };
}

/** A folder or file name that is safe on every file system and never `.`/`..`. */
function safeName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
  const cleaned = name.replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(0, 120);
  return cleaned === '' || /^\.+$/.test(cleaned) ? `_${cleaned}` : cleaned;
}

/** Files for a Markdown export: `<folder path>/<id>.md`, front matter carrying id and path so exotic names survive. */
export function toMarkdownFiles(templates: Iterable<Template>): Array<{ file: string; content: string }> {
  const used = new Set<string>();
  const out: Array<{ file: string; content: string }> = [];
  for (const t of templates) {
    const dir = t.path === '' ? [] : t.path.split('/').map(safeName);
    const base = safeName(t.id);
    let file = [...dir, `${base}.md`].join('/');
    for (let n = 2; used.has(file.toLowerCase()); n++) file = [...dir, `${base}-${n}.md`].join('/');
    used.add(file.toLowerCase());
    const front: Record<string, unknown> = { id: t.id, title: t.title, path: t.path };
    if (t.tags.length > 0) front.tags = t.tags;
    if (t.product) front.product = t.product;
    out.push({ file, content: `---\n${stringify(front).trimEnd()}\n---\n${t.body}\n` });
  }
  return out;
}
