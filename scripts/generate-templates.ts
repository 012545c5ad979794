// Writes N generated templates as JSONL (for timing imports at scale), from the dev split the same way
// bench/search.ts generates its collections: real templates, lines recombined, 8% of kanji swapped.
// Usage: tsx scripts/generate-templates.ts N OUT.jsonl [--data DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [countArg, out] = process.argv.slice(2);
const dataArg = process.argv.indexOf('--data');
const dir = dataArg > 0 ? process.argv[dataArg + 1]! : path.resolve(import.meta.dirname, '../../shared/data');
const count = Number(countArg);
if (!Number.isInteger(count) || count < 1 || !out) {
  console.error('usage: tsx scripts/generate-templates.ts N OUT.jsonl [--data DIR]');
  process.exit(2);
}
type Row = { id: string; path: string; title: string; body: string };
const dev = readFileSync(path.join(dir, 'templates-ja-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

let seed = 20240601 >>> 0;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
const kanji = [...dev.map((t) => t.title + t.body).join('')].filter((c) => /\p{Script=Han}/u.test(c));
const perturb = (text: string) =>
  [...text].map((c) => (/\p{Script=Han}/u.test(c) && random() < 0.08 ? pick(kanji) : c)).join('');
const lines: string[] = dev.slice(0, count).map((t) => JSON.stringify(t));
for (let i = lines.length; i < count; i++) {
  const base = pick(dev);
  const body =
    [
      ...base.body.split('\n'),
      ...pick(dev).body.split('\n').slice(0, 2),
      ...pick(dev).body.split('\n').slice(-2),
    ]
      .filter(() => random() < 0.8)
      .join('\n') || base.body;
  lines.push(
    JSON.stringify({
      id: `gen-${String(i).padStart(6, '0')}`,
      path: base.path,
      title: perturb(base.title),
      body: perturb(body),
      tags: random() < 0.3 ? ['faq'] : [],
    }),
  );
}
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`wrote ${count} templates to ${out}`);
