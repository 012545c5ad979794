import { defaultEnrichmentConfig, type HttpLookupConfig } from '../domain/enrichment/enrichment-config.ts';
import { createEnrichmentService, type EnrichmentService } from '../domain/enrichment/enrichment-service.ts';
import type { TemplateSuggester } from '../domain/enrichment/ports.ts';
import type { TemplateCatalog } from '../domain/templates/template-catalog.ts';
import { createHttpLookupRunner, resolveLookupHeaders } from '../lookups/http-lookup.ts';
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
  const secrets = config.lookups
    .flatMap((l) =>
      l.type === 'http'
        ? Object.entries((l as HttpLookupConfig).headers).flatMap(([name, h]) =>
            'env' in h ? [headers.get(l.name)?.[name] ?? '', env[h.env] ?? ''] : [],
          )
        : [],
    )
    .filter((s) => s.length > 0);
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
  const log = logger.child({ component: 'enrichment' });
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
