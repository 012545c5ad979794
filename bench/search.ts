// `npm run bench:search [-- --data DIR] [--sizes 1000,10000,50000]`: template search at scale.
//
// For each size it generates a collection from the dev split (the 198 real templates plus
// deterministic recombinations: lines of several templates mixed, ~8% of kanji swapped for other
// kanji of the corpus so the vocabulary keeps growing like a real collection), then reports the
// index build time, query latency over the dev queries, memory, and the same queries through
// SQLite FTS5 (trigram tokenizer over normalised text) on the same data. Serialize + restore is
// timed at 10,000 templates.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import Database from 'better-sqlite3';
import type { SearchableTemplate, TemplateSearchIndex } from '../src/domain/templates/ports.ts';
import { normalizeJapanese } from '../src/search/normalize.ts';
import { createTemplateSearchIndex } from '../src/search/template-search-index.ts';
import { generateTemplates } from './template-collection.ts';

interface TemplateRow {
  id: string;
  path: string;
  title: string;
  body: string;
}
interface QueryRow {
  query: string;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function loadDev() {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(
    argValue('--data') ?? process.env.YORISOI_EVAL_DATA ?? path.join(repoRoot, '../shared/data'),
  );
  const read = <T>(name: string): T[] => {
    const file = path.join(dir, name);
    if (!existsSync(file)) {
      console.error(`bench-search: missing ${file} (pass --data DIR or set YORISOI_EVAL_DATA)`);
      process.exit(1);
    }
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as T);
  };
  return {
    templates: read<TemplateRow>('templates-ja-dev.jsonl'),
    queries: read<QueryRow>('queries-ja-dev.jsonl'),
  };
}

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))] ?? 0;
}

/**
 * Latency only: the generated collection copies real lines into many templates, so "the" expected
 * template is no longer unique and recall would not mean anything here (eval:search measures it).
 */
function timeQueries(queries: QueryRow[], run: (q: string) => unknown) {
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const q of queries) {
      const t0 = performance.now();
      run(q.query);
      if (round === 1) times.push(performance.now() - t0); // round 0 warms the JIT and caches
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** FTS5 with the trigram tokenizer: terms shorter than three characters cannot match, so they are dropped. */
function benchFts5(templates: SearchableTemplate[], queries: QueryRow[]) {
  const db = new Database(':memory:');
  const t0 = performance.now();
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body, tokenize='trigram')`);
  const insertRow = db.prepare('INSERT INTO t (id, title, body) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const t of templates) insertRow.run(t.id, normalizeJapanese(t.title), normalizeJapanese(t.body));
  })();
  const buildMs = performance.now() - t0;
  const select = db.prepare('SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 5');
  const result = timeQueries(queries, (q) => {
    const terms = normalizeJapanese(q)
      .split(' ')
      .filter((w) => [...w].length >= 3);
    if (terms.length === 0) return [];
    const match = terms.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
    return (select.all(match) as Array<{ id: string }>).map((r) => r.id);
  });
  db.close();
  return { buildMs, ...result };
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (x: number) => (x >= 100 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(2)} ms`);

async function main() {
  const { templates: dev, queries } = loadDev();
  const sizes = (argValue('--sizes') ?? '1000,10000,50000').split(',').map(Number);
  // kuromoji's dictionary is loaded once per process; load it before measuring memory.
  await createTemplateSearchIndex();
  const rows: string[] = [];
  let persistence = '';
  for (const size of sizes) {
    const templates = generateTemplates(dev, size);
    gc();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const index: TemplateSearchIndex = await createTemplateSearchIndex();
    index.upsertMany(templates);
    const buildMs = performance.now() - t0;
    gc();
    const after = process.memoryUsage();
    const ours = timeQueries(queries, (q) => index.search(q, { limit: 5 }));
    const fts = benchFts5(templates, queries);
    rows.push(
      `| ${size.toLocaleString('en')} | ${ms(buildMs)} | ${ours.p50.toFixed(2)} / ${ours.p99.toFixed(2)} ms | +${mb(after.heapUsed - before.heapUsed)} | +${mb(after.rss - before.rss)} | ${ms(fts.buildMs)} | ${fts.p50.toFixed(2)} / ${fts.p99.toFixed(2)} ms |`,
    );
    if (size === 10_000) {
      const s0 = performance.now();
      const snapshot = index.serialize();
      const serializeMs = performance.now() - s0;
      const r0 = performance.now();
      const restored = await createTemplateSearchIndex({ serialized: snapshot });
      const restoreMs = performance.now() - r0;
      const check =
        restored.search('ほいくえん', { limit: 1 }).length > 0
          ? 'finds ほいくえん'
          : 'FAILED to find ほいくえん';
      persistence = `| 10,000 | ${ms(buildMs)} | ${ms(serializeMs)} | ${(snapshot.length / 1e6).toFixed(1)} M chars | ${ms(restoreMs)} | ${check} |`;
    }
  }
  console.log(
    `Template search bench: ${dev.length} dev templates recombined, ${queries.length} dev queries (timed on the 2nd of 2 rounds)`,
  );
  console.log('| templates | build | search p50 / p99 | heap Δ | RSS Δ | FTS5 build | FTS5 p50 / p99 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
  if (persistence !== '') {
    console.log('');
    console.log('| templates | build | serialize | snapshot | restore | after restore |');
    console.log('|---|---|---|---|---|---|');
    console.log(persistence);
  }
}

await main();
