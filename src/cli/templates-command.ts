import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openTemplateCatalog } from '../composition/open-template-catalog.ts';
import { type Config, loadConfig } from '../config.ts';
import { describeIssues, isUnder, normalizePath, templateInputSchema } from '../domain/templates/template.ts';
import type { ImportReport, SourceRow, TemplateCatalog } from '../domain/templates/template-catalog.ts';
import { YorisoiError } from '../errors.ts';
import { configSecrets, createLogger } from '../logger.ts';
import { type Db, openDatabase } from '../storage/database.ts';
import { createKeyValueStore } from '../storage/key-value-store.ts';
import { exportTemplatesToZendesk } from '../zendesk/macro-export.ts';
import { zendeskMacroRows } from '../zendesk/macro-source.ts';
import { createZendeskApi } from '../zendesk/zendesk-client.ts';
import type { Io } from './io.ts';
import { detectFormat, exportText, readTemplateSource, writeTemplateExport } from './template-files.ts';
import { SUGGEST_HELP_LINES, suggestCommand } from './templates-suggest-command.ts';

export const TEMPLATES_HELP = `yorisoi templates — the shared reply templates

  templates import FILE|DIR [--format jsonl|csv|md]   import by each record's own id (re-import updates)
  templates import --from-zendesk                    import the active Zendesk macros
  templates export [FILE|DIR] [--format jsonl|csv|md] [--folder F]  export (no target: JSONL on standard output)
  templates export --to-zendesk [--folder F]          create/update Zendesk macros (title = folder::…::title)
  templates search QUERY [--limit N] [--json] [--folder F] [--product P] [--tag T]
  templates search --batch [--limit N]                one query a line from standard input, one JSON array a line
${SUGGEST_HELP_LINES.join('\n')}
  templates duplicates [--json]                       groups of near-duplicate templates
  templates show ID [--diff V1 V2] [--history]
  templates move ID FOLDER · delete ID · restore ID · reindex`;

type Env = Record<string, string | undefined>;

type TemplatesIo = Io;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function printReport(io: Io, source: string, report: ImportReport, ms: number) {
  io.out(
    `imported ${source}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped.length} skipped (${report.total} records in ${seconds(ms)})`,
  );
  for (const s of report.skipped) io.out(`  ${s.at}: skipped — ${s.reason}`);
}

async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) yield line;
}

export async function templatesCommand(args: string[], env: Env, io: TemplatesIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === 'help' || sub === '--help') {
    io.out(TEMPLATES_HELP);
    return sub ? 0 : 2;
  }
  const known = [
    'import',
    'export',
    'search',
    'suggest',
    'duplicates',
    'show',
    'move',
    'delete',
    'restore',
    'reindex',
  ];
  if (!known.includes(sub)) {
    io.err(`error: unknown templates command "${sub}" (use: ${known.join(' | ')})`);
    return 2;
  }
  // Templates never receive webhooks: a Zendesk connection for --from-zendesk needs no webhook secret.
  const config = loadConfig({
    ...env,
    ZENDESK_WEBHOOK_SECRET: env.ZENDESK_WEBHOOK_SECRET || 'not-needed-for-templates',
  });
  // Progress lines go to stderr and only when asked: other tools read stdout.
  const logger = createLogger({
    level: (env.LOG_LEVEL as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'warn',
    secrets: configSecrets(config),
  });
  const db = await openDatabase(config.databaseUrl);
  const catalog = openTemplateCatalog({ db, databaseUrl: config.databaseUrl, logger });
  try {
    const code = await run(sub, rest, catalog, io, config, db);
    await catalog.saveSnapshot();
    return code;
  } finally {
    await db.$disconnect();
  }
}

async function run(
  sub: string,
  rest: string[],
  catalog: TemplateCatalog,
  io: TemplatesIo,
  config: Config,
  db: Db,
): Promise<number> {
  switch (sub) {
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { format: { type: 'string' }, 'from-zendesk': { type: 'boolean' } },
      });
      const started = Date.now();
      let rows: Iterable<SourceRow> | AsyncIterable<SourceRow>;
      let source: string;
      if (values['from-zendesk']) {
        if (!config.zendesk) {
          io.err(
            'error: --from-zendesk needs ZENDESK_SUBDOMAIN (or ZENDESK_API_URL), ZENDESK_EMAIL and ZENDESK_API_TOKEN',
          );
          return 2;
        }
        rows = zendeskMacroRows(createZendeskApi(config.zendesk), {
          kv: createKeyValueStore(db),
          current: (id) => catalog.get(id),
        });
        source = 'Zendesk macros';
      } else {
        const target = positionals[0];
        if (!target) {
          io.err('error: templates import needs a FILE, a folder of Markdown files, or --from-zendesk');
          return 2;
        }
        const format = detectFormat(target, values.format);
        rows = readTemplateSource(target, format);
        source = `${target} (${format})`;
      }
      await catalog.ready();
      const report = await catalog.importRows(rows, values['from-zendesk'] ? 'import:zendesk' : 'import:cli');
      printReport(io, source, report, Date.now() - started);
      return 0;
    }
    case 'export': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          format: { type: 'string' },
          'to-zendesk': { type: 'boolean' },
          folder: { type: 'string' },
        },
      });
      const folder = values.folder === undefined ? '' : normalizePath(values.folder);
      const templates = (await catalog.listActive()).filter((t) => isUnder(t.path, folder));
      if (values['to-zendesk']) {
        if (!config.zendesk) {
          io.err(
            'error: --to-zendesk needs ZENDESK_SUBDOMAIN (or ZENDESK_API_URL), ZENDESK_EMAIL and ZENDESK_API_TOKEN',
          );
          return 2;
        }
        const started = Date.now();
        const r = await exportTemplatesToZendesk(
          createZendeskApi(config.zendesk),
          createKeyValueStore(db),
          templates,
        );
        io.out(
          `exported to Zendesk macros: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed.length} failed (${templates.length} templates in ${seconds(Date.now() - started)})`,
        );
        for (const f of r.failed) io.out(`  ${f.id}: failed — ${f.reason}`);
        return r.failed.length ? 1 : 0;
      }
      const target = positionals[0];
      if (!target || target === '-') {
        const format = detectFormat('-.jsonl', values.format);
        if (format === 'md') {
          io.err('error: a Markdown export needs a target folder');
          return 2;
        }
        const text = exportText(templates, format);
        io.out(text.replace(/\r?\n$/, ''));
        return 0;
      }
      const format = detectFormat(target, values.format);
      const files = writeTemplateExport(templates, target, format);
      io.err(
        `exported ${templates.length} templates to ${target} (${format}${format === 'md' ? `, ${files} files` : ''})`,
      );
      return 0;
    }
    case 'search': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          limit: { type: 'string' },
          json: { type: 'boolean' },
          batch: { type: 'boolean' },
          folder: { type: 'string' },
          product: { type: 'string' },
          tag: { type: 'string' },
        },
      });
      const limit = values.limit === undefined ? 10 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        io.err(`error: --limit must be a whole number from 1 to 1000, got "${values.limit}"`);
        return 2;
      }
      const filters = { folder: values.folder, product: values.product, tag: values.tag };
      const shape = (hits: Awaited<ReturnType<TemplateCatalog['search']>>) =>
        JSON.stringify(hits.map((h) => ({ id: h.id, title: h.title, path: h.path, score: h.score })));
      if (values.batch) {
        await catalog.ready();
        for await (const line of readLines(io.stdin ?? process.stdin))
          io.out(shape(await catalog.search(line, { limit, filters })));
        return 0;
      }
      const query = positionals.join(' ');
      if (query.trim() === '') {
        io.err('error: templates search needs a QUERY (or --batch to read queries from standard input)');
        return 2;
      }
      const hits = await catalog.search(query, { limit, filters });
      if (values.json) {
        io.out(shape(hits));
        return 0;
      }
      if (hits.length === 0) io.out(`no template matches "${query}"`);
      hits.forEach((h, i) => {
        io.out(`${i + 1}. ${h.id}  ${h.score.toFixed(3)}  ${h.path || '(root)'}`);
        io.out(`   ${h.title}`);
        io.out(`   ${h.snippet.replace(/\s+/g, ' ')}`);
      });
      return 0;
    }
    case 'suggest':
      return suggestCommand(rest, catalog, io);
    case 'duplicates': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
      const groups = await catalog.duplicateGroups();
      if (values.json) {
        io.out(JSON.stringify(groups.map((g) => ({ ids: g.ids }))));
        return 0;
      }
      if (groups.length === 0) io.out('no near-duplicate templates');
      const titles = new Map((await catalog.listActive()).map((t) => [t.id, t] as const));
      groups.forEach((g, i) => {
        io.out(`group ${i + 1} (${g.ids.length} templates):`);
        for (const id of g.ids)
          io.out(`  ${id}  ${titles.get(id)?.path ?? ''}  ${titles.get(id)?.title ?? ''}`);
      });
      return 0;
    }
    case 'show': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { diff: { type: 'boolean' }, history: { type: 'boolean' } },
      });
      const [id, ...more] = positionals;
      if (!id) {
        io.err('error: templates show needs an ID');
        return 2;
      }
      const t = await catalog.get(id);
      if (!t) throw new YorisoiError('template_not_found', `(${id})`);
      if (values.diff) {
        const [a, b] = more.map(Number);
        if (more.length !== 2 || !Number.isInteger(a) || !Number.isInteger(b)) {
          io.err('error: --diff needs two version numbers, e.g. `templates show ID --diff 1 2`');
          return 2;
        }
        const diff = await catalog.diff(id, a!, b!);
        if (!diff) throw new YorisoiError('template_not_found', `(${id} has versions 1 to ${t.version})`);
        io.out(
          `${id}: version ${a} (${diff.from.createdAt.toISOString()} ${diff.from.author ?? ''}) → version ${b} (${diff.to.createdAt.toISOString()} ${diff.to.author ?? ''})`,
        );
        if (diff.lines.length === 0) io.out('no differences');
        for (const line of diff.lines) io.out(line);
        return 0;
      }
      if (values.history) {
        for (const v of await catalog.versions(id))
          io.out(
            `v${v.version}  ${v.createdAt.toISOString()}  ${v.change}  ${v.author ?? ''}  ${v.path}  ${v.title}`,
          );
        return 0;
      }
      io.out(
        `${t.id} · version ${t.version} · ${t.path || '(root)'}${t.deletedAt ? ` · DELETED ${t.deletedAt.toISOString()}` : ''}`,
      );
      io.out(`title: ${t.title}`);
      if (t.tags.length) io.out(`tags: ${t.tags.join(', ')}`);
      if (t.product) io.out(`product: ${t.product}`);
      io.out(`updated: ${t.updatedAt.toISOString()}${t.author ? ` by ${t.author}` : ''}`);
      io.out('');
      io.out(t.body);
      return 0;
    }
    case 'move': {
      const [id, folder] = rest;
      if (!id || folder === undefined) {
        io.err('error: templates move needs an ID and a FOLDER');
        return 2;
      }
      const parsedPath = templateInputSchema.shape.path.safeParse(folder);
      if (!parsedPath.success) throw new YorisoiError('bad_input', describeIssues(parsedPath.error));
      const r = await catalog.move(id, parsedPath.data, 'cli');
      if (r.status !== 'saved') throw new YorisoiError('template_not_found', `(${id})`);
      io.out(`${id} → ${r.template.path || '(root)'} (version ${r.template.version})`);
      return 0;
    }
    case 'delete':
    case 'restore': {
      const [id] = rest;
      if (!id) {
        io.err(`error: templates ${sub} needs an ID`);
        return 2;
      }
      const t = sub === 'delete' ? await catalog.remove(id, 'cli') : await catalog.restore(id, 'cli');
      if (!t) throw new YorisoiError('template_not_found', `(${id})`);
      io.out(`${id} ${sub === 'delete' ? 'deleted (restore with `templates restore`)' : 'restored'}`);
      return 0;
    }
    case 'reindex': {
      const started = Date.now();
      const n = await catalog.reindex();
      await catalog.saveSnapshot(true);
      io.out(`indexed ${n} templates in ${seconds(Date.now() - started)}`);
      return 0;
    }
  }
  return 2;
}
