// SQL lookup adapter (issue 13): one parameterised SELECT against a SQLite file opened read-only. A query
// that is not a single SELECT is refused before it runs: by our own check and by SQLite's verdict on the
// prepared statement (`readonly`), besides the read-only connection itself.
import Database from 'better-sqlite3';
import { singleSelectProblem } from '../domain/enrichment/enrichment-config.ts';
import type { LookupOutcome, LookupRunner } from '../domain/enrichment/ports.ts';
import { display } from './lookup-values.ts';

export function createSqlLookupRunner(): LookupRunner {
  return {
    async run(config, key): Promise<LookupOutcome> {
      if (config.type !== 'sql') throw new Error('not a SQL lookup');
      const problem = singleSelectProblem(config.query);
      if (problem) return { name: config.name, status: 'refused', detail: problem };
      let db: Database.Database | undefined;
      try {
        db = new Database(config.database, {
          readonly: true,
          fileMustExist: true,
          timeout: config.timeoutMs,
        });
        const stmt = db.prepare(config.query);
        if (!stmt.readonly || !stmt.reader)
          return { name: config.name, status: 'refused', detail: 'writes or changes the database' };
        const row = stmt.get({ key }) as Record<string, unknown> | undefined;
        if (!row) return { name: config.name, status: 'empty' };
        const facts = Object.entries(config.facts).flatMap(([label, column]) => {
          const v = display(row[column]);
          return v === null ? [] : [{ lookup: config.name, label, value: v }];
        });
        return facts.length
          ? { name: config.name, status: 'ok', facts }
          : { name: config.name, status: 'empty' };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'SQLITE_BUSY') return { name: config.name, status: 'timeout', ms: config.timeoutMs };
        if (/multiple statements|more than one statement/i.test((error as Error).message))
          return { name: config.name, status: 'refused', detail: 'more than one statement' };
        return { name: config.name, status: 'error', detail: code ?? 'query failed' };
      } finally {
        db?.close();
      }
    },
  };
}
