import { parseArgs } from 'node:util';
import type { Io } from './io.ts';

/** `yorisoi db copy --from URL --to URL`: moves a whole database (e.g. the SQLite file to PostgreSQL). */
export async function runDbCopy(args: string[], io: Io): Promise<number> {
  let values: { from?: string; to?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { from: { type: 'string' }, to: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
  const valid = (u: string | undefined) => !!u && /^(file:|postgres(ql)?:\/\/)/.test(u);
  if (!valid(values.from) || !valid(values.to)) {
    io.err(
      'error: db copy needs --from and --to database URLs (file:… or postgres://…), e.g.\n' +
        '  yorisoi db copy --from file:./.yorisoi/yorisoi.db --to postgres://yorisoi:secret@db:5432/yorisoi',
    );
    return 2;
  }
  const { copyDatabase, redactUrl } = await import('../storage/database-copy.ts');
  const from = values.from as string;
  const to = values.to as string;
  io.out(
    `copying ${redactUrl(from)} → ${redactUrl(to)} (stop yorisoi first: rows written meanwhile are not copied)`,
  );
  try {
    const report = await copyDatabase(from, to);
    for (const r of report) if (r.rows > 0) io.out(`  ${r.table}: ${r.rows}`);
    io.out(
      `done: ${report.reduce((n, r) => n + r.rows, 0)} rows. Set DATABASE_URL=${redactUrl(to)} and start yorisoi.`,
    );
    return 0;
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 1;
  }
}
