/**
 * The care chart (対応カルテ): what the team knows about one customer across tickets. Plain data and pure
 * functions; storage, Zendesk and Slack live behind the ports in care-ports.ts.
 */

export interface CareFact {
  key: string;
  value: string;
}

/** What an agent edits. */
export interface CareChartContent {
  notes: string;
  flagged: boolean;
  flagReason: string | null;
  facts: CareFact[];
}

export interface CareChart extends CareChartContent {
  customerId: string;
  /** 1 after the first save; every edit adds one. */
  version: number;
  updatedAt: Date;
  updatedBySlackId: string | null;
}

export type CareRevisionKind = 'edit' | 'clip' | 'merge';

export interface CareChartRevision {
  version: number;
  kind: CareRevisionKind;
  authorSlackId: string | null;
  summary: string;
  createdAt: Date;
  content: CareChartContent;
}

/** A Zendesk requester as yorisoi stores it. */
export interface CustomerRecord {
  id: string;
  zendeskUserId: string;
  name: string;
  email: string | null;
  organizationName: string | null;
  externalId: string | null;
  serviceUserId: string | null;
  mergedIntoId: string | null;
}

/** One earlier ticket of a customer, from the local store, from Zendesk, or both. */
export interface HistoryEntry {
  zendeskId: string;
  subject: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  /** Who answered: the assignee's name, when known. */
  answeredBy: string | null;
  /** The response policy (対応方針) written at the time, when the drafting feature recorded one. */
  policy: string | null;
  /** The Slack thread, when yorisoi posted one. */
  thread: { channelId: string; ts: string } | null;
  zendeskUrl: string;
  /** Only in Zendesk: the ticket predates yorisoi or never reached Slack. */
  onlyInZendesk: boolean;
}

export const NOTES_MAX = 3000;
export const FLAG_REASON_MAX = 300;
export const FACTS_MAX = 20;
export const FACT_KEY_MAX = 40;
export const FACT_VALUE_MAX = 200;
/** How much of a thread message "Add to care chart" copies; the link back keeps the whole message. */
export const CLIP_MAX = 600;

export const emptyChartContent = (): CareChartContent => ({
  notes: '',
  flagged: false,
  flagReason: null,
  facts: [],
});

/**
 * Reads key facts written one per line as `key: value` (a full-width colon works too, as Japanese
 * keyboards type it). Returns the facts or, per bad line, a message naming it.
 */
export function parseFacts(text: string): { facts: CareFact[]; problems: string[] } {
  const facts: CareFact[] = [];
  const problems: string[] = [];
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  lines.forEach((line, i) => {
    const m = line.match(/^([^:：]+)[:：](.*)$/);
    const key = m?.[1]?.trim() ?? '';
    const value = m?.[2]?.trim() ?? '';
    if (!m || key === '' || value === '') problems.push(`line ${i + 1} is not "key: value"`);
    else if (Array.from(key).length > FACT_KEY_MAX)
      problems.push(`line ${i + 1}: the key is longer than ${FACT_KEY_MAX} characters`);
    else if (Array.from(value).length > FACT_VALUE_MAX)
      problems.push(`line ${i + 1}: the value is longer than ${FACT_VALUE_MAX} characters`);
    else facts.push({ key, value });
  });
  if (facts.length > FACTS_MAX) problems.push(`at most ${FACTS_MAX} facts`);
  return { facts, problems };
}

export const formatFacts = (facts: CareFact[]) => facts.map((f) => `${f.key}: ${f.value}`).join('\n');

/** One line saying what an edit changed, for the chart's history. */
export function describeChange(before: CareChartContent, after: CareChartContent): string {
  const parts: string[] = [];
  if (!before.flagged && after.flagged) parts.push('flag set');
  if (before.flagged && !after.flagged) parts.push('flag cleared');
  if (before.flagged && after.flagged && before.flagReason !== after.flagReason)
    parts.push('flag reason changed');
  if (before.notes !== after.notes) parts.push('notes edited');
  if (formatFacts(before.facts) !== formatFacts(after.facts)) parts.push('facts edited');
  return parts.length ? parts.join(', ') : 'saved without changes';
}

/**
 * Two charts of one person (Zendesk merged their users): flags add up, facts of the surviving customer win
 * on the same key, notes are kept both, the merged one's marked as such.
 */
export function combineCharts(
  target: CareChartContent,
  source: CareChartContent,
  sourceLabel: string,
): CareChartContent {
  const keys = new Set(target.facts.map((f) => f.key));
  const facts = [...target.facts, ...source.facts.filter((f) => !keys.has(f.key))].slice(0, FACTS_MAX);
  const notes = [target.notes, source.notes ? `(from ${sourceLabel}) ${source.notes}` : '']
    .filter(Boolean)
    .join('\n\n');
  const reasons = [
    target.flagged ? target.flagReason : null,
    source.flagged ? source.flagReason : null,
  ].filter(Boolean);
  return {
    notes: Array.from(notes).slice(0, NOTES_MAX).join(''),
    flagged: target.flagged || source.flagged,
    flagReason: reasons.length ? Array.from(reasons.join(' / ')).slice(0, FLAG_REASON_MAX).join('') : null,
    facts,
  };
}
