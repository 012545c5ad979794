import { z } from 'zod';
import type {
  CareChart,
  CareChartRevision,
  CustomerRecord,
  HistoryEntry,
} from '../domain/care/care-chart-model.ts';
import { FLAG_REASON_MAX, formatFacts, NOTES_MAX } from '../domain/care/care-chart-model.ts';
import type { CareContext, CustomerHistory } from '../domain/care/care-service.ts';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import {
  actions,
  button,
  checkboxes,
  context,
  divider,
  fields,
  header,
  input,
  type KnownBlock,
  type MessageAttachment,
  type ModalView,
  modal,
  option,
  plain as plainText,
  section,
  textInput,
} from './block-kit.ts';
import { ActionIds, CareBlockIds, ViewIds } from './ids.ts';
import { escapeMrkdwn, splitText, truncate } from './mrkdwn.ts';

/** Slack's colour bar: red for "handle with care", blue for a chart without the flag. */
export const FLAG_COLOR = '#E01E5A';
export const CHART_COLOR = '#1D9BD1';
/** Tickets per page of the history modal: with the fixed blocks it stays far under Slack's 100. */
export const HISTORY_PAGE_SIZE = 40;
const MODAL_BLOCKS_MAX = 100;

const day = (d: Date) => d.toISOString().slice(0, 10);
const threadUrl = (t: { channelId: string; ts: string }) =>
  `https://slack.com/archives/${t.channelId}/p${t.ts.replace('.', '')}`;
const plain = (text: string, max = 75) => plainText(text, max);

/** The chart in one line: the flag reason, the first facts, the start of the notes. */
export function chartSummaryLine(chart: CareChart): string {
  const parts: string[] = [];
  if (chart.flagged) parts.push(`Handle with care${chart.flagReason ? `: ${chart.flagReason}` : ''}`);
  parts.push(...chart.facts.slice(0, 3).map((f) => `${f.key}: ${f.value}`));
  // Links "Add to care chart" wrote (<url|message>) read as their label here.
  const firstNote = chart.notes
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.replace(/<[^|>\s]+\|([^>]+)>/g, '$1');
  if (firstNote) parts.push(firstNote.trim());
  return truncate(parts.join(' · ') || 'Care chart (empty)', 280);
}

const priorLine = (n: number) =>
  n === 0 ? 'First ticket from this customer' : `${n} prior ticket${n === 1 ? '' : 's'}`;

/**
 * What a ticket's root shows about the customer without a click: the prior ticket count in the message,
 * the chart's one-line summary in an attachment whose colour bar (red when flagged) stands out.
 */
export function buildCareRootParts(care: CareContext): {
  text: string;
  blocks: KnownBlock[];
  attachments: MessageAttachment[];
} {
  const chart = care.chart;
  const flag = chart?.flagged ? ':warning: *Handle with care*' : null;
  const textParts = [
    chart?.flagged ? '⚠️ handle with care' : null,
    chart ? 'care chart' : null,
    priorLine(care.priorTickets).toLowerCase(),
  ];
  const blocks = [
    context(
      `:repeat: ${priorLine(care.priorTickets)}${chart ? ` · care chart v${chart.version}` : ' · no care chart yet'}`,
    ),
  ];
  const attachments: MessageAttachment[] = chart
    ? [
        {
          color: chart.flagged ? FLAG_COLOR : CHART_COLOR,
          fallback: escapeMrkdwn(chartSummaryLine(chart)),
          blocks: [
            section(
              `${flag ? `${flag} — ` : ':clipboard: *Care chart* — '}${escapeMrkdwn(chartSummaryLine(chart))}`,
            ),
          ],
        },
      ]
    : [];
  return { text: textParts.filter(Boolean).join(' · '), blocks, attachments };
}

export const careButton = (customerZendeskUserId: string) =>
  button(ActionIds.careChart, plain('Care chart & history'), { value: customerZendeskUserId });

// ---- modals --------------------------------------------------------------------------------------------

export const zHistoryMeta = z.object({ c: z.string().min(1), p: z.number().int().min(0) });
export type HistoryMeta = z.infer<typeof zHistoryMeta>;
export const zEditMeta = z.object({ c: z.string().min(1), v: z.number().int().min(0) });
export type EditMeta = z.infer<typeof zEditMeta>;

export function buildLoadingModal(title = 'Care chart & history'): ModalView {
  return modal({
    callbackId: ViewIds.careHistory,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [section(':hourglass_flowing_sand: Reading the care chart and the ticket history…')],
  });
}

export function buildErrorModal(message: string): ModalView {
  return modal({
    callbackId: ViewIds.careHistory,
    title: plain('Care chart & history', 24),
    close: plain('Close', 24),
    blocks: [section(`:x: ${escapeMrkdwn(message)}`)],
  });
}

function customerLine(c: CustomerRecord): string {
  const parts = [
    c.email ? escapeMrkdwn(c.email) : null,
    c.organizationName ? `:office: ${escapeMrkdwn(c.organizationName)}` : null,
    `Zendesk user ${c.zendeskUserId}`,
    c.serviceUserId ? `service id \`${escapeMrkdwn(c.serviceUserId)}\`` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

function chartBlocks(chart: CareChart | null): KnownBlock[] {
  if (!chart) return [section('_No care chart yet. Add one so the next agent knows this person._')];
  const blocks: KnownBlock[] = [];
  if (chart.flagged) {
    blocks.push(
      section(
        `:warning: *Handle with care*${chart.flagReason ? ` — ${escapeMrkdwn(chart.flagReason)}` : ''}`,
      ),
    );
  }
  if (chart.facts.length) {
    // A section takes at most 10 fields; the rest go into a second section.
    for (let i = 0; i < chart.facts.length && i < 20; i += 10) {
      blocks.push(
        fields(chart.facts.slice(i, i + 10).map((f) => `*${escapeMrkdwn(f.key)}*\n${escapeMrkdwn(f.value)}`)),
      );
    }
  }
  if (chart.notes) {
    // Notes keep the links "Add to care chart" wrote (<url|message>): shown as written, not escaped.
    for (const piece of splitText(chart.notes, 2900).slice(0, 2)) blocks.push(section(piece));
  }
  blocks.push(
    context(
      `Care chart v${chart.version} · last edit ${chart.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC${chart.updatedBySlackId ? ` by <@${chart.updatedBySlackId}>` : ''}`,
    ),
  );
  return blocks;
}

function entryBlock(e: HistoryEntry): KnownBlock {
  const lines = [
    `*<${e.zendeskUrl}|#${e.zendeskId}>* ${escapeMrkdwn(truncate(e.subject, 150))}`,
    `\`${e.status}\` · opened ${day(e.createdAt)} · updated ${day(e.updatedAt)} · answered by ${e.answeredBy ? escapeMrkdwn(e.answeredBy) : '—'}`,
    e.policy ? `_Policy:_ ${escapeMrkdwn(truncate(e.policy.replace(/\s+/g, ' '), 400))}` : null,
    e.thread
      ? `<${threadUrl(e.thread)}|:thread: Slack thread>`
      : '_only in Zendesk (before yorisoi, or never posted to Slack)_',
  ];
  return section(lines.filter(Boolean).join('\n'));
}

/**
 * The care chart with the customer's earlier tickets, newest first, HISTORY_PAGE_SIZE a page with
 * Previous/Next buttons: a customer with hundreds of tickets never pushes the modal past 100 blocks.
 */
export function buildCareHistoryModal(h: CustomerHistory, page: number): ModalView {
  const pages = Math.max(1, Math.ceil(h.entries.length / HISTORY_PAGE_SIZE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = h.entries.slice(p * HISTORY_PAGE_SIZE, (p + 1) * HISTORY_PAGE_SIZE);
  const meta: HistoryMeta = { c: h.customer.id, p };
  const blocks: KnownBlock[] = [
    header(plain(h.customer.name, 150)),
    context(customerLine(h.customer)),
    ...chartBlocks(h.chart),
    actions([
      button(ActionIds.careEdit, plain(h.chart ? 'Edit care chart' : 'Add a care chart'), {
        value: h.customer.id,
        style: 'primary',
      }),
      ...(h.chart ? [button(ActionIds.careRevisions, plain('Edit history'), { value: h.customer.id })] : []),
    ]),
    divider(),
    section(
      h.entries.length
        ? `*Tickets (${h.entries.length})*, newest first${pages > 1 ? ` · page ${p + 1} of ${pages}` : ''}`
        : '*Tickets*\n_No tickets yet._',
    ),
  ];
  if (h.zendeskProblem) {
    blocks.push(context(`:warning: Showing yorisoi's own copy only: ${escapeMrkdwn(h.zendeskProblem)}`));
  }
  blocks.push(...shown.map(entryBlock));
  if (pages > 1) {
    const nav = [];
    if (p > 0) nav.push(button(ActionIds.careHistoryPage, plain('◀ Newer'), { value: String(p - 1) }));
    if (p < pages - 1)
      nav.push(button(ActionIds.careHistoryPage, plain('Older ▶'), { value: String(p + 1) }));
    blocks.push(actions(nav));
  }
  if (blocks.length > MODAL_BLOCKS_MAX) throw new Error(`history modal has ${blocks.length} blocks`); // by construction never
  return modal({
    callbackId: ViewIds.careHistory,
    title: plain('Care chart & history', 24),
    close: plain('Close', 24),
    privateMetadata: JSON.stringify(meta),
    blocks,
  });
}

const FLAG_OPTION = 'handle_with_care';

export function buildCareEditModal(customer: CustomerRecord, chart: CareChart | null): ModalView {
  const meta: EditMeta = { c: customer.id, v: chart?.version ?? 0 };
  const flagOption = option('Handle with care', FLAG_OPTION);
  return modal({
    callbackId: ViewIds.careEdit,
    title: plain('Care chart', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    privateMetadata: JSON.stringify(meta),
    blocks: [
      context(`*${escapeMrkdwn(customer.name)}* · ${customerLine(customer)}`),
      input(
        CareBlockIds.flag,
        plain('Flag'),
        checkboxes('value', [flagOption], chart?.flagged ? [flagOption] : []),
        {
          optional: true,
        },
      ),
      input(
        CareBlockIds.flagReason,
        plain('Why (shown on every ticket)'),
        textInput('value', { maxLength: FLAG_REASON_MAX, initial: chart?.flagReason }),
        { optional: true },
      ),
      input(
        CareBlockIds.facts,
        plain('Key facts, one "key: value" a line'),
        textInput('value', {
          multiline: true,
          maxLength: 3000,
          initial: chart ? formatFacts(chart.facts) : '',
        }),
        {
          optional: true,
          hint: plain('e.g. plan: Premium / contract: 2024-04 – 2025-03 / language: English', 150),
        },
      ),
      input(
        CareBlockIds.notes,
        plain('Notes'),
        textInput('value', { multiline: true, maxLength: NOTES_MAX, initial: chart?.notes }),
        { optional: true },
      ),
    ],
  });
}

const zText = z.object({ value: z.string().nullable().optional() }).optional();
const zEditState = z.object({
  [CareBlockIds.notes]: z.object({ value: zText }).optional(),
  [CareBlockIds.flagReason]: z.object({ value: zText }).optional(),
  [CareBlockIds.facts]: z.object({ value: zText }).optional(),
  [CareBlockIds.flag]: z
    .object({
      value: z.object({ selected_options: z.array(z.object({ value: z.string() })).default([]) }).optional(),
    })
    .optional(),
});

export interface CareEditForm {
  notes: string;
  flagged: boolean;
  flagReason: string | null;
  factsText: string;
}

/** The edit modal's state, or null when Slack sent something else. */
export function parseCareEditState(values: unknown): CareEditForm | null {
  const parsed = zEditState.safeParse(values);
  if (!parsed.success) return null;
  const v = parsed.data;
  const reason = v[CareBlockIds.flagReason]?.value?.value?.trim() ?? '';
  return {
    notes: (v[CareBlockIds.notes]?.value?.value ?? '').trim(),
    flagged: (v[CareBlockIds.flag]?.value?.selected_options ?? []).some((o) => o.value === FLAG_OPTION),
    flagReason: reason === '' ? null : reason,
    factsText: v[CareBlockIds.facts]?.value?.value ?? '',
  };
}

export function buildCareRevisionsModal(customer: CustomerRecord, revisions: CareChartRevision[]): ModalView {
  const blocks: KnownBlock[] = [
    context(`Every edit of *${escapeMrkdwn(customer.name)}*'s care chart, newest first.`),
  ];
  for (const r of revisions.slice(0, 45)) {
    const who = r.authorSlackId ? `<@${r.authorSlackId}>` : 'yorisoi';
    const lines = [
      `*v${r.version}* · ${r.kind} · ${who} · ${r.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${escapeMrkdwn(r.summary)}`,
      r.content.flagged ? `:warning: ${escapeMrkdwn(r.content.flagReason ?? 'handle with care')}` : null,
      r.content.facts.length
        ? escapeMrkdwn(truncate(r.content.facts.map((f) => `${f.key}: ${f.value}`).join(' · '), 600))
        : null,
      r.content.notes ? `> ${truncate(r.content.notes, 1500).replace(/\n/g, '\n> ')}` : null,
    ];
    blocks.push(section(lines.filter(Boolean).join('\n')));
  }
  if (revisions.length > 45) blocks.push(context(`Older edits: ${revisions.length - 45} more are kept.`));
  return modal({
    callbackId: ViewIds.careRevisions,
    title: plain('Care chart history', 24),
    close: plain('Back', 24),
    blocks,
  });
}

/** The ephemeral answer after "Add to care chart". */
export function buildClipAddedMessage(customer: CustomerRecord, chart: CareChart): SlackMessage {
  const text = `:clipboard: Added to *${escapeMrkdwn(customer.name)}*'s care chart (v${chart.version}). Open tickets of this customer now show it.`;
  return { text, blocks: [section(text)] };
}
