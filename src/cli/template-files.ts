import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv, toCsv } from '../domain/templates/formats/csv.ts';
import { parseJsonl, toJsonl } from '../domain/templates/formats/jsonl.ts';
import { parseMarkdownTemplate, toMarkdownFiles } from '../domain/templates/formats/markdown.ts';
import type { Template } from '../domain/templates/template.ts';
import type { SourceRow } from '../domain/templates/template-catalog.ts';
import { YorisoiError } from '../errors.ts';

/** Template files on disk: JSONL, CSV, or a folder of Markdown files (see README "Reply templates"). */
export type TemplateFileFormat = 'jsonl' | 'csv' | 'md';

export function detectFormat(target: string, given?: string): TemplateFileFormat {
  if (given !== undefined) {
    const f = given
      .toLowerCase()
      .replace(/^markdown$/, 'md')
      .replace(/^ndjson$/, 'jsonl');
    if (f === 'jsonl' || f === 'csv' || f === 'md') return f;
    throw new YorisoiError('bad_input', `Unknown format "${given}" (use jsonl, csv or md).`);
  }
  let isDir = false;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    // a target that does not exist yet (export): judge by its name
  }
  if (isDir) return 'md';
  const ext = path.extname(target).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'jsonl';
  if (ext === '') return 'md';
  throw new YorisoiError('bad_input', `Cannot tell the format of ${target}: use --format jsonl|csv|md.`);
}

function markdownFiles(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.')) continue;
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...markdownFiles(root, rel));
    else if (/\.(md|markdown)$/i.test(entry.name)) out.push(rel);
  }
  return out;
}

/** The records of an import file or Markdown folder, bad ones included (they carry `error`). */
export function readTemplateSource(target: string, format: TemplateFileFormat): Iterable<SourceRow> {
  try {
    if (format === 'md') {
      if (!statSync(target).isDirectory())
        throw new YorisoiError('bad_input', `${target} is not a folder of Markdown files.`);
      return markdownFiles(target).map((rel) =>
        parseMarkdownTemplate(rel, readFileSync(path.join(target, rel), 'utf8')),
      );
    }
    // CSV is decoded by parseCsv itself: Japanese Excel writes CP932, not UTF-8.
    return format === 'csv' ? parseCsv(readFileSync(target)) : parseJsonl(readFileSync(target, 'utf8'));
  } catch (error) {
    if (error instanceof YorisoiError) throw error;
    throw new YorisoiError('bad_input', `Cannot read ${target}: ${(error as Error).message}`);
  }
}

/** Writes templates to a file (JSONL, CSV) or a folder (Markdown); returns how many files were written. */
export function writeTemplateExport(
  templates: Template[],
  target: string,
  format: TemplateFileFormat,
): number {
  if (format === 'md') {
    const files = toMarkdownFiles(templates);
    for (const f of files) {
      const full = path.join(target, f.file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, f.content);
    }
    return files.length;
  }
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  writeFileSync(target, format === 'csv' ? toCsv(templates) : toJsonl(templates));
  return 1;
}

export function exportText(templates: Template[], format: 'jsonl' | 'csv'): string {
  return format === 'csv' ? toCsv(templates) : toJsonl(templates);
}
