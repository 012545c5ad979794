import { parseArgs } from 'node:util';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { toInboxes } from '../domain/inboxes/inbox-config.ts';
import { YorisoiError } from '../errors.ts';
import { configSecrets, createLogger, type Logger } from '../logger.ts';
import { lookupSecretValues } from '../lookups/http-lookup.ts';
import { readEnrichmentFile } from './enrichment-file.ts';
import { readInboxesFile } from './inboxes-file.ts';
import type { Io } from './io.ts';

// Commands load what they need when they run: `--help` or a bad argument should not pay for Bolt,
// Prisma and the simulators.
const lazy = {
  runtime: () => import('../composition/runtime.ts'),
  settings: () => import('../composition/settings.ts'),
  sandbox: () => import('../sandbox/sandbox.ts'),
  demo: () => import('../sandbox/demo.ts'),
  database: () => import('../storage/database.ts'),
  inboxStore: () => import('../storage/inbox-store.ts'),
  migrations: () => import('../storage/migrations.ts'),
  zendeskClient: () => import('../zendesk/zendesk-client.ts'),
  zendeskSetup: () => import('../zendesk/zendesk-setup.ts'),
  templates: () => import('./templates-command.ts'),
  rules: () => import('./rules-command.ts'),
  writingCheck: () => import('./writing-check-command.ts'),
  report: () => import('./report-command.ts'),
};

const HELP = `yorisoi — Zendesk tickets as Slack threads

Usage: yorisoi <command> [options]

  start                      run yorisoi on Slack and Zendesk (credentials from the environment; refuses without them)
  start --sandbox [--port N] = sandbox
  sandbox [--port N]         simulators + bot; control API at http://127.0.0.1:N/_sim/ (default N = PORT or 3000);
                             a fresh database each run (DATABASE_URL, default file:./.yorisoi/sandbox.db)
  demo [--save DIR]          run a scripted ticket through the sandbox, print the transcript (YORISOI_LOCALE:
                             ja, the default, or en), exit 0 on success; --save writes what Slack showed
                             (messages per channel, the draft editor, the send preview, the chart) to DIR
  db migrate                 apply pending migrations to DATABASE_URL
  db diff NAME               write prisma/migrations/<ts>_NAME (and its PostgreSQL twin in
                             prisma/migrations-postgres/) from changes to prisma/schema.prisma
  db copy --from URL --to URL
                             copy every row into a new, empty database (e.g. SQLite → PostgreSQL)
  zendesk setup --public-url URL
                             create the Zendesk webhook and trigger; prints ZENDESK_WEBHOOK_SECRET
  inboxes list               show routing rules
  inboxes load FILE          replace routing rules with FILE (YAML or JSON)
  inboxes add ID --channel C [--name N] [--brand B] [--group G] [--form F] [--tag T]... [--default]
  inboxes remove ID
  templates import FILE|--from-zendesk · export · search QUERY [--limit N] [--json] [--batch]
            duplicates [--json] · show ID [--diff V1 V2]   (yorisoi templates help: all of them)
  rules check [FILE]         validate the enrichment file (default YORISOI_ENRICHMENT_FILE), list lookups and rules
  rules report [--days N] [--json]
                             each rule's firings, precision and the agents' most common correction
  report weekly [--week 2026-W48] [--json]
                             team weekly report: response times in business hours, reopens, satisfaction
  check FILE [--name N] [--json]
                             Japanese writing check of a reply (宛名, placeholders, ら抜き …); exit 1 if blocking
  --help                     this text

Configuration comes from the environment; see README "Configuration" (HOST: bind address, default
0.0.0.0 for start and 127.0.0.1 for the sandbox).`;

/** What to do next, printed once the sandbox is ready. */
function nextSteps(simUrl: string): string {
  return [
    'Next:',
    `  • a customer writes in: curl -X POST ${simUrl}/_sim/zendesk/tickets -H 'content-type: application/json' \\`,
    `      -d '{"subject":"ログインできません","body":"パスワードを忘れました","requester":{"email":"hanako@example.com","name":"山田 花子"}}'`,
    `  • see it in Slack (#support): curl '${simUrl}/_sim/slack/messages?channel=C0SUPPORT'`,
    `  • everything the control API can do: curl ${simUrl}/_sim/`,
    '  • a scripted tour instead: yorisoi demo',
    '  • stop: Ctrl-C (the sandbox starts from an empty database on the next run)',
  ].join('\n');
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    const done = (signal: string) => resolve(signal);
    process.once('SIGINT', () => done('SIGINT'));
    process.once('SIGTERM', () => done('SIGTERM'));
  });
}

function loggerFor(config: Pick<Config, 'logLevel' | 'slack' | 'zendesk'> | null): Logger {
  return createLogger({
    level: config?.logLevel ?? 'info',
    secrets: configSecrets(config),
  });
}

async function runSandbox(config: Config, port: number, io: Io): Promise<number> {
  const logger = loggerFor(config);
  const [{ startSandbox }, { settingsFromConfig }] = await Promise.all([lazy.sandbox(), lazy.settings()]);
  const sandbox = await startSandbox({
    port,
    host: config.host,
    databaseUrl: config.databaseUrl,
    logger,
    configured: settingsFromConfig(config),
  });
  io.out(
    `yorisoi sandbox ready: control API ${sandbox.simUrl}/_sim/ · Slack API ${sandbox.simUrl}/api/ · Zendesk API ${sandbox.simUrl}/api/v2 · webhooks ${sandbox.appUrl}/zendesk/webhook`,
  );
  io.out(nextSteps(sandbox.simUrl));
  const signal = await waitForSignal();
  logger.info('stopping', { signal });
  await sandbox.stop();
  return 0;
}

/** `yorisoi sandbox [--port N]` = `yorisoi start --sandbox [--port N]`: the simulators, whatever is configured. */
async function sandboxCommand(
  args: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, sandbox: { type: 'boolean' } },
    strict: true,
  });
  const config = loadConfig({
    ...env,
    SLACK_BOT_TOKEN: '',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    ZENDESK_SUBDOMAIN: '',
    ZENDESK_EMAIL: '',
    ZENDESK_API_TOKEN: '',
    ZENDESK_API_URL: '',
    // The sandbox keeps its own database, away from a real one (see sandboxDatabase).
    DATABASE_URL: env.DATABASE_URL || 'file:./.yorisoi/sandbox.db',
  });
  const port = values.port === undefined ? config.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`error: --port must be a port number (0-65535), got "${values.port}"`);
    return 2;
  }
  const { freshSandboxDatabase } = await lazy.sandbox();
  const fresh = await freshSandboxDatabase(config.databaseUrl);
  if (!fresh.ok) {
    io.err(`error: ${fresh.problem}`);
    return 2;
  }
  return runSandbox(config, port, io);
}

export async function runCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return command ? 0 : 2;
  }
  try {
    switch (command) {
      case 'start': {
        const { values } = parseArgs({
          args: rest,
          options: { sandbox: { type: 'boolean' }, port: { type: 'string' } },
          strict: true,
        });
        if (values.sandbox) return await sandboxCommand(rest, env, io);
        const config = loadConfig(env);
        if (config.mode === 'simulated') {
          // A deploy that lost its secrets must not look healthy on fake data.
          io.err(
            'error: no Slack or Zendesk credentials: set SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_APP_TOKEN (Socket Mode), ZENDESK_SUBDOMAIN, ZENDESK_EMAIL, ZENDESK_API_TOKEN and ZENDESK_WEBHOOK_SECRET (README "Connect a real workspace"), or try yorisoi on the built-in simulators with `yorisoi start --sandbox`.',
          );
          return 2;
        }
        const enrichment = config.enrichmentFile ? readEnrichmentFile(config.enrichmentFile) : undefined;
        const logger = createLogger({
          level: config.logLevel,
          secrets: [...configSecrets(config), ...lookupSecretValues(enrichment?.lookups ?? [], env)],
        });
        const slack = config.slack!;
        const [{ createRuntime }, { settingsFromConfig, liveConnections }] = await Promise.all([
          lazy.runtime(),
          lazy.settings(),
        ]);
        const runtime = await createRuntime({
          ...settingsFromConfig(config),
          ...liveConnections(config),
          inboxes: config.inboxesFile ? readInboxesFile(config.inboxesFile) : undefined,
          enrichment: enrichment ? { config: enrichment, env } : undefined,
          logger,
        });
        const url = await runtime.start();
        io.out(
          `yorisoi running: webhooks at ${url}/zendesk/webhook${slack.mode === 'http' ? `, Slack requests at ${url}/slack/events` : ', Slack over Socket Mode'}`,
        );
        await waitForSignal();
        await runtime.stop();
        return 0;
      }
      case 'sandbox':
        return await sandboxCommand(rest, env, io);
      case 'demo': {
        const level = (env.LOG_LEVEL as 'debug' | 'info' | 'warn' | 'error' | undefined) ?? 'warn';
        const locale = env.YORISOI_LOCALE?.trim() || 'ja';
        if (locale !== 'ja' && locale !== 'en') {
          io.err(`error: YORISOI_LOCALE must be ja or en, got "${locale}"`);
          return 2;
        }
        const save = rest.indexOf('--save');
        const saveDir = save >= 0 ? rest[save + 1] : undefined;
        if (save >= 0 && !saveDir) {
          io.err('error: --save needs a folder: yorisoi demo --save DIR');
          return 2;
        }
        const { runDemo } = await lazy.demo();
        return runDemo(io.out, createLogger({ level }), locale, { saveDir });
      }
      case 'db': {
        const [sub, name] = rest;
        if (sub === 'copy') return (await import('./db-copy-command.ts')).runDbCopy(rest.slice(1), io);
        const config = loadConfig(env);
        const { applyMigrations, createMigration } = await lazy.migrations();
        if (sub === 'migrate') {
          const applied = await applyMigrations(config.databaseUrl);
          io.out(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
          return 0;
        }
        if (sub === 'diff') {
          if (!name) {
            io.err('error: db diff needs a NAME, e.g. `yorisoi db diff add_templates`');
            return 2;
          }
          const dirs = await (await import('./db-diff-command.ts')).createMigrationsForBothStores(
            name,
            createMigration,
            io,
          );
          io.out(
            dirs.length
              ? dirs.map((d) => `wrote ${d}/migration.sql`).join('\n')
              : 'schema.prisma and the migrations agree: nothing to write',
          );
          return 0;
        }
        io.err(`error: unknown db command "${sub ?? ''}" (use: db migrate | db diff NAME | db copy)`);
        return 2;
      }
      case 'zendesk': {
        const [sub, ...args] = rest;
        if (sub !== 'setup') {
          io.err(`error: unknown zendesk command "${sub ?? ''}" (use: zendesk setup --public-url URL)`);
          return 2;
        }
        const { values } = parseArgs({ args, options: { 'public-url': { type: 'string' } }, strict: true });
        const config = loadConfig({
          ...env,
          ZENDESK_WEBHOOK_SECRET: env.ZENDESK_WEBHOOK_SECRET || 'not-yet-created',
        });
        const publicUrl = values['public-url'] ?? config.publicUrl;
        if (!config.zendesk) {
          io.err(
            'error: ZENDESK_SUBDOMAIN, ZENDESK_EMAIL and ZENDESK_API_TOKEN must be set for zendesk setup',
          );
          return 2;
        }
        if (!publicUrl || !/^https?:\/\//.test(publicUrl)) {
          io.err('error: --public-url (or PUBLIC_URL) must be the https URL where Zendesk can reach yorisoi');
          return 2;
        }
        const [{ setupZendesk }, { createZendeskApi }] = await Promise.all([
          lazy.zendeskSetup(),
          lazy.zendeskClient(),
        ]);
        const r = await setupZendesk(createZendeskApi(config.zendesk), publicUrl);
        io.out(`webhook ${r.webhookId} ${r.webhookCreated ? 'created' : 'already present'} → ${r.endpoint}`);
        io.out(`trigger ${r.triggerId} fires it on every ticket create and update`);
        io.out("Set this in yorisoi's environment (it is shown once here and never logged):");
        io.out(`ZENDESK_WEBHOOK_SECRET=${r.signingSecret}`);
        return 0;
      }
      case 'inboxes':
        return await inboxesCommand(rest, env, io);
      case 'templates':
        return await (await lazy.templates()).templatesCommand(rest, env, io);
      case 'rules':
        return await (await lazy.rules()).rulesCommand(rest, env, io);
      case 'report':
        return await (await lazy.report()).reportCommand(rest, env, io);
      case 'check':
        return await (await lazy.writingCheck()).checkCommand(rest, io);
      default:
        io.err(`error: unknown command "${command}". Run \`yorisoi --help\`.`);
        return 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof YorisoiError) {
      io.err(`error: ${error.message}`);
      return 1;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(error as Error).message}`);
      return 2;
    }
    io.err(`error: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

async function inboxesCommand(
  args: string[],
  env: Record<string, string | undefined>,
  io: Io,
): Promise<number> {
  const [sub, ...rest] = args;
  const config = loadConfig(env);
  // Validate a file before opening the database, so a bad file fails fast and changes nothing.
  const fromFile = sub === 'load' && rest[0] ? readInboxesFile(rest[0]) : undefined;
  const [{ openDatabase }, { createInboxStore }] = await Promise.all([lazy.database(), lazy.inboxStore()]);
  const db = await openDatabase(config.databaseUrl);
  try {
    const store = createInboxStore(db);
    if (sub === 'list' || sub === undefined) {
      const inboxes = await store.list();
      if (inboxes.length === 0)
        io.out('no inboxes (add one with `yorisoi inboxes add` or `yorisoi inboxes load FILE`)');
      for (const i of inboxes) {
        const rule = [
          i.brand && `brand=${i.brand}`,
          i.group && `group=${i.group}`,
          i.formId && `form=${i.formId}`,
          i.tags.length && `tags=${i.tags.join(',')}`,
        ]
          .filter(Boolean)
          .join(' ');
        io.out(`${i.id}\t${i.channelId}\t${i.isDefault ? 'default' : rule || '(no condition)'}\t${i.name}`);
      }
      return 0;
    }
    if (sub === 'load') {
      if (!rest[0]) {
        io.err('error: inboxes load needs a FILE');
        return 2;
      }
      const inboxes = fromFile ?? [];
      await store.replaceAll(inboxes);
      io.out(`loaded ${inboxes.length} inboxes from ${rest[0]}`);
      return 0;
    }
    if (sub === 'add') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          channel: { type: 'string' },
          name: { type: 'string' },
          brand: { type: 'string' },
          group: { type: 'string' },
          form: { type: 'string' },
          tag: { type: 'string', multiple: true },
          default: { type: 'boolean' },
        },
      });
      const existing = await store.list();
      const [inbox] = toInboxes({
        inboxes: [
          {
            id: positionals[0],
            channel: values.channel,
            name: values.name,
            brand: values.brand,
            group: values.group,
            form: values.form,
            tags: values.tag ?? [],
            default: values.default ?? false,
          },
        ],
      });
      await store.upsert({
        ...inbox!,
        position: inbox!.isDefault ? 1000 : (existing.filter((i) => !i.isDefault).length + 1) * 10,
      });
      io.out(`inbox ${inbox!.id} → ${inbox!.channelId} saved`);
      return 0;
    }
    if (sub === 'remove') {
      if (!rest[0]) {
        io.err('error: inboxes remove needs an ID');
        return 2;
      }
      if (!(await store.remove(rest[0]))) {
        io.err(`error: no inbox "${rest[0]}"`);
        return 1;
      }
      io.out(`inbox ${rest[0]} removed`);
      return 0;
    }
    io.err(
      `error: unknown inboxes command "${sub}" (use: list | load FILE | add ID --channel C | remove ID)`,
    );
    return 2;
  } finally {
    await db.$disconnect();
  }
}
