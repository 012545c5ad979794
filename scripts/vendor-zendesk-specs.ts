/**
 * Copies the parts of Zendesk's OpenAPI documents that the simulator's contract test checks against into
 * tests/fixtures/zendesk-specs/, so the test runs on a clone without ../shared: for each endpoint yorisoi
 * calls, its documented success responses, plus every component schema they reference (transitively).
 * Sources and terms: ../shared/specs/zendesk/README.md (internal test data; do not republish).
 * Run: npx tsx scripts/vendor-zendesk-specs.ts [SPECS_DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ZENDESK_CONTRACT_ENDPOINTS } from '../tests/fixtures/zendesk-specs/endpoints.ts';

type Json = Record<string, unknown>;
const root = fileURLToPath(new URL('..', import.meta.url));
const from = process.argv[2] ?? path.join(root, '..', 'shared', 'specs', 'zendesk');
const to = path.join(root, 'tests', 'fixtures', 'zendesk-specs');
mkdirSync(to, { recursive: true });

function vendor(file: string, prefix: string, out: string) {
  const doc = parse(readFileSync(path.join(from, file), 'utf8'), { maxAliasCount: -1 }) as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = ((doc.components as Json)?.schemas ?? {}) as Record<string, Json>;
  const kept: Record<string, Record<string, Json>> = {};
  const needed = new Set<string>();
  const collect = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
          const name = v.slice('#/components/schemas/'.length);
          if (!needed.has(name)) {
            needed.add(name);
            collect(schemas[name]);
          }
        } else if (k !== 'example' && k !== 'examples') collect(v);
      }
    }
  };
  for (const { method, path: p, spec } of ZENDESK_CONTRACT_ENDPOINTS) {
    if (spec !== file) continue;
    const operation = paths[p.slice(prefix.length)]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${method} ${p} is not in ${file}`);
    const responses: Record<string, Json> = {};
    for (const [status, response] of Object.entries((operation.responses ?? {}) as Record<string, Json>)) {
      const schema = (response.content as Record<string, Json> | undefined)?.['application/json']?.schema;
      responses[status] = schema ? { schema } : {};
      collect(schema);
    }
    kept[p] = { ...kept[p], [method.toLowerCase()]: { operationId: operation.operationId, responses } };
  }
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value)
          // Annotations only: a property *named* description (an object) stays.
          .filter(
            ([k, v]) =>
              !((k === 'example' || k === 'examples' || k === 'description') && typeof v !== 'object') &&
              k !== 'examples',
          )
          .map(([k, v]) => [k, strip(v)]),
      );
    return value;
  };
  const components = Object.fromEntries([...needed].sort().map((n) => [n, strip(schemas[n])]));
  const info = doc.info as Json;
  writeFileSync(
    path.join(to, out),
    `${JSON.stringify({ source: file, info: { title: info.title, version: info.version }, paths: strip(kept), components: { schemas: components } }, null, 1)}\n`,
  );
  console.log(`${out}: ${Object.keys(kept).length} paths, ${needed.size} schemas`);
}

vendor('zendesk_support_oas.yaml', '', 'support-api.json');
vendor('zendesk_webhooks_api.botbrains.yaml', '/api/v2', 'webhooks-api.json');
