// `yorisoi templates suggest`: the templates that answer a customer's message (issue 13).
//
//   templates suggest TEXT… [--limit N] [--json]     the message as arguments (or on standard input)
//   templates suggest --batch [--limit N]            one {"text": "…"} a line in, one JSON array a line out
//
// --batch output is `[{"id","title","path","score"}]` per input line, best first, at most --limit
// (default 3), `[]` when nothing fits; every line is answered from one index load. A line that is not
// a JSON object with a string "text" is answered with `[]` too — so output line N always belongs to
// input line N — and named on standard error (`error: line N: …`); the command then exits 1. Blank
// lines are skipped without output.

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { TemplateSuggestion } from '../domain/templates/ports.ts';

export interface SuggestIo {
  out(line: string): void;
  err(line: string): void;
  stdin?: NodeJS.ReadableStream;
}

export interface Suggester {
  ready(): Promise<void>;
  suggest(message: string, opts: { limit?: number }): Promise<TemplateSuggestion[]>;
}

export const SUGGEST_HELP_LINES = [
  '  templates suggest TEXT [--limit N] [--json]        templates that answer a customer message (stdin if no TEXT)',
  '  templates suggest --batch [--limit N]              {"text": "…"} a line in, [{"id","title","path","score"}] a line out',
];

const DEFAULT_LIMIT = 3;
const MAX_LIMIT = 50;

const shape = (hits: TemplateSuggestion[]) =>
  JSON.stringify(hits.map((h) => ({ id: h.id, title: h.title, path: h.path, score: h.score })));

/** Why `line` is not a batch request, or its text. */
export function parseBatchLine(line: string): { text: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { error: 'expected a JSON object like {"text": "…"}' };
  const text = (value as { text?: unknown }).text;
  if (typeof text !== 'string') return { error: '"text" must be a string' };
  return { text };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export async function suggestCommand(args: string[], templates: Suggester, io: SuggestIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const limit = values.limit === undefined ? DEFAULT_LIMIT : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    io.err(`error: --limit must be a whole number from 1 to ${MAX_LIMIT}, got "${values.limit}"`);
    return 2;
  }
  const stdin = io.stdin ?? process.stdin;

  if (values.batch) {
    if (positionals.length > 0) {
      io.err('error: templates suggest --batch reads messages from standard input, not arguments');
      return 2;
    }
    await templates.ready();
    let lineNumber = 0;
    let bad = 0;
    const rl = createInterface({ input: stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of rl) {
      lineNumber++;
      if (line.trim() === '') continue;
      const request = parseBatchLine(line);
      if ('error' in request) {
        bad++;
        io.err(`error: line ${lineNumber}: ${request.error}`);
        io.out('[]');
        continue;
      }
      io.out(shape(await templates.suggest(request.text, { limit })));
    }
    return bad > 0 ? 1 : 0;
  }

  let message = positionals.join(' ');
  if (message.trim() === '' && io.stdin !== undefined) message = await readAll(stdin);
  else if (message.trim() === '' && io.stdin === undefined && !process.stdin.isTTY)
    message = await readAll(process.stdin);
  if (message.trim() === '') {
    io.err(
      "error: templates suggest needs the customer's message (as arguments or on standard input), or --batch",
    );
    return 2;
  }
  const hits = await templates.suggest(message, { limit });
  if (values.json) {
    io.out(shape(hits));
    return 0;
  }
  if (hits.length === 0) io.out('no template fits this message');
  hits.forEach((h, i) => {
    io.out(`${i + 1}. ${h.id}  ${h.score.toFixed(3)}  ${h.path || '(root)'}`);
    io.out(`   ${h.title}`);
  });
  return 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { limit: { type: 'string' }, json: { type: 'boolean' }, batch: { type: 'boolean' } },
  });
}
