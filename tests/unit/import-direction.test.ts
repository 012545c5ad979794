import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layout's rules, read from the import statements of every file in src/ (docs/architecture.md).
 * Imports flow one way: listeners → domain ← adapters; composition, the CLI and the sandbox sit outside
 * and may use everything below them. Type-only imports count: they are dependencies too.
 */

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Which layer a path under src/ belongs to (the first folder, or the file at the top level). */
const LAYER_OF_FOLDER: Record<string, string> = {
  commands: 'listeners',
  actions: 'listeners',
  events: 'listeners',
  shortcuts: 'listeners',
  submissions: 'listeners',
  listeners: 'listeners',
  views: 'views',
  domain: 'domain',
  storage: 'adapters',
  zendesk: 'adapters',
  slack: 'adapters',
  search: 'adapters',
  charts: 'adapters',
  http: 'adapters',
  lookups: 'adapters',
  composition: 'composition',
  cli: 'cli',
  sandbox: 'sandbox',
  sim: 'sim',
  generated: 'generated',
  /** The message catalog, shared like the logger: views, listeners and adapters use it. */
  i18n: 'shared',
};
const TOP_LEVEL_FILES: Record<string, string> = {
  'main.ts': 'entry',
  'config.ts': 'shared',
  'logger.ts': 'shared',
  'errors.ts': 'shared',
};

/** layer → the layers it may import (its own layer is always allowed). */
const MAY_IMPORT: Record<string, string[]> = {
  shared: ['domain'],
  domain: ['shared'],
  views: ['domain', 'shared'],
  listeners: ['domain', 'views', 'shared'],
  adapters: ['domain', 'shared', 'generated'],
  composition: ['listeners', 'views', 'domain', 'adapters', 'shared'],
  cli: ['composition', 'sandbox', 'domain', 'adapters', 'shared'],
  sandbox: ['composition', 'sim', 'views', 'domain', 'adapters', 'shared'],
  sim: ['adapters', 'shared'],
  entry: ['cli'],
  generated: [],
};

/** Packages that belong to an adapter (or to the listeners, for Slack); the domain and views never import them. */
const INFRASTRUCTURE_PACKAGES = [
  /^@slack\//,
  /^@prisma\//,
  /^better-sqlite3$/,
  /^node-zendesk$/,
  /^@orama\//,
  /^kuromoji$/,
  /^pngjs$/,
];
/** `@slack/types` is types alone (no runtime code): the outbox's `SlackMessage` and the views carry its blocks. */
const TYPES_ONLY = /^@slack\/types$/;
const PACKAGE_RULES: Record<string, RegExp[]> = {
  domain: INFRASTRUCTURE_PACKAGES,
  views: INFRASTRUCTURE_PACKAGES,
  listeners: INFRASTRUCTURE_PACKAGES.filter((p) => !p.test('@slack/bolt')),
};
/** Adapter folders stay apart: each uses the domain, not another adapter (the poller does not read storage/). */
const ADAPTERS_ARE_SEPARATE = true;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports or re-exports, statically or with import(). */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^;'"]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]!);
  return found;
}

function locate(file: string): { layer: string; folder: string } {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  if (rest.length === 0)
    return { layer: TOP_LEVEL_FILES[first!] ?? `unknown top-level file ${first}`, folder: first! };
  return { layer: LAYER_OF_FOLDER[first!] ?? `unknown folder ${first}`, folder: first! };
}

/** The forbidden edges among `files` (path → text), as "from → to (why)" lines. */
function forbiddenImports(files: Array<{ file: string; text: string }>): string[] {
  const problems: string[] = [];
  for (const { file, text } of files) {
    const from = locate(file);
    const where = path.relative(SRC, file);
    for (const spec of importsOf(text)) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(SRC + path.sep)) continue;
        const to = locate(target);
        const allowed =
          to.layer === from.layer
            ? !(ADAPTERS_ARE_SEPARATE && from.layer === 'adapters' && to.folder !== from.folder)
            : (MAY_IMPORT[from.layer] ?? []).includes(to.layer);
        if (!allowed)
          problems.push(
            `${where} → ${path.relative(SRC, target)} (${from.layer} may not import ${to.layer === from.layer ? `another adapter, ${to.folder}/` : to.layer})`,
          );
      } else {
        const banned = !TYPES_ONLY.test(spec) && (PACKAGE_RULES[from.layer] ?? []).find((p) => p.test(spec));
        if (banned) problems.push(`${where} → ${spec} (${from.layer} may not import ${spec})`);
      }
    }
  }
  return problems;
}

const files = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

describe('import direction', () => {
  it('every import in src/ follows the layer rules', () => {
    expect(forbiddenImports(files)).toEqual([]);
  });

  it('catches a forbidden edge (the rule itself works)', () => {
    const domainFile = path.join(SRC, 'domain/tickets/ticket-sync.ts');
    const viewFile = path.join(SRC, 'views/ticket-thread.ts');
    const pollerFile = path.join(SRC, 'zendesk/incremental-poller.ts');
    expect(
      forbiddenImports([
        { file: domainFile, text: "import { createTicketStore } from '../../storage/ticket-store.ts';" },
        { file: domainFile, text: "import type {\n  WebClient,\n} from '@slack/web-api';" },
        { file: domainFile, text: "const v = await import('../../views/ticket-thread.ts');" },
        { file: viewFile, text: "import type { AppDeps } from '../listeners/listener-deps.ts';" },
        { file: pollerFile, text: "import type { Db } from '../storage/database.ts';" },
      ]),
    ).toEqual([
      'domain/tickets/ticket-sync.ts → storage/ticket-store.ts (domain may not import adapters)',
      'domain/tickets/ticket-sync.ts → @slack/web-api (domain may not import @slack/web-api)',
      'domain/tickets/ticket-sync.ts → views/ticket-thread.ts (domain may not import views)',
      'views/ticket-thread.ts → listeners/listener-deps.ts (views may not import listeners)',
      'zendesk/incremental-poller.ts → storage/database.ts (adapters may not import another adapter, storage/)',
    ]);
  });

  it('no file imports itself through a cycle (type-only imports included; the simulators aside)', () => {
    const graph = new Map<string, string[]>();
    for (const { file, text } of files) {
      if (locate(file).layer === 'sim') continue;
      const deps = importsOf(text)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.resolve(path.dirname(file), spec));
      graph.set(file, deps);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string) => {
      state.set(node, 'open');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'open')
          cycles.push(
            [...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(SRC, f)).join(' → '),
          );
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});

describe('layout', () => {
  it('the top of src/ holds only the entry, config, logger and errors', () => {
    const top = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    expect(top).toEqual(Object.keys(TOP_LEVEL_FILES).sort());
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !(f in LAYER_OF_FOLDER))).toEqual([]);
  });

  it('no two files in different layers share a name (the simulators are a world of their own)', () => {
    const byName = new Map<string, string[]>();
    for (const { file } of files) {
      const name = path.basename(file);
      // index.ts and ports.ts exist once per folder by design.
      if (locate(file).layer === 'sim' || name === 'index.ts' || name === 'ports.ts') continue;
      byName.set(name, [...(byName.get(name) ?? []), file]);
    }
    const clashes = [...byName.entries()]
      .filter(([, paths]) => new Set(paths.map((p) => locate(p).layer)).size > 1)
      .map(([name, paths]) => `${name}: ${paths.map((p) => path.relative(SRC, p)).join(', ')}`);
    expect(clashes).toEqual([]);
  });
});
