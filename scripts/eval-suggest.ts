// `npm run eval:suggest [-- --data DIR] [--split dev] [--verbose]`: suggested templates for customers'
// own messages (issue 13) on the inquiries of a split, loading that split's templates.
//
// Prints recall@1 / recall@3 over the answerable inquiries, the share of unanswerable ones left
// empty and the share of answerable ones given only wrong suggestions — for the shipped ranking,
// and for the baseline (template search with the whole message). Then checks that the calibration
// generalises: the floor (and the weights, from a small grid) are tuned on one half of the
// inquiries and reported on the other half, both ways. Exits non-zero when the floor
// (recall@3 ≥ 0.75 and ≥ 0.75 of the unanswerable left empty) is missed.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSearchIndex } from '../src/domain/templates/ports.ts';
import { createTemplateSearchIndex } from '../src/search/template-search-index.ts';
import {
  DEFAULT_SUGGESTION_FLOOR,
  DEFAULT_WEIGHTS,
  type SuggesterWeights,
} from '../src/search/template-suggester.ts';

const TARGET_RECALL_AT_3 = 0.75;
const TARGET_LEFT_EMPTY = 0.75;
const LIMIT = 3;

interface TemplateRow {
  id: string;
  path: string;
  title: string;
  body: string;
}
interface InquiryRow {
  id: string;
  text: string;
  expected_id: string | null;
  kind: 'answerable' | 'unanswerable';
  style?: string;
}
/** An inquiry with its top three candidates before the floor. */
interface Ranked {
  inquiry: InquiryRow;
  hits: Array<{ id: string; score: number }>;
}

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function readJsonLines<T>(file: string): T[] {
  if (!existsSync(file)) {
    console.error(
      `eval-suggest: missing evaluation data: ${file} (pass --data DIR or set YORISOI_EVAL_DATA)`,
    );
    process.exit(1);
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export interface SuggestMetrics {
  answerable: number;
  unanswerable: number;
  recallAt1: number;
  recallAt3: number;
  leftEmpty: number;
  onlyWrong: number;
}

function measure(ranked: Ranked[], floor: number): SuggestMetrics {
  let answerable = 0;
  let unanswerable = 0;
  let at1 = 0;
  let at3 = 0;
  let empty = 0;
  let wrong = 0;
  for (const { inquiry, hits } of ranked) {
    // As the suggester does: nothing unless the best reaches the floor (hits are already cut relative to the best).
    const shown = (hits[0]?.score ?? 0) >= floor ? hits.slice(0, LIMIT) : [];
    if (inquiry.expected_id === null) {
      unanswerable++;
      if (shown.length === 0) empty++;
      continue;
    }
    answerable++;
    if (shown[0]?.id === inquiry.expected_id) at1++;
    if (shown.some((h) => h.id === inquiry.expected_id)) at3++;
    else if (shown.length > 0) wrong++;
  }
  return {
    answerable,
    unanswerable,
    recallAt1: at1 / Math.max(1, answerable),
    recallAt3: at3 / Math.max(1, answerable),
    leftEmpty: empty / Math.max(1, unanswerable),
    onlyWrong: wrong / Math.max(1, answerable),
  };
}

/** What a floor is tuned for: suggestions found plus unanswerable inquiries left alone, wrong ones penalised. */
function objective(m: SuggestMetrics): number {
  return m.recallAt3 + m.leftEmpty - m.onlyWrong;
}

function bestFloor(ranked: Ranked[]): number {
  const scores = [...new Set(ranked.flatMap((r) => r.hits.map((h) => h.score)))].sort((a, b) => a - b);
  let best = { floor: 0, value: Number.NEGATIVE_INFINITY };
  for (const floor of [0, ...scores]) {
    const value = objective(measure(ranked, floor));
    if (value > best.value) best = { floor, value };
  }
  return best.floor;
}

const fmt = (x: number) => x.toFixed(3);
const row = (name: string, m: SuggestMetrics, extra = '') =>
  `| ${name} | ${fmt(m.recallAt1)} | ${fmt(m.recallAt3)} | ${fmt(m.leftEmpty)} | ${fmt(m.onlyWrong)} |${extra}`;

async function rank(index: TemplateSearchIndex, inquiries: InquiryRow[]): Promise<Ranked[]> {
  return inquiries.map((inquiry) => ({
    inquiry,
    hits: index.suggest(inquiry.text, { limit: LIMIT, floor: 0 }).map((h) => ({ id: h.id, score: h.score })),
  }));
}

/** Two halves, each with the same share of answerable and unanswerable inquiries (every other one of each kind). */
function halves(inquiries: InquiryRow[]): [InquiryRow[], InquiryRow[]] {
  const a: InquiryRow[] = [];
  const b: InquiryRow[] = [];
  for (const kind of ['answerable', 'unanswerable'] as const)
    inquiries
      .filter((q) => q.kind === kind)
      .forEach((q, i) => {
        (i % 2 === 0 ? a : b).push(q);
      });
  return [a, b];
}

const WEIGHT_GRID: SuggesterWeights[] = [];
for (const title of [0, 0.1, 0.2]) for (const search of [0, 0.1, 0.2]) WEIGHT_GRID.push({ title, search });
const weightName = (w: SuggesterWeights) => `title ${w.title}, search ${w.search}`;

async function main() {
  const argv = process.argv.slice(2);
  const split = argValue(argv, '--split') ?? 'dev';
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(
    argValue(argv, '--data') ?? process.env.YORISOI_EVAL_DATA ?? path.join(repoRoot, '../shared/data'),
  );
  const templates = readJsonLines<TemplateRow>(path.join(dir, `templates-ja-${split}.jsonl`));
  const inquiries = readJsonLines<InquiryRow>(path.join(dir, `inquiries-ja-${split}.jsonl`));
  const serialized = await (async () => {
    const index = await createTemplateSearchIndex();
    index.upsertMany(templates.map((t) => ({ ...t, tags: [], product: null })));
    return index.serialize();
  })();
  const indexWith = (weights: SuggesterWeights) =>
    createTemplateSearchIndex({ serialized, suggestion: { weights } });

  const index = await createTemplateSearchIndex({ serialized });
  const ranked = await rank(index, inquiries);
  const shipped = measure(ranked, DEFAULT_SUGGESTION_FLOOR);
  const baselineRanked: Ranked[] = inquiries.map((inquiry) => ({
    inquiry,
    hits: index.search(inquiry.text, { limit: LIMIT }).map((h) => ({ id: h.id, score: h.score })),
  }));

  const answerable = inquiries.filter((q) => q.kind === 'answerable').length;
  console.log(
    `Suggested templates on ${dir} (${split}: ${templates.length} templates, ${inquiries.length} inquiries: ${answerable} answerable, ${inquiries.length - answerable} unanswerable; limit ${LIMIT})`,
  );
  console.log('');
  console.log('| ranking | recall@1 | recall@3 | unanswerable left empty | answerable given only wrong |');
  console.log('|---|---|---|---|---|');
  console.log(
    row('template search, whole message (baseline)', measure(baselineRanked, Number.NEGATIVE_INFINITY)),
  );
  console.log(
    row(`suggest, ${weightName(DEFAULT_WEIGHTS)}, floor ${DEFAULT_SUGGESTION_FLOOR} (shipped)`, shipped),
  );
  console.log(row('suggest, no floor', measure(ranked, 0)));

  // The trade-off the floor makes, on all inquiries.
  console.log('');
  console.log('Floor sweep (all inquiries, shipped weights):');
  console.log('');
  console.log('| floor | recall@1 | recall@3 | unanswerable left empty | answerable given only wrong |');
  console.log('|---|---|---|---|---|');
  for (const floor of [0.2, 0.25, 0.28, 0.3, 0.31, 0.32, 0.35, 0.4, 0.5]) {
    const m = measure(ranked, floor);
    console.log(
      `| ${floor.toFixed(2)}${floor === DEFAULT_SUGGESTION_FLOOR ? ' (shipped)' : ''} ${row('', m).slice(3)}`,
    );
  }

  // Cross-validation: tune on one half, report on the other.
  console.log('');
  console.log('Two-fold cross-validation (tuned on one half, measured on the other):');
  console.log('');
  console.log(
    '| tuned on → measured on | recall@1 | recall@3 | unanswerable left empty | answerable given only wrong | tuned |',
  );
  console.log('|---|---|---|---|---|---|');
  const [a, b] = halves(inquiries);
  const byWeights = new Map<SuggesterWeights, Ranked[]>();
  for (const weights of WEIGHT_GRID) byWeights.set(weights, await rank(await indexWith(weights), inquiries));
  const pooled: Ranked[] = [];
  const pooledFloor: Ranked[] = [];
  for (const [tuneName, tune, testName, test] of [
    ['A', a, 'B', b],
    ['B', b, 'A', a],
  ] as const) {
    const tuneIds = new Set(tune.map((q) => q.id));
    const testIds = new Set(test.map((q) => q.id));
    // Floor only, shipped weights.
    const tuneRanked = ranked.filter((r) => tuneIds.has(r.inquiry.id));
    const testRanked = ranked.filter((r) => testIds.has(r.inquiry.id));
    const floor = bestFloor(tuneRanked);
    pooledFloor.push(
      ...testRanked.map((r) => ({ ...r, hits: (r.hits[0]?.score ?? 0) >= floor ? r.hits : [] })),
    );
    console.log(
      row(`${tuneName} → ${testName} (floor)`, measure(testRanked, floor), ` floor ${fmt(floor)} |`),
    );
    // Weights and floor.
    let best = { weights: DEFAULT_WEIGHTS, floor: 0, value: Number.NEGATIVE_INFINITY };
    for (const [weights, all] of byWeights) {
      const part = all.filter((r) => tuneIds.has(r.inquiry.id));
      const f = bestFloor(part);
      const value = objective(measure(part, f));
      if (value > best.value) best = { weights, floor: f, value };
    }
    const testAll = (byWeights.get(best.weights) ?? []).filter((r) => testIds.has(r.inquiry.id));
    pooled.push(...testAll.map((r) => ({ ...r, hits: (r.hits[0]?.score ?? 0) >= best.floor ? r.hits : [] })));
    const w = best.weights;
    console.log(
      row(
        `${tuneName} → ${testName} (weights + floor)`,
        measure(testAll, best.floor),
        ` ${weightName(w)}, floor ${fmt(best.floor)} |`,
      ),
    );
  }
  console.log(row('both held-out halves pooled (floor)', measure(pooledFloor, 0), ' |'));
  console.log(row('both held-out halves pooled (weights + floor)', measure(pooled, 0), ' |'));

  if (argv.includes('--verbose')) {
    console.log('');
    const titles = new Map(templates.map((t) => [t.id, t.title]));
    for (const { inquiry, hits } of ranked) {
      const shown = (hits[0]?.score ?? 0) >= DEFAULT_SUGGESTION_FLOOR ? hits : [];
      const ok =
        inquiry.expected_id === null ? shown.length === 0 : shown.some((h) => h.id === inquiry.expected_id);
      console.log(
        `${ok ? 'ok ' : 'BAD'} ${inquiry.id} [${inquiry.style ?? ''}] ${inquiry.text.slice(0, 60).replace(/\n/g, ' ')}`,
      );
      console.log(
        `    expected ${inquiry.expected_id ?? '(none)'} ${inquiry.expected_id ? titles.get(inquiry.expected_id) : ''}`,
      );
      for (const h of hits) console.log(`    ${h.score.toFixed(3)} ${h.id} ${titles.get(h.id)}`);
    }
  }

  const met = shipped.recallAt3 >= TARGET_RECALL_AT_3 && shipped.leftEmpty >= TARGET_LEFT_EMPTY;
  console.log('');
  console.log(
    met
      ? `Floor met: recall@3 ≥ ${TARGET_RECALL_AT_3} and ≥ ${TARGET_LEFT_EMPTY} of the unanswerable left empty.`
      : `Floor MISSED: recall@3 ≥ ${TARGET_RECALL_AT_3} and ≥ ${TARGET_LEFT_EMPTY} of the unanswerable left empty.`,
  );
  process.exitCode = met ? 0 : 1;
}

await main();
