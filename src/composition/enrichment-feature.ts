import { defaultEnrichmentConfig } from '../domain/enrichment/enrichment-config.ts';
import { createEnrichmentService, type EnrichmentService } from '../domain/enrichment/enrichment-service.ts';
import type { TemplateSuggester } from '../domain/enrichment/ports.ts';
import type { TemplateCatalog } from '../domain/templates/template-catalog.ts';
import type { Logger } from '../logger.ts';
import { createHttpLookupRunner, lookupSecretValues, resolveLookupHeaders } from '../lookups/http-lookup.ts';
import { maskSecrets } from '../lookups/lookup-values.ts';
import { createSqlLookupRunner } from '../lookups/sql-lookup.ts';
import { createEnrichmentStore } from '../storage/enrichment-store.ts';
import { createEnrichmentRenderer } from '../views/enrichment.ts';
import { createZendeskEnrichmentGateway } from '../zendesk/enrichment-gateway.ts';
import type { Feature } from './feature.ts';
import type { Platform } from './platform.ts';

export interface EnrichmentServices {
  service: EnrichmentService;
  /** A ticket seen for the first time: enrich it in the background (the thread never waits for it). */
  onNewTicket(zendeskId: string): void;
  /** A reply went out: learn from its templates and decide the ticket's suggestions (in the background). */
  onReplySent(zendeskId: string): void;
}

/**
 * Enrichment (issue 13): lookups per inbox (HTTP, SQL), rules, and suggested templates on every new ticket's
 * thread; what agents then send teaches the suggester and measures the rules (`yorisoi rules report`).
 * Header secrets are resolved here from the environment once and handed only to the HTTP adapter.
 */
export function wireEnrichment(
  platform: Platform,
  deps: { catalog: TemplateCatalog },
): Feature<EnrichmentServices, Record<string, never>> {
  const { logger, settings, background } = platform;
  const config = settings.enrichment?.config ?? defaultEnrichmentConfig();
  const env = settings.enrichment?.env ?? {};
  const headers = resolveLookupHeaders(config.lookups, env);
  const secrets = lookupSecretValues(config.lookups, env);
  const templates: TemplateSuggester = {
    async suggest(message, opts) {
      return deps.catalog.suggest(message, opts);
    },
    async get(id) {
      const t = await deps.catalog.get(id);
      return t ? { id: t.id, title: t.title, path: t.path, deleted: Boolean(t.deletedAt) } : null;
    },
    recordSent: (id, message) => deps.catalog.recordSent(id, message),
  };
  const log = masking(logger.child({ component: 'enrichment' }), secrets);
  const service = createEnrichmentService({
    config,
    store: createEnrichmentStore(platform.db, () => platform.outbox.wake()),
    zendesk: createZendeskEnrichmentGateway(platform.zendesk),
    runners: { http: createHttpLookupRunner({ headers, secrets }), sql: createSqlLookupRunner() },
    templates,
    renderer: createEnrichmentRenderer(settings.locale ?? 'ja'),
    logger: log,
  });
  const inBackground = (what: string, zendeskId: string, run: () => Promise<void>) =>
    background.track(run().catch((error: unknown) => log.warn(`${what} failed`, { zendeskId, error })));
  return {
    services: {
      service,
      onNewTicket: (zendeskId) => inBackground('enrichment', zendeskId, () => service.enrich(zendeskId)),
      onReplySent: (zendeskId) =>
        inBackground('reply learning', zendeskId, () => service.replySent(zendeskId)),
    },
    listeners: {},
  };
}

export type EnrichmentFeature = ReturnType<typeof wireEnrichment>;

/** A logger that masks the lookups' header secrets in every line it writes (besides the root logger's own list). */
function masking(logger: Logger, secrets: string[]): Logger {
  if (secrets.length === 0) return logger;
  const clean = (fields?: Record<string, unknown>) => {
    if (!fields) return fields;
    const text = JSON.stringify(fields, (_k, v: unknown) =>
      v instanceof Error ? { type: v.name, message: v.message, code: (v as { code?: unknown }).code } : v,
    );
    return JSON.parse(maskSecrets(text, secrets)) as Record<string, unknown>;
  };
  const m = (msg: string) => maskSecrets(msg, secrets);
  return {
    debug: (msg, fields) => logger.debug(m(msg), clean(fields)),
    info: (msg, fields) => logger.info(m(msg), clean(fields)),
    warn: (msg, fields) => logger.warn(m(msg), clean(fields)),
    error: (msg, fields) => logger.error(m(msg), clean(fields)),
    child: (fields) => masking(logger.child(clean(fields) ?? {}), secrets),
    isLevelEnabled: logger.isLevelEnabled?.bind(logger),
  };
}
