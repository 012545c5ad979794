import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Template } from '../template.ts';
import type { SourceRow } from '../template-catalog.ts';

export const CSV_COLUMNS = ['id', 'path', 'title', 'body', 'tags', 'product'] as const;

/**
 * CSV with a header row naming the columns (id, path, title, body; tags and product optional; others
 * ignored), read by csv-parse. Quoted fields may hold commas, quotes ("") and line breaks; lines may end
 * in CRLF, LF or a bare CR (old Mac Excel), mixed in one file; spaces around a field are ignored
 * (`1,T, "x,y"` reads x,y). A record is reported by the line it starts on; a bad record is reported and
 * the next line carries on. Tags inside one field are separated by commas, semicolons or `|`.
 *
 * Bytes are decoded first (`decodeCsvBytes`): UTF-8 (with or without BOM), UTF-16 with BOM, or CP932 —
 * what Japanese Excel writes for "CSV (comma delimited)". A cell our export guarded against formula
 * injection (`'=…`) reads back as it was.
 */
export function* parseCsv(input: string | Uint8Array): Generator<SourceRow> {
  let text: string;
  if (typeof input === 'string') text = input.replace(/^\uFEFF/, '');
  else {
    const decoded = decodeCsvBytes(input);
    if ('error' in decoded) {
      yield { at: 'line 1', error: decoded.error };
      return;
    }
    text = decoded.text;
  }
  const records = readRecords(text);
  const header = records.next();
  if (header.done || header.value.error || isBlank(header.value.fields)) {
    yield {
      at: 'line 1',
      error:
        (header.done ? undefined : header.value.error) ??
        'the file is empty (a header row id,path,title,body… is needed)',
    };
    return;
  }
  const names = header.value.fields.map((f) => f.trim().toLowerCase());
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
    if (isBlank(r.fields)) continue; // blank line
    if (r.fields.length !== names.length) {
      yield { at, error: `expected ${names.length} fields, found ${r.fields.length}` };
      continue;
    }
    const value: Record<string, string> = {};
    names.forEach((n, i) => {
      if ((CSV_COLUMNS as readonly string[]).includes(n)) value[n] = unguard(r.fields[i] ?? '');
    });
    yield { at, value };
  }
}

const isBlank = (fields: string[]) => fields.length === 1 && fields[0] === '';

interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

const lineBreak = /\r\n|\r|\n/g;

/**
 * csv-parse stops at the first malformed record. To report it and carry on as a person fixing the file
 * expects, we take the records before it, report it by the line it starts on, and parse again from the
 * line after the one where csv-parse failed. An unclosed quote swallows the rest of the file: reported once.
 */
function* readRecords(text: string): Generator<CsvRecord> {
  let rest = text;
  let firstLine = 1;
  while (rest !== '') {
    const got: CsvRecord[] = [];
    let lastEnd = 0; // csv-parse's line count (relative to `rest`) where the last good record ended
    try {
      parse(rest, {
        bom: true,
        trim: true,
        relax_quotes: true,
        relax_column_count: true,
        record_delimiter: ['\r\n', '\n', '\r'],
        on_record: (record: string[], context) => {
          got.push({ line: firstLine + lastEnd, fields: record });
          lastEnd = context.lines;
          return null;
        },
      });
      yield* got;
      return;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      yield* got;
      const line = firstLine + lastEnd;
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
        yield { line, fields: [], error: 'a quoted field is never closed' };
        return;
      }
      const closingQuote =
        error.code === 'CSV_INVALID_CLOSING_QUOTE' ||
        error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE';
      yield {
        line,
        fields: [],
        error: closingQuote
          ? 'text after a closing quote (quotes inside a field must be doubled: "")'
          : error.message.replace(/ at line \d+/, ''),
      };
      // Carry on after the line where the parser gave up.
      const failedAt = Math.max((error as CsvError & { lines?: number }).lines ?? 1, lastEnd + 1);
      const next = offsetAfterLine(rest, failedAt);
      rest = rest.slice(next);
      firstLine += failedAt;
    }
  }
}

/** The offset just past the `n`th line break of `text` (its length when there are fewer). */
function offsetAfterLine(text: string, n: number): number {
  lineBreak.lastIndex = 0;
  let seen = 0;
  for (let m = lineBreak.exec(text); m; m = lineBreak.exec(text)) {
    seen += 1;
    if (seen === n) return m.index + m[0].length;
  }
  return text.length;
}

/**
 * The text of a CSV file's bytes. UTF-8 first (strict: one bad byte and it is not UTF-8); then CP932,
 * decoded by the platform's WHATWG Shift_JIS decoder, which is Microsoft's CP932 (windows-31j) table with
 * the NEC and IBM extensions (①, ㈱, 髙, ～ as U+FF5E) — no extra library. A file that is neither is refused
 * with a clear message instead of being read as mojibake.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: string } | { error: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try Japanese Excel's encoding
  }
  let shiftJis: { decode(input: Uint8Array): string };
  try {
    shiftJis = new TextDecoder('shift_jis', { fatal: true });
  } catch {
    return {
      error:
        'the file is not UTF-8, and this Node.js has no Shift_JIS decoder (built without full ICU): save it as "CSV UTF-8"',
    };
  }
  try {
    return { text: shiftJis.decode(bytes), encoding: 'cp932' };
  } catch {
    return {
      error: 'the file is neither UTF-8 nor Shift_JIS (CP932): save it as "CSV UTF-8" and import again',
    };
  }
}

/**
 * Formula-injection guard (OWASP "CSV injection"): a cell that begins with =, +, -, @, a tab or a CR is
 * run as a formula by Excel and friends, so the export prefixes it with a single quote, which spreadsheets
 * show as text. One more quote is added to a cell that already begins with quotes before such a
 * character, so `unguard` (on import) removes exactly one and every value round-trips unchanged.
 */
const guarded = /^'*[=+\-@\t\r]/;
export function guardCell(value: string): string {
  return guarded.test(value) ? `'${value}` : value;
}
function unguard(value: string): string {
  return value.startsWith("'") && guarded.test(value) ? value.slice(1) : value;
}

export function toCsv(templates: Iterable<Template>): string {
  const rows = [...templates].map((t) =>
    [t.id, t.path, t.title, t.body, t.tags.join(', '), t.product ?? ''].map(guardCell),
  );
  return stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: '\r\n',
    // Import trims spaces around fields and ends lines at a bare CR or LF too: quote cells whose own
    // spaces or line breaks must survive (csv-stringify alone quotes only the record delimiter, CRLF).
    quoted_match: [/^\s|\s$/, /[\r\n]/],
  });
}
