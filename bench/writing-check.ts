/**
 * npm run bench:writing [-- --runs 50]
 *
 * Latency of the Japanese writing check the send preview runs: the first check in a fresh process
 * (module import + kuromoji dictionary load + the first lint) and warm checks of the reply fixtures,
 * a short reply and a long one (all fixtures joined, ×8: ~7,000 characters). Prints p50/p95/max per size.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } });
const runs = Number(values.runs);
const dir = path.join(import.meta.dirname, '..', 'tests', 'fixtures', 'writing-check');
const replies = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(path.join(dir, f), 'utf8'));
const long = Array.from({ length: 8 }, () => replies.join('\n')).join('\n');

const t0 = performance.now();
const { createWritingChecker } = await import('../src/domain/writing-check/writing-check.ts');
const checker = createWritingChecker();
const tImport = performance.now();
await checker.check(replies[0]!, { requesterName: '山田 花子' });
const tFirst = performance.now();

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
async function measure(texts: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = texts[i % texts.length]!;
    const s = performance.now();
    await checker.check(text, { requesterName: '山田 花子' });
    times.push(performance.now() - s);
  }
  return times.sort((a, b) => a - b);
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const short = await measure(replies);
const longTimes = await measure([long]);
const avgChars = Math.round(replies.reduce((n, r) => n + r.length, 0) / replies.length);

console.log(`writing check — node ${process.version}, ${runs} warm runs per size`);
console.log(
  `  cold: import ${fmt(tImport - t0)}, first check (loads kuromoji) ${fmt(tFirst - tImport)}, total ${fmt(tFirst - t0)}`,
);
for (const [label, t] of [
  [`reply (~${avgChars} chars, ${replies.length} fixtures)`, short],
  [`long reply (${long.length} chars)`, longTimes],
] as const) {
  console.log(
    `  warm ${label}: p50 ${fmt(percentile(t, 50))}, p95 ${fmt(percentile(t, 95))}, max ${fmt(t.at(-1)!)}`,
  );
}
