import type { KnownBlock } from '@slack/types';
import type {
  EnrichmentRenderer,
  LookupOutcome,
  RuleFiring,
  SuggestedTemplate,
} from '../domain/enrichment/ports.ts';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import { type Locale, translator } from '../i18n/index.ts';
import { button, context, plain, section } from './block-kit.ts';
import { ActionIds } from './ids.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/**
 * The thread messages of enrichment, in the workspace language: a compact facts block (one line per lookup,
 * its facts side by side; a lookup that timed out, failed or found nothing says so) with what the rules did,
 * and up to three suggested templates, each with "Copy into draft".
 */
export function createEnrichmentRenderer(locale: Locale): EnrichmentRenderer {
  const t = translator(locale);
  const lookupLine = (o: LookupOutcome): string => {
    const name = escapeMrkdwn(o.name);
    switch (o.status) {
      case 'ok':
        return `${t('enrich.lookup_ok', { name })}  ${o.facts
          .map((f) => `${escapeMrkdwn(f.label)}: *${escapeMrkdwn(truncate(f.value, 120))}*`)
          .join('  ·  ')}`;
      case 'empty':
        return t('enrich.lookup_empty', { name });
      case 'no_key':
        return t('enrich.lookup_no_key', { name, key: t(`enrich.key_${o.from}`) });
      case 'timeout':
        return t('enrich.lookup_timeout', { name, seconds: seconds(o.ms) });
      case 'error':
        return t('enrich.lookup_error', { name, detail: escapeMrkdwn(o.detail) });
      case 'refused':
        return t('enrich.lookup_refused', { name, detail: escapeMrkdwn(o.detail) });
    }
  };
  const firingLine = (f: RuleFiring): string => {
    const vars = { value: escapeMrkdwn(f.value), rule: escapeMrkdwn(f.rule) };
    return f.action === 'tag'
      ? t('enrich.rule_tag', vars)
      : f.action === 'flag'
        ? t('enrich.rule_flag', vars)
        : t('enrich.rule_route', vars);
  };
  const noteLine = (o: LookupOutcome): string => {
    switch (o.status) {
      case 'ok':
        return o.facts.map((f) => `${o.name} / ${f.label}: ${f.value}`).join('\n');
      case 'empty':
        return t('enrich.note_empty', { name: o.name });
      case 'no_key':
        return t('enrich.note_no_key', { name: o.name });
      case 'timeout':
        return t('enrich.note_timeout', { name: o.name, seconds: seconds(o.ms) });
      case 'error':
        return t('enrich.note_error', { name: o.name, detail: o.detail });
      case 'refused':
        return t('enrich.note_refused', { name: o.name, detail: o.detail });
    }
  };
  return {
    facts({ outcomes, firings }): SlackMessage {
      const lines = [...outcomes.map(lookupLine), ...firings.map(firingLine)];
      const blocks: KnownBlock[] = [context(t('enrich.facts_title')), section(lines.join('\n'))];
      return { text: t('enrich.facts_fallback'), blocks };
    },
    suggestions(templates: SuggestedTemplate[]): SlackMessage {
      const blocks: KnownBlock[] = [context(t('enrich.suggest_title'))];
      templates.slice(0, 3).forEach((s, i) => {
        const where = [
          s.path ? `:file_folder: ${escapeMrkdwn(s.path)}` : '',
          s.rule ? t('enrich.suggest_by_rule', { rule: escapeMrkdwn(s.rule) }) : '',
        ]
          .filter(Boolean)
          .join('  ·  ');
        blocks.push(
          section(`*${escapeMrkdwn(truncate(s.title, 150))}*${where ? `\n${where}` : ''}`, {
            accessory: button(ActionIds.templateCopyIntoDraft, plain(t('enrich.copy_into_draft')), {
              value: JSON.stringify({ id: s.id }),
              ...(i === 0 ? { style: 'primary' as const } : {}),
            }),
          }),
        );
      });
      return { text: t('enrich.suggest_fallback'), blocks };
    },
    note(outcomes) {
      return [t('enrich.note_title'), ...outcomes.map(noteLine)].join('\n');
    },
  };
}
