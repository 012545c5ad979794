import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type EnrichmentConfig, toEnrichmentConfig } from '../domain/enrichment/enrichment-config.ts';
import { YorisoiError } from '../errors.ts';

/** Reads the enrichment file (YAML or JSON; README "Lookups, rules and suggestions"). */
export function readEnrichmentFile(path: string): EnrichmentConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new YorisoiError('enrichment_file_invalid', `cannot read ${path}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new YorisoiError(
      'enrichment_file_invalid',
      `${path} is not valid YAML/JSON: ${(error as Error).message}`,
    );
  }
  return toEnrichmentConfig(data);
}
