import { z } from 'zod';
import type {
  CareChart,
  CareChartRevision,
  CustomerRecord,
  HistoryEntry,
} from '../domain/care/care-chart.ts';
import { FLAG_REASON_MAX, formatFacts, NOTES_MAX } from '../domain/care/care-chart.ts';
import type { CareContext, CustomerHistory } from '../domain/care/care-service.ts';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
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
const plain = (text: string, max = 75) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});

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
  blocks: unknown[];
  attachments: unknown[];
} {
  const chart = care.chart;
  const flag = chart?.flagged ? ':warning: *Handle with care*' : null;
  const textParts = [
    chart?.flagged ? '⚠️ handle with care' : null,
    chart ? 'care chart' : null,
    priorLine(care.priorTickets).toLowerCase(),
  ];
  const blocks = [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `:repeat: ${priorLine(care.priorTickets)}${chart ? ` · care chart v${chart.version}` : ' · no care chart yet'}`,
        },
      ],
    },
  ];
  const attachments = chart
    ? [
        {
          color: chart.flagged ? FLAG_COLOR : CHART_COLOR,
          fallback: chartSummaryLine(chart),
          blocks: [
            {
              type: 'section',
              text: {
                type: 'mrkdwn',
                text: truncate(
                  `${flag ? `${flag} — ` : ':clipboard: *Care chart* — '}${escapeMrkdwn(chartSummaryLine(chart))}`,
                  3000,
                ),
              },
            },
          ],
        },
      ]
    : [];
  return { text: textParts.filter(Boolean).join(' · '), blocks, attachments };
}

export const careButton = (customerZendeskUserId: string) => ({
  type: 'button',
  action_id: ActionIds.careChart,
  text: plain('Care chart & history'),
  value: customerZendeskUserId,
});

// ---- modals --------------------------------------------------------------------------------------------

export const zHistoryMeta = z.object({ c: z.string().min(1), p: z.number().int().min(0) });
export type HistoryMeta = z.infer<typeof zHistoryMeta>;
export const zEditMeta = z.object({ c: z.string().min(1), v: z.number().int().min(0) });
export type EditMeta = z.infer<typeof zEditMeta>;

export function parseMeta<S extends z.ZodType>(schema: S, raw: string | undefined): z.output<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function buildLoadingModal(title = 'Care chart & history'): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: ViewIds.careHistory,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':hourglass_flowing_sand: Reading the care chart and the ticket history…',
        },
      },
    ],
  };
}

export function buildErrorModal(message: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: ViewIds.careHistory,
    title: plain('Care chart & history', 24),
    close: plain('Close', 24),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(`:x: ${escapeMrkdwn(message)}`, 3000) } },
    ],
  };
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

function chartBlocks(chart: CareChart | null): unknown[] {
  if (!chart)
    return [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '_No care chart yet. Add one so the next agent knows this person._' },
      },
    ];
  const blocks: unknown[] = [];
  if (chart.flagged) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `:warning: *Handle with care*${chart.flagReason ? ` — ${escapeMrkdwn(chart.flagReason)}` : ''}`,
          3000,
        ),
      },
    });
  }
  if (chart.facts.length) {
    // A section takes at most 10 fields; the rest go into a second section.
    for (let i = 0; i < chart.facts.length && i < 20; i += 10) {
      blocks.push({
        type: 'section',
        fields: chart.facts.slice(i, i + 10).map((f) => ({
          type: 'mrkdwn',
          text: truncate(`*${escapeMrkdwn(f.key)}*\n${escapeMrkdwn(f.value)}`, 2000),
        })),
      });
    }
  }
  if (chart.notes) {
    // Notes keep the links "Add to care chart" wrote (<url|message>): shown as written, not escaped.
    for (const piece of splitText(chart.notes, 2900).slice(0, 2))
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Care chart v${chart.version} · last edit ${chart.updatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC${chart.updatedBySlackId ? ` by <@${chart.updatedBySlackId}>` : ''}`,
      },
    ],
  });
  return blocks;
}

function entryBlock(e: HistoryEntry): unknown {
  const lines = [
    `*<${e.zendeskUrl}|#${e.zendeskId}>* ${escapeMrkdwn(truncate(e.subject, 150))}`,
    `\`${e.status}\` · opened ${day(e.createdAt)} · updated ${day(e.updatedAt)} · answered by ${e.answeredBy ? escapeMrkdwn(e.answeredBy) : '—'}`,
    e.policy ? `_Policy:_ ${escapeMrkdwn(truncate(e.policy.replace(/\s+/g, ' '), 400))}` : null,
    e.thread
      ? `<${threadUrl(e.thread)}|:thread: Slack thread>`
      : '_only in Zendesk (before yorisoi, or never posted to Slack)_',
  ];
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(lines.filter(Boolean).join('\n'), 3000) },
  };
}

/**
 * The care chart with the customer's earlier tickets, newest first, HISTORY_PAGE_SIZE a page with
 * Previous/Next buttons: a customer with hundreds of tickets never pushes the modal past 100 blocks.
 */
export function buildCareHistoryModal(h: CustomerHistory, page: number): Record<string, unknown> {
  const pages = Math.max(1, Math.ceil(h.entries.length / HISTORY_PAGE_SIZE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = h.entries.slice(p * HISTORY_PAGE_SIZE, (p + 1) * HISTORY_PAGE_SIZE);
  const meta: HistoryMeta = { c: h.customer.id, p };
  const blocks: unknown[] = [
    { type: 'header', text: plain(h.customer.name, 150) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(customerLine(h.customer), 3000) }] },
    ...chartBlocks(h.chart),
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: ActionIds.careEdit,
          text: plain(h.chart ? 'Edit care chart' : 'Add a care chart'),
          value: h.customer.id,
          style: 'primary',
        },
        ...(h.chart
          ? [
              {
                type: 'button',
                action_id: ActionIds.careRevisions,
                text: plain('Edit history'),
                value: h.customer.id,
              },
            ]
          : []),
      ],
    },
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: h.entries.length
          ? `*Tickets (${h.entries.length})*, newest first${pages > 1 ? ` · page ${p + 1} of ${pages}` : ''}`
          : '*Tickets*\n_No tickets yet._',
      },
    },
  ];
  if (h.zendeskProblem) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(
            `:warning: Showing yorisoi's own copy only: ${escapeMrkdwn(h.zendeskProblem)}`,
            3000,
          ),
        },
      ],
    });
  }
  blocks.push(...shown.map(entryBlock));
  if (pages > 1) {
    const nav = [];
    if (p > 0)
      nav.push({
        type: 'button',
        action_id: ActionIds.careHistoryPage,
        text: plain('◀ Newer'),
        value: String(p - 1),
      });
    if (p < pages - 1)
      nav.push({
        type: 'button',
        action_id: ActionIds.careHistoryPage,
        text: plain('Older ▶'),
        value: String(p + 1),
      });
    blocks.push({ type: 'actions', elements: nav });
  }
  if (blocks.length > MODAL_BLOCKS_MAX) throw new Error(`history modal has ${blocks.length} blocks`); // by construction never
  return {
    type: 'modal',
    callback_id: ViewIds.careHistory,
    title: plain('Care chart & history', 24),
    close: plain('Close', 24),
    private_metadata: JSON.stringify(meta),
    blocks,
  };
}

const FLAG_OPTION = 'handle_with_care';

export function buildCareEditModal(
  customer: CustomerRecord,
  chart: CareChart | null,
): Record<string, unknown> {
  const meta: EditMeta = { c: customer.id, v: chart?.version ?? 0 };
  const flagOption = { text: plain('Handle with care'), value: FLAG_OPTION };
  const text = (v: string | null | undefined) => (v ? { initial_value: v } : {});
  return {
    type: 'modal',
    callback_id: ViewIds.careEdit,
    title: plain('Care chart', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    private_metadata: JSON.stringify(meta),
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: truncate(`*${escapeMrkdwn(customer.name)}* · ${customerLine(customer)}`, 3000),
          },
        ],
      },
      {
        type: 'input',
        block_id: CareBlockIds.flag,
        optional: true,
        label: plain('Flag'),
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [flagOption],
          ...(chart?.flagged ? { initial_options: [flagOption] } : {}),
        },
      },
      {
        type: 'input',
        block_id: CareBlockIds.flagReason,
        optional: true,
        label: plain('Why (shown on every ticket)'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          max_length: FLAG_REASON_MAX,
          ...text(chart?.flagReason),
        },
      },
      {
        type: 'input',
        block_id: CareBlockIds.facts,
        optional: true,
        label: plain('Key facts, one "key: value" a line'),
        hint: plain('e.g. plan: Premium / contract: 2024-04 – 2025-03 / language: English', 150),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: 3000,
          ...text(chart ? formatFacts(chart.facts) : ''),
        },
      },
      {
        type: 'input',
        block_id: CareBlockIds.notes,
        optional: true,
        label: plain('Notes'),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: NOTES_MAX,
          ...text(chart?.notes),
        },
      },
    ],
  };
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

export function buildCareRevisionsModal(
  customer: CustomerRecord,
  revisions: CareChartRevision[],
): Record<string, unknown> {
  const blocks: unknown[] = [
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: truncate(`Every edit of *${escapeMrkdwn(customer.name)}*'s care chart, newest first.`, 3000),
        },
      ],
    },
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
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(lines.filter(Boolean).join('\n'), 3000) },
    });
  }
  if (revisions.length > 45)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `Older edits: ${revisions.length - 45} more are kept.` }],
    });
  return {
    type: 'modal',
    callback_id: ViewIds.careRevisions,
    title: plain('Care chart history', 24),
    close: plain('Back', 24),
    blocks,
  };
}

/** The ephemeral answer after "Add to care chart". */
export function buildClipAddedMessage(customer: CustomerRecord, chart: CareChart): SlackMessage {
  const text = `:clipboard: Added to *${escapeMrkdwn(customer.name)}*'s care chart (v${chart.version}). Open tickets of this customer now show it.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
