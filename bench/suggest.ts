// `npm run bench:suggest [-- --data DIR] [--sizes 10000]`: latency of template suggestions at scale.
//
// For each size it generates a collection from the dev split exactly as bench/search.ts does (the 198
// real templates plus deterministic recombinations: lines of several templates mixed, ~8% of kanji
// swapped for other kanji of the corpus), builds the template search index, then times the first
// suggestion (which builds the suggestion index from the already analysed templates) and the
// suggestion latency over the dev inquiries (customers' whole messages), three rounds, in-process.
// Latency only: recall is measured by `npm run eval:suggest` on the real templates.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createTemplateSearchIndex } from '../src/search/template-search-index.ts';
import { generateTemplates } from './template-collection.ts';

interface TemplateRow {
  id: string;
  path: string;
  title: string;
  body: string;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) {
    console.error(`bench-suggest: missing ${file} (pass --data DIR or set YORISOI_EVAL_DATA)`);
    process.exit(1);
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(
    argValue('--data') ?? process.env.YORISOI_EVAL_DATA ?? path.join(repoRoot, '../shared/data'),
  );
  const dev = readJsonLines<TemplateRow>(path.join(dir, 'templates-ja-dev.jsonl'));
  const inquiries = readJsonLines<{ text: string }>(path.join(dir, 'inquiries-ja-dev.jsonl'));
  const sizes = (argValue('--sizes') ?? '10000').split(',').map(Number);

  console.log(`Template suggestions at scale (${inquiries.length} dev inquiries × 3 rounds, in-process)`);
  console.log('');
  console.log(
    '| templates | search index build | suggestion index build (first call) | suggest p50 / p99 | same, rounds 2–3 (titles analysed) | heap Δ (suggestion index) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const size of sizes) {
    const templates = generateTemplates(dev, size);
    const index = await createTemplateSearchIndex();
    let started = performance.now();
    index.upsertMany(templates);
    const buildMs = performance.now() - started;
    gc();
    const before = process.memoryUsage().heapUsed;
    started = performance.now();
    index.suggest('保育園', { limit: 3 });
    const suggestBuildMs = performance.now() - started;
    gc();
    const heap = process.memoryUsage().heapUsed - before;
    const times: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < 3; round++)
      for (const { text } of inquiries) {
        const t0 = performance.now();
        index.suggest(text, { limit: 3 });
        const ms = performance.now() - t0;
        times.push(ms);
        if (round > 0) warm.push(ms);
      }
    times.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    const p = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 99).toFixed(1)} ms`;
    console.log(
      `| ${size.toLocaleString('en')} | ${s(buildMs)} | ${s(suggestBuildMs)} | ${p(times)} | ${p(warm)} | +${mb(heap)} |`,
    );
  }
}

await main();
