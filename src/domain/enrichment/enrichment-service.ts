import type { Logger } from '../../logger.ts';
import type { OutboxEffect } from '../outbox/outbox.ts';
import type { EnrichmentConfig, LookupConfig } from './enrichment-config.ts';
import type {
  EnrichmentRenderer,
  EnrichmentStore,
  EnrichmentTicket,
  EnrichmentZendesk,
  Fact,
  LookupOutcome,
  LookupRunner,
  SuggestedTemplate,
  TemplateSuggester,
} from './ports.ts';
import { evaluateRules, flagTag, rulesReport } from './rules.ts';

export const SUGGESTER_SOURCE = 'templates';

/**
 * Enrichment of a new ticket (issue 13): the configured lookups of its inbox, the rules, and template
 * suggestions from the customer's own words, posted into the ticket's thread (after the root, through the
 * outbox) and, if configured, as one internal note on the Zendesk ticket. Lookups that are slow, fail or
 * find nothing are said as such; nothing here ever holds up the thread (it runs after the sync committed).
 */
export function createEnrichmentService(deps: {
  config: EnrichmentConfig;
  store: EnrichmentStore;
  zendesk: EnrichmentZendesk;
  runners: Record<LookupConfig['type'], LookupRunner>;
  templates: TemplateSuggester;
  renderer: EnrichmentRenderer;
  logger: Logger;
}) {
  const { config, store, zendesk, renderer, logger } = deps;

  function keyOf(l: LookupConfig, t: EnrichmentTicket, fields: Record<string, string>): string | null {
    switch (l.key.from) {
      case 'email':
        return t.requester.email;
      case 'zendesk_user_id':
        return t.requester.zendeskUserId;
      case 'external_id':
        return t.requester.externalId;
      case 'custom_field':
        return fields[l.key.fieldId] ?? null;
    }
  }

  async function runLookup(l: LookupConfig, key: string | null): Promise<LookupOutcome> {
    if (!key) return { name: l.name, status: 'no_key', from: l.key.from };
    try {
      return await deps.runners[l.type].run(l, key);
    } catch (error) {
      // Adapters answer with outcomes; this is a bug guard that says only the error's kind.
      return { name: l.name, status: 'error', detail: (error as Error).name || 'error' };
    }
  }

  const noteWanted = (inboxId: string | null) =>
    config.internalNote === true ||
    (Array.isArray(config.internalNote) && inboxId !== null && config.internalNote.includes(inboxId));

  async function enrich(zendeskId: string): Promise<void> {
    const t = await store.ticket(zendeskId);
    if (!t) return;
    if (!(await store.begin(zendeskId))) return;
    const lookups = config.lookups.filter(
      (l) => l.inboxes.length === 0 || (t.inboxId && l.inboxes.includes(t.inboxId)),
    );
    const needFields =
      lookups.some((l) => l.key.from === 'custom_field') || config.rules.some((r) => r.when.fields);
    const fields = needFields
      ? await zendesk.customFields(zendeskId).catch((error: unknown) => {
          logger.warn('could not read the ticket custom fields', { zendeskId, error });
          return {} as Record<string, string>;
        })
      : {};
    const outcomes = await Promise.all(lookups.map((l) => runLookup(l, keyOf(l, t, fields))));
    for (const o of outcomes)
      if (o.status !== 'ok')
        logger.info('lookup gave no facts', { zendeskId, lookup: o.name, status: o.status });
    const facts: Fact[] = outcomes.flatMap((o) => (o.status === 'ok' ? o.facts : []));
    await store.saveFacts(zendeskId, facts);

    const firings = evaluateRules(config.rules, t, fields, facts);
    const tags = [
      ...new Set(
        firings.flatMap((f) =>
          f.action === 'tag' ? [f.value] : f.action === 'flag' ? [flagTag(f.value)] : [],
        ),
      ),
    ].filter((x) => !t.tags.includes(x));
    if (tags.length > 0)
      await zendesk.addTags(zendeskId, tags).catch((error: unknown) => {
        logger.warn('could not add the rules\u2019 tags', { zendeskId, error });
      });

    const suggestions = config.suggestions.enabled ? await suggest(t, firings) : [];
    await store.record([
      ...firings.map((f) => ({
        ticketZendeskId: zendeskId,
        source: f.rule,
        action: f.action,
        value: f.value,
      })),
      ...suggestions
        .filter((s) => !s.rule)
        .map((s) => ({
          ticketZendeskId: zendeskId,
          source: SUGGESTER_SOURCE,
          action: 'template' as const,
          value: s.id,
        })),
    ]);

    if (t.channelId) {
      const effects: OutboxEffect[] = [];
      const visibleFirings = firings.filter((f) => f.action !== 'template');
      if (outcomes.length > 0 || visibleFirings.length > 0)
        effects.push({
          kind: 'post_in_thread',
          key: `enrich-facts:${zendeskId}`,
          channelId: t.channelId,
          ticketId: t.ticketId,
          message: renderer.facts({ outcomes, firings: visibleFirings }),
        });
      if (suggestions.length > 0)
        effects.push({
          kind: 'post_in_thread',
          key: `enrich-suggest:${zendeskId}`,
          channelId: t.channelId,
          ticketId: t.ticketId,
          message: renderer.suggestions(suggestions),
        });
      if (effects.length) await store.enqueue(effects);
    }
    if (outcomes.length > 0 && noteWanted(t.inboxId)) await writeNote(zendeskId, outcomes);
  }

  async function suggest(
    t: EnrichmentTicket,
    firings: ReturnType<typeof evaluateRules>,
  ): Promise<SuggestedTemplate[]> {
    const limit = config.suggestions.limit;
    const out: SuggestedTemplate[] = [];
    for (const f of firings) {
      if (f.action !== 'template' || out.some((s) => s.id === f.value)) continue;
      const found = await deps.templates.get(f.value);
      if (found && !found.deleted)
        out.push({ id: found.id, title: found.title, path: found.path, rule: f.rule });
    }
    const text = t.firstMessage.trim() || t.subject;
    if (out.length < limit && text.trim()) {
      const hits = await deps.templates.suggest(text, { limit }).catch((error: unknown) => {
        logger.warn('template suggestions failed', { zendeskId: t.zendeskId, error });
        return [];
      });
      for (const h of hits) if (out.length < limit && !out.some((s) => s.id === h.id)) out.push(h);
    }
    return out.slice(0, limit);
  }

  /** One internal note per ticket: stored once posted, looked up by key if a crash left it in doubt. */
  async function writeNote(zendeskId: string, outcomes: LookupOutcome[]) {
    if (await store.noteCommentId(zendeskId)) return;
    const key = `enrich-note:${zendeskId}`;
    try {
      const existing = await zendesk.findNote(zendeskId, key);
      const id = existing ?? (await zendesk.postNote(zendeskId, renderer.note(outcomes), key));
      if (id) await store.setNoteCommentId(zendeskId, id);
    } catch (error) {
      logger.warn('could not write the facts as an internal note', { zendeskId, error });
    }
  }

  /**
   * After a reply went out: templates it used teach the suggester (similar inquiries rank them higher) and
   * decide the ticket's template suggestions (used → kept; another template or none → corrected).
   */
  async function replySent(zendeskId: string): Promise<void> {
    const sends = await store.unseenSends(zendeskId);
    if (sends.length === 0) return;
    const t = await store.ticket(zendeskId);
    const text = t ? t.firstMessage.trim() || t.subject : '';
    const history = (await store.history()).filter(
      (r) => r.ticketZendeskId === zendeskId && r.action === 'template',
    );
    for (const send of sends) {
      if (send.public) {
        for (const id of send.templateIds) if (text) await deps.templates.recordSent(id, text);
        for (const r of history) {
          if (r.outcome) continue;
          const used = send.templateIds.includes(r.value);
          const other = send.templateIds.find(
            (id) => !history.some((h) => h.source === r.source && h.value === id),
          );
          await store.decide(
            zendeskId,
            r.source,
            'template',
            r.value,
            used ? 'kept' : 'corrected',
            used ? null : other ? `used template ${other}` : 'replied without a template',
          );
        }
      }
      await store.markSendSeen(send.sendId);
    }
  }

  return {
    enrich,
    replySent,
    /** `yorisoi rules report`: each rule's firings, precision and most common correction since `since`. */
    async report(since?: Date) {
      return rulesReport(await store.history(since));
    },
  };
}

export type EnrichmentService = ReturnType<typeof createEnrichmentService>;
