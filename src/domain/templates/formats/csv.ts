import type { Template } from '../template.ts';
import type { SourceRow } from '../template-catalog.ts';

export const CSV_COLUMNS = ['id', 'path', 'title', 'body', 'tags', 'product'] as const;

/**
 * RFC 4180 CSV with a header row naming the columns (id, path, title, body; tags and product optional;
 * others ignored). Quoted fields may hold commas, quotes ("") and line breaks; a record is reported by the
 * line it starts on. Tags inside one field are separated by commas, semicolons or `|`.
 */
export function* parseCsv(text: string): Generator<SourceRow> {
  const records = splitCsv(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header || header.error) {
    yield {
      at: 'line 1',
      error: header?.error ?? 'the file is empty (a header row id,path,title,body… is needed)',
    };
    return;
  }
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = ['id', 'title', 'body'].filter((c) => !names.includes(c));
  if (missing.length > 0) {
    yield { at: 'line 1', error: `the header row lacks the column(s) ${missing.join(', ')}` };
    return;
  }
  for (const r of records) {
    const at = `line ${r.line}`;
    if (r.error) {
      yield { at, error: r.error };
      continue;
    }
    if (r.fields.length === 1 && r.fields[0] === '') continue; // blank line
    if (r.fields.length !== names.length) {
      yield { at, error: `expected ${names.length} fields, found ${r.fields.length}` };
      continue;
    }
    const value: Record<string, string> = {};
    names.forEach((n, i) => {
      if ((CSV_COLUMNS as readonly string[]).includes(n)) value[n] = r.fields[i] ?? '';
    });
    yield { at, value };
  }
}

interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

function splitCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quotedField = false;
  const endRecord = () => {
    fields.push(field);
    out.push({ line: start, fields });
    fields = [];
    field = '';
    quotedField = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '' && !quotedField) {
      // quoted field: read to the closing quote
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < text.length) {
        const d = text[j]!;
        if (d === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        if (d === '\n') line++;
        value += d;
        j++;
      }
      if (!closed) {
        out.push({ line: start, fields: [], error: 'a quoted field is never closed' });
        return out;
      }
      field = value;
      quotedField = true;
      i = j;
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        // text after the closing quote: skip to the end of this record and report it
        while (i < text.length && text[i] !== '\n') i++;
        out.push({
          line: start,
          fields: [],
          error: 'text after a closing quote (quotes inside a field must be doubled: "")',
        });
        fields = [];
        field = '';
        quotedField = false;
        i++;
        line++;
        start = line;
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      quotedField = false;
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === '\n') {
      endRecord();
      i++;
      line++;
      start = line;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return out;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(templates: Iterable<Template>): string {
  let out = `${CSV_COLUMNS.join(',')}\r\n`;
  for (const t of templates) {
    out += `${[t.id, t.path, t.title, t.body, t.tags.join(', '), t.product ?? ''].map(csvField).join(',')}\r\n`;
  }
  return out;
}
