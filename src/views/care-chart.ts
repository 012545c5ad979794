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
import type { MessageKey, Translate } from '../i18n/index.ts';
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
import { escapeMrkdwn, slackDate, splitText, truncate } from './mrkdwn.ts';

/** Slack's colour bar: red for "handle with care", blue for a chart without the flag. */
export const FLAG_COLOR = '#E01E5A';
export const CHART_COLOR = '#1D9BD1';
/** Tickets per page of the history modal: with the fixed blocks it stays far under Slack's 100. */
export const HISTORY_PAGE_SIZE = 40;
const MODAL_BLOCKS_MAX = 100;

/** A day in the reader's own time zone (Slack's date token; the fallback is the UTC date). */
const day = (d: Date) => slackDate(d, '{date_num}', d.toISOString().slice(0, 10));
const STATUSES = new Set(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']);
/** A Zendesk status in the catalog's words (新規, オープン …); an unknown one as Zendesk wrote it. */
export const statusWord = (t: Translate, status: string) =>
  STATUSES.has(status) ? t(`status.${status}` as MessageKey) : escapeMrkdwn(status);
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

export function buildErrorModal(t: Translate, message: string): ModalView {
  return modal({
    callbackId: ViewIds.careHistory,
    title: plain(t('care.title'), 24),
    close: plain(t('common.close'), 24),
    blocks: [section(`:x: ${escapeMrkdwn(message)}`)],
  });
}

function customerLine(t: Translate, c: CustomerRecord): string {
  const parts = [
    c.email ? escapeMrkdwn(c.email) : null,
    c.organizationName ? `:office: ${escapeMrkdwn(c.organizationName)}` : null,
    t('care.customer_zendesk_user', { id: c.zendeskUserId }),
    c.serviceUserId ? t('care.customer_service_id', { id: `\`${escapeMrkdwn(c.serviceUserId)}\`` }) : null,
  ];
  return parts.filter(Boolean).join(' · ');
}

function chartBlocks(t: Translate, chart: CareChart | null): KnownBlock[] {
  if (!chart) return [section(t('care.no_chart'))];
  const blocks: KnownBlock[] = [];
  if (chart.flagged) {
    blocks.push(
      section(`${t('care.flag_line')}${chart.flagReason ? ` — ${escapeMrkdwn(chart.flagReason)}` : ''}`),
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
  const when = slackDate(chart.updatedAt);
  blocks.push(
    context(
      chart.updatedBySlackId
        ? t('care.chart_footer_by', { version: chart.version, when, who: `<@${chart.updatedBySlackId}>` })
        : t('care.chart_footer', { version: chart.version, when }),
    ),
  );
  return blocks;
}

function entryBlock(t: Translate, e: HistoryEntry): KnownBlock {
  const lines = [
    `*<${e.zendeskUrl}|#${e.zendeskId}>* ${escapeMrkdwn(truncate(e.subject, 150))}`,
    t('care.entry_dates', {
      status: `\`${statusWord(t, e.status)}\``,
      opened: day(e.createdAt),
      updated: day(e.updatedAt),
      answeredBy: e.answeredBy ? escapeMrkdwn(e.answeredBy) : '—',
    }),
    e.policy
      ? t('care.entry_policy', { policy: escapeMrkdwn(truncate(e.policy.replace(/\s+/g, ' '), 400)) })
      : null,
    e.thread ? `<${threadUrl(e.thread)}|${t('care.entry_thread')}>` : t('care.entry_only_zendesk'),
  ];
  return section(lines.filter(Boolean).join('\n'));
}

/**
 * The care chart with the customer's earlier tickets, newest first, HISTORY_PAGE_SIZE a page with
 * Previous/Next buttons: a customer with hundreds of tickets never pushes the modal past 100 blocks.
 */
export function buildCareHistoryModal(t: Translate, h: CustomerHistory, page: number): ModalView {
  const pages = Math.max(1, Math.ceil(h.entries.length / HISTORY_PAGE_SIZE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = h.entries.slice(p * HISTORY_PAGE_SIZE, (p + 1) * HISTORY_PAGE_SIZE);
  const meta: HistoryMeta = { c: h.customer.id, p };
  const blocks: KnownBlock[] = [
    header(plain(h.customer.name, 150)),
    context(customerLine(t, h.customer)),
    ...chartBlocks(t, h.chart),
    actions([
      button(ActionIds.careEdit, plain(t(h.chart ? 'care.edit_button' : 'care.add_button')), {
        value: h.customer.id,
        style: 'primary',
      }),
      ...(h.chart
        ? [button(ActionIds.careRevisions, plain(t('care.revisions_button')), { value: h.customer.id })]
        : []),
    ]),
    divider(),
    section(
      h.entries.length
        ? `${t('care.tickets_heading', { count: h.entries.length })}${pages > 1 ? t('care.tickets_page', { page: p + 1, pages }) : ''}`
        : t('care.tickets_none'),
    ),
  ];
  if (h.zendeskProblem) {
    blocks.push(context(t('care.zendesk_problem', { problem: escapeMrkdwn(h.zendeskProblem) })));
  }
  blocks.push(...shown.map((e) => entryBlock(t, e)));
  if (pages > 1) {
    const nav = [];
    if (p > 0) nav.push(button(ActionIds.careHistoryPage, plain(t('care.newer')), { value: String(p - 1) }));
    if (p < pages - 1)
      nav.push(button(ActionIds.careHistoryPage, plain(t('care.older')), { value: String(p + 1) }));
    blocks.push(actions(nav));
  }
  if (blocks.length > MODAL_BLOCKS_MAX) throw new Error(`history modal has ${blocks.length} blocks`); // by construction never
  return modal({
    callbackId: ViewIds.careHistory,
    title: plain(t('care.title'), 24),
    close: plain(t('common.close'), 24),
    privateMetadata: JSON.stringify(meta),
    blocks,
  });
}

const FLAG_OPTION = 'handle_with_care';

export function buildCareEditModal(
  t: Translate,
  customer: CustomerRecord,
  chart: CareChart | null,
): ModalView {
  const meta: EditMeta = { c: customer.id, v: chart?.version ?? 0 };
  const flagOption = option(t('care.flag_handle_with_care'), FLAG_OPTION);
  return modal({
    callbackId: ViewIds.careEdit,
    title: plain(t('care.edit_title'), 24),
    submit: plain(t('common.save'), 24),
    close: plain(t('common.cancel'), 24),
    privateMetadata: JSON.stringify(meta),
    blocks: [
      context(`*${escapeMrkdwn(customer.name)}* · ${customerLine(t, customer)}`),
      input(
        CareBlockIds.flag,
        plain(t('care.field_flag')),
        checkboxes('value', [flagOption], chart?.flagged ? [flagOption] : []),
        {
          optional: true,
        },
      ),
      input(
        CareBlockIds.flagReason,
        plain(t('care.field_reason')),
        textInput('value', { maxLength: FLAG_REASON_MAX, initial: chart?.flagReason }),
        { optional: true },
      ),
      input(
        CareBlockIds.facts,
        plain(t('care.field_facts')),
        textInput('value', {
          multiline: true,
          maxLength: 3000,
          initial: chart ? formatFacts(chart.facts) : '',
        }),
        {
          optional: true,
          hint: plain(t('care.field_facts_hint'), 150),
        },
      ),
      input(
        CareBlockIds.notes,
        plain(t('care.field_notes')),
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

export function buildCareRevisionsModal(
  t: Translate,
  customer: CustomerRecord,
  revisions: CareChartRevision[],
): ModalView {
  const blocks: KnownBlock[] = [context(t('care.revisions_intro', { name: escapeMrkdwn(customer.name) }))];
  for (const r of revisions.slice(0, 45)) {
    const who = r.authorSlackId ? `<@${r.authorSlackId}>` : 'yorisoi';
    const lines = [
      `*v${r.version}* · ${t(`care.revision_kind_${r.kind}`)} · ${who} · ${slackDate(r.createdAt)} — ${escapeMrkdwn(r.summary)}`,
      r.content.flagged
        ? `:warning: ${escapeMrkdwn(r.content.flagReason ?? t('care.flag_handle_with_care'))}`
        : null,
      r.content.facts.length
        ? escapeMrkdwn(truncate(r.content.facts.map((f) => `${f.key}: ${f.value}`).join(' · '), 600))
        : null,
      r.content.notes ? `> ${truncate(r.content.notes, 1500).replace(/\n/g, '\n> ')}` : null,
    ];
    blocks.push(section(lines.filter(Boolean).join('\n')));
  }
  if (revisions.length > 45) blocks.push(context(t('care.revisions_more', { count: revisions.length - 45 })));
  return modal({
    callbackId: ViewIds.careRevisions,
    title: plain(t('care.revisions_title'), 24),
    close: plain(t('care.back'), 24),
    blocks,
  });
}

/** The ephemeral answer after "Add to care chart". */
export function buildClipAddedMessage(
  t: Translate,
  customer: CustomerRecord,
  chart: CareChart,
): SlackMessage {
  const text = t('care.clip_added', { name: escapeMrkdwn(customer.name), version: chart.version });
  return { text, blocks: [section(text)] };
}
