// `yorisoi check FILE [--name 山田 花子] [--json]`: the writing check the send preview runs, on a file.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createWritingChecker } from '../domain/writing-check/writing-check.ts';
import type { Io } from './io.ts';

export const CHECK_HELP = `yorisoi check — the Japanese writing check on a reply before it is sent

Usage: yorisoi check FILE|- [--name "山田 花子"] [--json]

  FILE        the reply text (UTF-8); - reads standard input
  --name N    the ticket requester's name: checks the salutation (宛名) against it
  --json      one JSON object: { file, requesterName, blocking, warnings: [...] }

Flags leftover template placeholders (○○, （…URL）, {{…}}: blocking), a wrong or missing addressee,
ら抜き言葉, mixed です・ます/である, doubled particles, redundant and misused expressions.
Exit status: 0 no warnings or warnings only, 1 a blocking problem, 2 usage error.`;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export async function checkCommand(args: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    io.err(CHECK_HELP);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(CHECK_HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    io.err(
      file
        ? `error: check takes one FILE, got ${positionals.length}`
        : 'error: check needs a FILE (or - for standard input)',
    );
    io.err(CHECK_HELP);
    return 2;
  }
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin ?? process.stdin) : readFileSync(file, 'utf8');
  } catch (error) {
    io.err(
      `error: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
    return 2;
  }
  const requesterName = values.name?.trim() || null;
  const result = await createWritingChecker().check(text, { requesterName });
  if (values.json) {
    io.out(JSON.stringify({ file, requesterName, ...result }));
  } else {
    for (const w of result.warnings) {
      const level = w.severity === 'blocking' ? 'BLOCKING' : 'warning ';
      io.out(`${file}:${w.line}:${w.column}  ${level}  ${w.message.ja}  [${w.ruleId}]`);
      io.out(`    ${w.message.en}`);
      io.out(`    > ${w.excerpt}`);
    }
    const blocking = result.warnings.filter((w) => w.severity === 'blocking').length;
    io.out(
      result.warnings.length === 0
        ? `${file}: no problems found${requesterName ? '' : ' (addressee not checked: pass --name)'}`
        : `${file}: ${result.warnings.length} problem(s), ${blocking} blocking${requesterName ? '' : ' (addressee not checked: pass --name)'}`,
    );
  }
  return result.blocking ? 1 : 0;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { name: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
}
