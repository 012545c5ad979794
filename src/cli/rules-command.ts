// `yorisoi rules …` (issue 13): check the enrichment file; report how each rule (and the template suggester)
// did: firings, precision over the suggestions agents have decided, and their most common correction.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import type { RuleReportLine } from '../domain/enrichment/rules.ts';
import { rulesReport } from '../domain/enrichment/rules.ts';
import { resolveLookupHeaders } from '../lookups/http-lookup.ts';
import { openDatabase } from '../storage/database.ts';
import { createEnrichmentStore } from '../storage/enrichment-store.ts';
import { readEnrichmentFile } from './enrichment-file.ts';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

const pct = (p: number | null) => (p === null ? '—' : p.toFixed(2));

export function formatReport(lines: RuleReportLine[], days: number | null): string[] {
  const head = days === null ? 'all time' : `last ${days} day${days === 1 ? '' : 's'}`;
  if (lines.length === 0) return [`No rule fired and no template was suggested (${head}).`];
  const width = Math.max(4, ...lines.map((l) => l.source.length));
  const out = [
    `Rules and suggestions, ${head}. precision = kept / decided (decided: the agent kept or corrected it).`,
    `${'rule'.padEnd(width)}  fired  decided  kept  precision  most common correction`,
  ];
  for (const l of lines)
    out.push(
      `${l.source.padEnd(width)}  ${String(l.fired).padStart(5)}  ${String(l.decided).padStart(7)}  ${String(l.kept).padStart(4)}  ${pct(l.precision).padStart(9)}  ${l.topCorrection ? `${l.topCorrection.text} (${l.topCorrection.count})` : '—'}`,
    );
  return out;
}

export async function rulesCommand(
  args: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') {
    const { positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true });
    const path = positionals[0] ?? env.YORISOI_ENRICHMENT_FILE;
    if (!path) {
      io.err('error: rules check needs a FILE (or YORISOI_ENRICHMENT_FILE)');
      return 2;
    }
    const config = readEnrichmentFile(path);
    // Header variables must be set where yorisoi runs; their values are never printed.
    resolveLookupHeaders(config.lookups, env);
    io.out(`${path}: valid — ${config.lookups.length} lookup(s), ${config.rules.length} rule(s)`);
    for (const l of config.lookups)
      io.out(
        `  lookup ${l.name} (${l.type}, key ${l.key.from}, ${l.timeoutMs} ms${l.inboxes.length ? `, inboxes ${l.inboxes.join(',')}` : ''})`,
      );
    for (const r of config.rules) io.out(`  rule ${r.id}: ${Object.keys(r.do).join(', ')}`);
    return 0;
  }
  if (sub === 'report') {
    const { values } = parseArgs({
      args: rest,
      options: { days: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    const days = values.days === undefined ? null : Number(values.days);
    if (days !== null && !(Number.isInteger(days) && days > 0)) {
      io.err('error: --days must be a whole number above 0');
      return 2;
    }
    const config = loadConfig(env);
    const db = await openDatabase(config.databaseUrl);
    try {
      const since = days === null ? undefined : new Date(Date.now() - days * 86_400_000);
      const lines = rulesReport(await createEnrichmentStore(db, () => {}).history(since));
      if (values.json) io.out(JSON.stringify(lines));
      else for (const line of formatReport(lines, days)) io.out(line);
      return 0;
    } finally {
      await db.$disconnect();
    }
  }
  io.err('error: unknown rules command (use: rules check [FILE] | rules report [--days N] [--json])');
  return 2;
}
