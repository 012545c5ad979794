import { readFileSync } from 'node:fs';
import { createReadingAnalyzer } from '../src/search/readings.ts';
import { analyseText } from '../src/search/text-analysis.ts';
import { duplicateFeatures, jaccard } from '../src/search/near-duplicates.ts';
const r = await createReadingAnalyzer();
const rows = (f: string) => readFileSync(`/work/shared/data/${f}`, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const ts = new Map(rows('templates-ja-dev.jsonl').map((t: any) => [t.id, t]));
const feat = (t: any) => duplicateFeatures(analyseText(t.title, r).surface, analyseText(t.body, r).surface);
const out: string[] = [];
for (const p of rows('duplicates-ja-dev.jsonl')) {
  const a = feat(ts.get(p.original_id)); const b = feat(p.variant);
  out.push(`${p.label}\t${jaccard(a.title,b.title).toFixed(3)}\t${jaccard(a.body,b.body).toFixed(3)}\t${p.tier ?? ''}\t${p.pair_id}`);
}
console.log(out.sort().join('\n'));
