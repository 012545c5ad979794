import { z } from 'zod';
import type { Inbox, TicketSnapshot } from '../tickets/ticket.ts';

/**
 * What a voice channel wants to hear. Fields combine with AND, values within one field with OR:
 * `product:photos tag:bug tag:crash` = (inbox or brand "photos") and (tag bug or crash).
 */
export const VoiceFilter = z.object({
  products: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
  forms: z.array(z.string().min(1)).default([]),
  keywords: z.array(z.string().min(1)).default([]),
});
export type VoiceFilter = z.output<typeof VoiceFilter>;

const FIELDS: Record<string, keyof VoiceFilter> = {
  product: 'products',
  inbox: 'products',
  brand: 'products',
  tag: 'tags',
  form: 'forms',
  keyword: 'keywords',
  kw: 'keywords',
};

export type FilterParse = { ok: true; filter: VoiceFilter; text: string } | { ok: false; problem: string };

/** Splits on spaces, keeping "quoted phrases" (straight or Japanese 「」 quotes) together. */
function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /(\S*?)(?:"([^"]*)"|「([^」]*)」)|(\S+)/g;
  for (const m of text.replace(/\u3000/g, ' ').matchAll(re)) {
    if (m[4] !== undefined) out.push(m[4]);
    else out.push(`${m[1] ?? ''}${m[2] ?? m[3] ?? ''}`);
  }
  return out.filter((t) => t.length > 0);
}

/** Parses `/voice subscribe` text: `field:value` terms; bare words are keywords; `all` hears everything. */
export function parseVoiceFilter(text: string): FilterParse {
  const filter: VoiceFilter = { products: [], tags: [], forms: [], keywords: [] };
  const list = tokens(text.trim());
  if (list.length === 0) {
    return {
      ok: false,
      problem: 'Say what to listen for, e.g. `/voice subscribe product:photos tag:bug` (or `all`).',
    };
  }
  if (list.length === 1 && list[0]?.toLowerCase() === 'all') return { ok: true, filter, text: 'all' };
  for (const token of list) {
    const m = token.match(/^([A-Za-z]+)[:：](.*)$/);
    if (!m) {
      filter.keywords.push(token);
      continue;
    }
    const field = FIELDS[(m[1] ?? '').toLowerCase()];
    const value = (m[2] ?? '').trim();
    if (!field) {
      return { ok: false, problem: `Unknown filter "${m[1]}:". Use product:, tag:, form: or keyword:.` };
    }
    if (!value) return { ok: false, problem: `"${m[1]}:" needs a value, e.g. ${m[1]}:bug.` };
    filter[field].push(value);
  }
  return { ok: true, filter, text: describeFilter(filter) };
}

export function describeFilter(f: VoiceFilter): string {
  const q = (v: string) => (/\s/.test(v) ? `"${v}"` : v);
  const parts = [
    ...f.products.map((v) => `product:${q(v)}`),
    ...f.tags.map((v) => `tag:${q(v)}`),
    ...f.forms.map((v) => `form:${q(v)}`),
    ...f.keywords.map((v) => `keyword:${q(v)}`),
  ];
  return parts.length ? parts.join(' ') : 'all';
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/** Does this customer message, on this ticket routed to this inbox, match the filter? */
export function matchesVoiceFilter(
  f: VoiceFilter,
  ticket: TicketSnapshot,
  inbox: Inbox | null,
  body: string,
): boolean {
  if (f.products.length) {
    const have = [inbox?.id, inbox?.name, ticket.brandName, ticket.brandId]
      .filter((v): v is string => !!v)
      .map(fold);
    if (!f.products.some((p) => have.includes(fold(p)))) return false;
  }
  if (f.tags.length) {
    const tags = ticket.tags.map(fold);
    if (!f.tags.some((t) => tags.includes(fold(t)))) return false;
  }
  if (f.forms.length && !f.forms.some((form) => ticket.formId !== null && fold(form) === fold(ticket.formId)))
    return false;
  if (f.keywords.length) {
    const haystack = fold(`${ticket.subject}\n${body}`);
    if (!f.keywords.some((k) => haystack.includes(fold(k)))) return false;
  }
  return true;
}
