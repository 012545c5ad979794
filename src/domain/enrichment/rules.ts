import type { Rule } from './enrichment-config.ts';
import type { EnrichmentTicket, Fact, RuleFiring, SuggestionRecord } from './ports.ts';

const norm = (s: string) => s.normalize('NFKC').toLowerCase();
const anyOf = (want: string | string[], have: string | undefined) =>
  have !== undefined &&
  (Array.isArray(want) ? want : [want]).some((w) => w === '*' || norm(w) === norm(have));

/** Whether a rule's conditions hold (every given condition must). */
export function ruleMatches(
  rule: Rule,
  t: EnrichmentTicket,
  customFields: Record<string, string>,
  facts: Fact[],
): boolean {
  const w = rule.when;
  const tags = new Set(t.tags);
  if (w.tags?.any && !w.tags.any.some((x) => tags.has(x))) return false;
  if (w.tags?.all && !w.tags.all.every((x) => tags.has(x))) return false;
  if (w.tags?.none?.some((x) => tags.has(x))) return false;
  if (w.form && !(t.formId && w.form.includes(t.formId))) return false;
  for (const [id, want] of Object.entries(w.fields ?? {})) if (!anyOf(want, customFields[id])) return false;
  for (const [label, want] of Object.entries(w.facts ?? {}))
    if (!facts.some((f) => f.label === label && anyOf(want, f.value))) return false;
  if (w.keywords) {
    const text = norm(`${t.subject}\n${t.firstMessage}`);
    if (!w.keywords.some((k) => text.includes(norm(k)))) return false;
  }
  return true;
}

/** Every action of every matching rule, in file order. */
export function evaluateRules(
  rules: Rule[],
  t: EnrichmentTicket,
  customFields: Record<string, string>,
  facts: Fact[],
): RuleFiring[] {
  const out: RuleFiring[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, t, customFields, facts)) continue;
    for (const tag of rule.do.addTags ?? []) out.push({ rule: rule.id, action: 'tag', value: tag });
    if (rule.do.route) out.push({ rule: rule.id, action: 'route', value: rule.do.route });
    if (rule.do.flag) out.push({ rule: rule.id, action: 'flag', value: rule.do.flag });
    for (const id of rule.do.suggestTemplates ?? [])
      out.push({ rule: rule.id, action: 'template', value: id });
  }
  return out;
}

/** The tag a flag leaves on the ticket, so that an agent removing it counts as a correction. */
export const flagTag = (flag: string) => `yorisoi_flag_${flag.normalize('NFKC').replace(/[^\w-]+/g, '_')}`;

const CLOSED = new Set(['solved', 'closed']);

/**
 * What the agent finally did about a tag, flag or route suggestion, read from the ticket once it is solved
 * or closed (before that the agent may still change it): the tag still there / the ticket in that inbox →
 * kept; otherwise corrected, saying what they did instead. Templates are decided when a reply is sent.
 */
export function decideFromTicket(
  r: SuggestionRecord,
  t: EnrichmentTicket | null,
): { outcome: 'kept' | 'corrected'; correction: string | null } | null {
  if (r.outcome) return { outcome: r.outcome, correction: r.correction };
  if (!t || !CLOSED.has(t.status)) return null;
  if (r.action === 'tag' || r.action === 'flag') {
    const tag = r.action === 'tag' ? r.value : flagTag(r.value);
    return t.tags.includes(tag)
      ? { outcome: 'kept', correction: null }
      : { outcome: 'corrected', correction: `removed tag ${tag}` };
  }
  if (r.action === 'route')
    return t.inboxId === r.value
      ? { outcome: 'kept', correction: null }
      : { outcome: 'corrected', correction: `handled in inbox ${t.inboxId ?? '(none)'}` };
  return null;
}

export interface RuleReportLine {
  source: string;
  /** Tickets the rule (or the suggester) fired on. */
  fired: number;
  /** Suggestions decided so far (the agent kept or corrected them). */
  decided: number;
  kept: number;
  /** kept / decided; null before anything was decided. */
  precision: number | null;
  topCorrection: { text: string; count: number } | null;
}

/**
 * Per rule: firing count (tickets), precision over decided suggestions, the most common correction. Several
 * templates suggested on one ticket are one suggestion (the agent used one of them, or none).
 */
export function rulesReport(
  rows: Array<SuggestionRecord & { ticket?: EnrichmentTicket | null }>,
): RuleReportLine[] {
  const units = new Map<
    string,
    { source: string; ticket: string; kept: boolean; corrections: string[]; decided: boolean }
  >();
  for (const r of rows) {
    const key =
      r.action === 'template'
        ? `${r.source}\0${r.ticketZendeskId}\0template`
        : `${r.source}\0${r.ticketZendeskId}\0${r.action}\0${r.value}`;
    const u =
      units.get(key) ??
      units
        .set(key, {
          source: r.source,
          ticket: r.ticketZendeskId,
          kept: false,
          corrections: [],
          decided: false,
        })
        .get(key)!;
    const d = r.outcome
      ? { outcome: r.outcome, correction: r.correction }
      : decideFromTicket(r, r.ticket ?? null);
    if (!d) continue;
    u.decided = true;
    if (d.outcome === 'kept') u.kept = true;
    else if (d.correction) u.corrections.push(d.correction);
  }
  const by = new Map<
    string,
    { tickets: Set<string>; decided: number; kept: number; corrections: Map<string, number> }
  >();
  for (const u of units.values()) {
    const s =
      by.get(u.source) ??
      by.set(u.source, { tickets: new Set(), decided: 0, kept: 0, corrections: new Map() }).get(u.source)!;
    s.tickets.add(u.ticket);
    if (!u.decided) continue;
    s.decided++;
    if (u.kept) s.kept++;
    else {
      const c = u.corrections[0];
      if (c) s.corrections.set(c, (s.corrections.get(c) ?? 0) + 1);
    }
  }
  return [...by.entries()]
    .map(([source, s]) => {
      const top = [...s.corrections.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
      return {
        source,
        fired: s.tickets.size,
        decided: s.decided,
        kept: s.kept,
        precision: s.decided ? s.kept / s.decided : null,
        topCorrection: top ? { text: top[0], count: top[1] } : null,
      };
    })
    .sort((a, b) => b.fired - a.fired || a.source.localeCompare(b.source));
}
