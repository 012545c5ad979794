import { z } from 'zod';
import type {
  Draft,
  DraftApproval,
  DraftContent,
  DraftPolicy,
  DraftTemplate,
  DraftTicket,
  DraftVersion,
} from '../domain/drafting/draft.ts';
import { countText, ZENDESK_STATUSES } from '../domain/drafting/draft.ts';
import type { WritingCheckResult } from '../domain/writing-check/writing-check.ts';
import { type Translate, translator } from '../i18n/index.ts';
import {
  type ActionsBlockElement,
  actions,
  button,
  checkboxes,
  context,
  dateTimePicker,
  divider,
  header,
  input as inputBlock,
  type KnownBlock,
  type ModalView,
  modal,
  option,
  plain,
  radioButtons,
  section,
  staticSelect,
  textInput as textElement,
} from './block-kit.ts';
import { ActionIds, DraftBlocks, ViewIds } from './ids.ts';
import { escapeMrkdwn, slackDate, truncate } from './mrkdwn.ts';

/** Slack's plain_text_input holds at most 3,000 characters: longer replies are written in parts. */
export const PART_MAX = 3000;
/** 10 parts: 30,000 characters, far more than any reply; Zendesk itself truncates comments past 64 kB. */
export const MAX_PARTS = 10;
export const MAX_REPLY_CHARS = MAX_PARTS * PART_MAX;
const POLICY_MAX = 3000;
const NAME_MAX = 80;

/** A time every reader sees in their own zone (Slack's date token). */
const when = (d: Date) => slackDate(d);
const defaultT = translator('ja');
/** A Zendesk status in the catalog's words (新規, オープン …); an unknown one as it is. */
function statusWord(t: Translate, status: string): string {
  const known = ['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'];
  return known.includes(status) ? t(`status.${status}` as Parameters<Translate>[0]) : status;
}

/**
 * Cuts a reply into input-sized parts, preferring line ends; each part keeps its own line break, so the
 * parts joined with '' are exactly the reply.
 */
export function splitReply(body: string, max = PART_MAX): string[] {
  const chars = Array.from(body);
  if (chars.length === 0) return [''];
  const parts: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(chars.length, start + max);
    if (end < chars.length) {
      const window = chars.slice(start, end).join('');
      const nl = window.lastIndexOf('\n');
      if (nl > window.length / 2) end = start + Array.from(window.slice(0, nl + 1)).length;
    }
    parts.push(chars.slice(start, end).join(''));
    start = end;
  }
  return parts;
}

// ---- private_metadata ------------------------------------------------------------------------------

/** What the editor remembers between interactions. Ids and small numbers only: far below 3,000 chars. */
export const zEditorMeta = z.object({
  t: z.string().max(32),
  d: z.string().max(40),
  r: z.number().int().min(0),
  p: z.number().int().min(1).max(MAX_PARTS),
  q: z.string().max(200).default(''),
  c: z.string().max(32).optional(),
  /** The response policy fields are shown (1) or folded away (0); absent: shown when any is written. */
  o: z.union([z.literal(0), z.literal(1)]).optional(),
});
export type EditorMeta = z.infer<typeof zEditorMeta>;
export const zPreviewMeta = z.object({
  d: z.string().max(40),
  v: z.number().int().min(1),
  t: z.string().max(32),
});
export type PreviewMeta = z.infer<typeof zPreviewMeta>;
export const zQueuedMeta = z.object({ s: z.string().max(40) });
export const zSnoozeMeta = z.object({ t: z.string().max(32) });
/** Value of the thread's Approve button. */
export const zApproveValue = z.object({ d: z.string().max(40), v: z.number().int().min(1) });
export const zOpenDraftValue = z.object({ d: z.string().max(40) });

// ---- view state -----------------------------------------------------------------------------------

const zStateValue = z.looseObject({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_option: z.object({ value: z.string() }).nullable().optional(),
  selected_options: z.array(z.object({ value: z.string() })).optional(),
  selected_date_time: z.number().nullable().optional(),
});
export const zViewState = z.object({ values: z.record(z.string(), z.record(z.string(), zStateValue)) });
export type ViewStateValues = z.infer<typeof zViewState>['values'];

/** The first element's state of a block, whatever its revision suffix. */
function stateOf(values: ViewStateValues, base: string) {
  for (const [blockId, actions] of Object.entries(values)) {
    if (blockId === base || blockId.startsWith(`${base}__r`)) return Object.values(actions)[0];
  }
  return undefined;
}
const text = (values: ViewStateValues, base: string) => stateOf(values, base)?.value ?? '';
/** An input absent from the state was not touched: it still shows `fallback` (its initial value). */
const textOr = (values: ViewStateValues, base: string, fallback: string) => {
  const state = stateOf(values, base);
  return state ? (state.value ?? '') : fallback;
};

/**
 * What the editor's inputs hold now, falling back to `shown` (the content the view was drawn with) for
 * inputs the state does not mention. `templateIds` come from the stored draft (inputs do not carry them).
 */
export function parseEditorState(
  raw: unknown,
  meta: EditorMeta,
  shown: DraftContent,
): DraftContent & { parts: string[] } {
  const parsed = zViewState.safeParse(raw);
  const values = parsed.success ? parsed.data.values : {};
  const shownParts = splitReply(shown.body);
  const parts: string[] = [];
  for (let i = 0; i < meta.p; i++) parts.push(textOr(values, DraftBlocks.replyPart(i), shownParts[i] ?? ''));
  return {
    parts,
    name: textOr(values, DraftBlocks.name, shown.name).trim().slice(0, NAME_MAX),
    policy: {
      facts: textOr(values, DraftBlocks.facts, shown.policy.facts),
      situation: textOr(values, DraftBlocks.situation, shown.policy.situation),
      outline: textOr(values, DraftBlocks.outline, shown.policy.outline),
      alternatives: textOr(values, DraftBlocks.alternatives, shown.policy.alternatives),
    },
    body: parts.join(''),
    templateIds: shown.templateIds,
  };
}

export function parseTemplateQuery(raw: unknown): string {
  const parsed = zViewState.safeParse(raw);
  return parsed.success ? text(parsed.data.values, DraftBlocks.templateQuery).trim().slice(0, 200) : '';
}

export interface SendChoice {
  public: boolean;
  newStatus: (typeof ZENDESK_STATUSES)[number] | null;
  sendAt: Date | null;
}
export function parseSendState(raw: unknown): SendChoice {
  const parsed = zViewState.safeParse(raw);
  const values = parsed.success ? parsed.data.values : {};
  const visibility = stateOf(values, DraftBlocks.sendVisibility)?.selected_option?.value ?? 'public';
  const status = stateOf(values, DraftBlocks.sendStatus)?.selected_option?.value ?? 'keep';
  const at = stateOf(values, DraftBlocks.sendAt)?.selected_date_time;
  return {
    public: visibility !== 'internal',
    newStatus: (ZENDESK_STATUSES as readonly string[]).includes(status)
      ? (status as SendChoice['newStatus'])
      : null,
    sendAt: typeof at === 'number' ? new Date(at * 1000) : null,
  };
}

export function parseSnoozeState(raw: unknown): { until: Date | null; untilCustomerWrites: boolean } {
  const parsed = zViewState.safeParse(raw);
  const values = parsed.success ? parsed.data.values : {};
  const at = stateOf(values, DraftBlocks.snoozeUntil)?.selected_date_time;
  const customer = (stateOf(values, DraftBlocks.snoozeCustomer)?.selected_options ?? []).some(
    (o) => o.value === 'customer',
  );
  return { until: typeof at === 'number' ? new Date(at * 1000) : null, untilCustomerWrites: customer };
}

// ---- the editor -----------------------------------------------------------------------------------

export interface EditorInput {
  ticket: DraftTicket;
  drafts: Draft[];
  draft: Draft;
  /** What the inputs show; the stored working copy unless the user's unsaved typing is carried over. */
  content: DraftContent;
  approvals: DraftApproval[];
  secondApproval: { required: boolean; reason: string | null };
  repeatedTemplates: DraftTemplate[];
  /** The customer's latest message (live from Zendesk when read). */
  inquiry: { body: string; createdAt: Date } | null;
  meta: Omit<EditorMeta, 'p'>;
  /** The reader's words (default: Japanese). */
  t?: Translate;
  templateResults?: DraftTemplate[];
  /** The reply's parts as typed (same revision: keep them); otherwise the body is split afresh. */
  parts?: string[];
  /** One line of feedback at the top ("Saved as v3", "Shared in the thread"). */
  notice?: string;
  names?: Record<string, string>;
}

function who(id: string, names?: Record<string, string>) {
  return names?.[id] ? escapeMrkdwn(names[id]) : `<@${id}>`;
}

function textInput(
  blockId: string,
  label: string,
  initial: string,
  opts: {
    multiline?: boolean;
    max: number;
    optional?: boolean;
    hint?: string;
    placeholder?: string;
    dispatch?: 'on_character_entered' | 'on_enter_pressed';
    actionId?: string;
  },
): KnownBlock {
  return inputBlock(
    blockId,
    plain(label),
    textElement(opts.actionId ?? 'value', {
      multiline: opts.multiline ?? false,
      maxLength: opts.max,
      initial: initial ? truncate(initial, opts.max) : undefined,
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder) } : {}),
      ...(opts.dispatch ? { dispatchOn: opts.dispatch } : {}),
    }),
    {
      optional: opts.optional ?? true,
      ...(opts.hint ? { hint: plain(opts.hint) } : {}),
      ...(opts.dispatch ? { dispatchAction: true } : {}),
    },
  );
}

export function countLine(body: string, parts: number, t: Translate = defaultT): string {
  const { lines, chars } = countText(body);
  const vars = { lines, chars: chars.toLocaleString('en'), parts, max: PART_MAX.toLocaleString('en') };
  return parts > 1 ? t('draft.count_parts', vars) : t('draft.count', vars);
}

/** A customer message as a section: its heading line, then the text (escaped, cut to fit a section). */
function messageSection(heading: string, body: string): KnownBlock {
  return section(truncate(`${heading}\n${escapeMrkdwn(body)}`, 2990));
}

/**
 * The "Draft reply" modal, in the order people write: what the customer asked (their first message and
 * the latest one), the reply (required to send), templates, the actions; the response policy below,
 * folded away until opened; draft switching and names last.
 */
export function buildDraftEditor(input: EditorInput): ModalView {
  const { ticket, draft, content } = input;
  const t = input.t ?? defaultT;
  const r = input.meta.r;
  const allParts = input.parts && input.parts.length > 0 ? input.parts : splitReply(content.body);
  const parts = allParts.slice(0, MAX_PARTS);
  const policyWritten = (Object.values(content.policy) as string[]).filter((v) => v.trim() !== '').length;
  const policyOpen = input.meta.o !== undefined ? input.meta.o === 1 : policyWritten > 0;
  const meta: EditorMeta = { ...input.meta, p: parts.length };
  const rev = (base: string) => `${base}__r${r}`;
  const editable = draft.status === 'open' || draft.status === 'failed';
  const blocks: KnownBlock[] = [];

  blocks.push(header(plain(`#${ticket.zendeskId} ${ticket.subject}`)));
  const requester = ticket.requester.email
    ? `${ticket.requester.name} <${ticket.requester.email}>`
    : ticket.requester.name;
  blocks.push(
    context(t('draft.from', { requester: escapeMrkdwn(requester), status: statusWord(t, ticket.status) })),
  );
  if (input.notice) blocks.push(context(input.notice));

  // What the customer asked: the original problem and, when they wrote again, the latest message.
  const first = ticket.firstCustomerMessage ?? null;
  const latest = input.inquiry;
  if (!latest && !first) blocks.push(section(t('draft.no_message')));
  else if (first && latest && first.body.trim() !== latest.body.trim()) {
    blocks.push(
      messageSection(t('draft.first_message', { when: when(first.createdAt) }), truncate(first.body, 1200)),
    );
    blocks.push(
      messageSection(
        t('draft.latest_message', { when: when(latest.createdAt), count: ticket.customerMessages ?? 2 }),
        truncate(latest.body, 1700),
      ),
    );
  } else {
    const only = (latest ?? first)!;
    blocks.push(messageSection(t('draft.only_message', { when: when(only.createdAt) }), only.body));
  }

  // Approvals and warnings sit right above the reply they are about.
  const approvals = input.approvals.map((a) => `${who(a.approverSlackId, input.names)} (v${a.version})`);
  if (approvals.length > 0) blocks.push(context(t('draft.approved_by', { names: approvals.join(', ') })));
  if (input.secondApproval.required) {
    const reason = input.secondApproval.reason ? ` (${escapeMrkdwn(input.secondApproval.reason)})` : '';
    blocks.push(context(t('draft.second_approval', { reason })));
  }
  for (const tpl of input.repeatedTemplates.slice(0, 3)) {
    blocks.push(context(t('draft.template_repeated', { title: escapeMrkdwn(tpl.title) })));
  }

  // The reply: first, and required (no "(optional)").
  parts.forEach((part, i) => {
    blocks.push(
      textInput(
        rev(DraftBlocks.replyPart(i)),
        parts.length > 1 ? t('draft.reply_part', { n: i + 1, total: parts.length }) : t('draft.reply'),
        part,
        {
          multiline: true,
          max: PART_MAX,
          optional: i > 0,
          placeholder: i === 0 ? t('draft.reply_placeholder') : undefined,
          dispatch: 'on_character_entered',
          actionId: ActionIds.draftTyping,
        },
      ),
    );
  });
  blocks.push(context(countLine(content.body, parts.length, t), DraftBlocks.count));
  if (allParts.length > MAX_PARTS) {
    blocks.push(context(t('draft.too_long', { max: MAX_REPLY_CHARS.toLocaleString('en') })));
  }

  const buttons: ActionsBlockElement[] = [];
  if (editable) buttons.push(button(ActionIds.draftSend, plain(t('draft.send')), { style: 'primary' }));
  buttons.push(button(ActionIds.draftSave, plain(t('draft.save'))));
  if (editable) buttons.push(button(ActionIds.draftShare, plain(t('draft.share'))));
  buttons.push(button(ActionIds.draftSnooze, plain(t('draft.snooze'))));
  if (parts.length < MAX_PARTS) buttons.push(button(ActionIds.draftAddPart, plain(t('draft.add_part'))));
  blocks.push(actions(buttons, 'draft_actions'));

  // Templates: the last search stays visible (with its results, or "no match") until the next one.
  blocks.push(divider());
  blocks.push(
    textInput(DraftBlocks.templateQuery, t('draft.find_template'), input.meta.q, {
      max: 200,
      dispatch: 'on_enter_pressed',
      actionId: ActionIds.draftTemplateSearch,
      placeholder: t('draft.find_template_placeholder'),
    }),
  );
  const results = input.templateResults ?? [];
  const shownQuery = escapeMrkdwn(truncate(input.meta.q, 100));
  if (input.meta.q && results.length === 0)
    blocks.push(context(t('draft.template_none', { query: shownQuery })));
  if (results.length > 0) blocks.push(context(t('draft.template_results', { query: shownQuery })));
  for (const tpl of results.slice(0, 5)) {
    const excerpt = escapeMrkdwn(
      tpl.snippet?.replace(/\s+/g, ' ') ?? truncate(tpl.body.replace(/\s+/g, ' '), 200),
    );
    blocks.push(
      section(truncate(`*${escapeMrkdwn(tpl.title)}*  _${escapeMrkdwn(tpl.path)}_\n${excerpt}`, 2990), {
        accessory: button(ActionIds.draftTemplateInsert, plain(t('draft.insert')), {
          value: tpl.id.slice(0, 2000),
        }),
      }),
    );
  }

  // The response policy (対応方針): below, folded away until someone opens it.
  blocks.push(divider());
  blocks.push(
    section(`*${t('draft.policy_header')}* · ${t('draft.policy_summary', { filled: policyWritten })}`, {
      accessory: button(
        ActionIds.draftPolicyToggle,
        plain(policyOpen ? t('draft.policy_hide') : t('draft.policy_show')),
        { value: policyOpen ? '0' : '1' },
      ),
    }),
  );
  if (policyOpen) {
    const policy: Array<[keyof DraftPolicy, Parameters<Translate>[0], Parameters<Translate>[0]]> = [
      ['facts', 'draft.policy_facts', 'draft.policy_facts_hint'],
      ['situation', 'draft.policy_situation', 'draft.policy_situation_hint'],
      ['outline', 'draft.policy_outline', 'draft.policy_outline_hint'],
      ['alternatives', 'draft.policy_alternatives', 'draft.policy_alternatives_hint'],
    ];
    for (const [key, label, placeholder] of policy) {
      blocks.push(
        textInput(rev(DraftBlocks[key]), t(label), content.policy[key], {
          multiline: true,
          max: POLICY_MAX,
          placeholder: t(placeholder),
        }),
      );
    }
  }

  // Which draft this is: one ticket, several named alternatives.
  blocks.push(divider());
  const status: string[] = [];
  status.push(
    draft.currentVersion > 0
      ? t('draft.version_line', {
          name: escapeMrkdwn(draft.name),
          version: draft.currentVersion,
          who: who(draft.updatedBySlackId, input.names),
          when: when(draft.updatedAt),
        })
      : t('draft.unsaved_line', { name: escapeMrkdwn(draft.name) }),
  );
  if (draft.status !== 'open') status.push(t('draft.state', { status: draft.status }));
  blocks.push(context(status.join(' · ')));
  const options = input.drafts
    .slice(0, 100)
    .map((d) =>
      option(
        `${d.name || t('draft.unnamed')}${d.status === 'open' ? '' : t('draft.status_suffix', { status: d.status })}`,
        d.id,
      ),
    );
  const current = options.find((o) => o.value === draft.id);
  blocks.push(
    actions(
      [
        staticSelect(ActionIds.draftSelect, options, {
          placeholder: plain(t('draft.switch')),
          ...(current ? { initial: current } : {}),
        }),
        button(ActionIds.draftNew, plain(t('draft.new'))),
      ],
      'draft_pick',
    ),
  );
  blocks.push(
    textInput(rev(DraftBlocks.name), t('draft.name'), content.name, { max: NAME_MAX, optional: false }),
  );
  blocks.push(context(t('draft.footer')));

  return modal({
    callbackId: ViewIds.draftEditor,
    title: plain(t('draft.title')),
    submit: plain(t('draft.save_close')),
    close: plain(t('draft.close')),
    notifyOnClose: true,
    privateMetadata: JSON.stringify(meta),
    blocks,
  });
}

// ---- send preview, queued, snooze ---------------------------------------------------------------

/** The writing check's findings as blocks: the blocking ones first, each with its line and excerpt. */
function writingBlocks(
  check: WritingCheckResult | null | undefined,
  t: Translate,
  locale: 'ja' | 'en',
): KnownBlock[] {
  if (check === undefined) return [];
  if (check === null) return [context(t('preview.check_unavailable'))];
  if (check.warnings.length === 0) return [context(t('preview.check_clean'))];
  const sorted = [...check.warnings].sort(
    (a, b) => Number(b.severity === 'blocking') - Number(a.severity === 'blocking') || a.index - b.index,
  );
  const lines = sorted.slice(0, 15).map((w) =>
    t('preview.check_line', {
      line: w.line,
      message: escapeMrkdwn(w.message[locale]),
      excerpt: escapeMrkdwn(truncate(w.excerpt, 80)),
    }),
  );
  const blocks: KnownBlock[] = [];
  if (check.blocking) blocks.push(section(t('preview.check_blocking')));
  blocks.push(
    section(
      truncate(
        `${t(check.blocking ? 'preview.check_header_blocked' : 'preview.check_header', { count: check.warnings.length })}\n${lines.join('\n')}`,
        2990,
      ),
    ),
  );
  return blocks;
}

/**
 * "Send reply?": what goes where, the writing check's advice (a leftover placeholder blocks the send),
 * the reply itself, and the choices (public/internal, status, send later).
 */
export function buildSendPreview(input: {
  ticket: DraftTicket;
  version: DraftVersion;
  agentName: string;
  approvals: DraftApproval[];
  repeatedTemplates: DraftTemplate[];
  undoSeconds: number;
  names?: Record<string, string>;
  /** The writing check of the reply; null: it could not run; absent: not checked. */
  writing?: WritingCheckResult | null;
  locale?: 'ja' | 'en';
}): ModalView {
  const { ticket, version } = input;
  const locale = input.locale ?? 'ja';
  const t = translator(locale);
  const to = ticket.requester.email
    ? `${ticket.requester.name} <${ticket.requester.email}>`
    : ticket.requester.name;
  const blocks: KnownBlock[] = [
    section(
      t('preview.summary', {
        id: ticket.zendeskId,
        subject: escapeMrkdwn(truncate(ticket.subject, 200)),
        to: escapeMrkdwn(to),
        agent: escapeMrkdwn(input.agentName),
        draft: escapeMrkdwn(version.name),
        version: version.version,
      }),
    ),
  ];
  if (input.approvals.length > 0) {
    blocks.push(
      context(
        t('preview.approved', {
          version: version.version,
          names: input.approvals.map((a) => who(a.approverSlackId, input.names)).join(', '),
        }),
      ),
    );
  }
  for (const tpl of input.repeatedTemplates.slice(0, 3)) {
    blocks.push(context(t('draft.template_repeated', { title: escapeMrkdwn(tpl.title) })));
  }
  blocks.push(...writingBlocks(input.writing, t, locale));
  blocks.push(header(plain(t('preview.reply_header'))));
  const pieces = version.body.trim() === '' ? ['(empty)'] : splitReply(version.body, 2900);
  const shown = pieces.slice(0, 20);
  for (const piece of shown) blocks.push(section(escapeMrkdwn(piece).slice(0, 3000)));
  if (pieces.length > shown.length)
    blocks.push(context(t('preview.more_parts', { n: pieces.length - shown.length })));
  // Slack refuses a modal with inputs but no submit button: a blocked send shows neither.
  const blocked = input.writing?.blocking === true;
  if (!blocked) {
    blocks.push(divider());
    const publicReply = option(t('preview.public'), 'public');
    blocks.push(
      inputBlock(
        DraftBlocks.sendVisibility,
        plain(t('preview.post_as')),
        radioButtons('value', [publicReply, option(t('preview.internal'), 'internal')], publicReply),
      ),
    );
    const statusOptions = [
      option(t('preview.keep_status'), 'keep'),
      ...ZENDESK_STATUSES.map((st) => option(t('preview.set_status', { status: statusWord(t, st) }), st)),
    ];
    blocks.push(
      inputBlock(
        DraftBlocks.sendStatus,
        plain(t('preview.status')),
        staticSelect('value', statusOptions, { initial: statusOptions[2] }),
      ),
    );
    // Slack adds "(optional)" to an optional input's label itself.
    blocks.push(
      inputBlock(DraftBlocks.sendAt, plain(t('preview.send_later')), dateTimePicker('value'), {
        optional: true,
      }),
    );
  }
  blocks.push(context(t('preview.footer', { seconds: input.undoSeconds })));
  return modal({
    callbackId: ViewIds.sendPreview,
    title: plain(t('preview.title')),
    // A leftover placeholder blocks the send: no Send button, only Back to the editor.
    ...(blocked ? {} : { submit: plain(t('preview.send')) }),
    close: plain(t('preview.back')),
    privateMetadata: JSON.stringify({
      d: version.draftId,
      v: version.version,
      t: ticket.zendeskId,
    } satisfies PreviewMeta),
    blocks,
  });
}

export function buildSendQueued(input: {
  sendId: string;
  ticketZendeskId: string;
  dueAt: Date;
  scheduled: boolean;
  recipient: string;
  t?: Translate;
}): ModalView {
  const t = input.t ?? defaultT;
  const vars = {
    id: input.ticketZendeskId,
    to: escapeMrkdwn(input.recipient),
    when: `*${slackDate(input.dueAt, input.scheduled ? '{date_short_pretty} {time}' : '{time_secs}')}*`,
  };
  return modal({
    callbackId: ViewIds.sendQueued,
    title: plain(t('queued.title')),
    close: plain(t('queued.done')),
    privateMetadata: JSON.stringify({ s: input.sendId }),
    blocks: [
      section(input.scheduled ? t('queued.scheduled', vars) : t('queued.soon', vars)),
      actions(
        [button(ActionIds.sendUndo, plain(t('queued.undo')), { style: 'danger', value: input.sendId })],
        'send_undo',
      ),
    ],
  });
}

export function buildSendOutcome(text: string, t: Translate = defaultT): ModalView {
  return modal({
    callbackId: ViewIds.sendQueued,
    title: plain(t('outcome.title')),
    close: plain(t('queued.done')),
    privateMetadata: '{}',
    blocks: [section(text)],
  });
}

export function buildSnoozeModal(ticket: DraftTicket, t: Translate = defaultT): ModalView {
  return modal({
    callbackId: ViewIds.snooze,
    title: plain(t('dthread.snooze_title')),
    submit: plain(t('dthread.snooze_submit')),
    close: plain(t('dthread.snooze_back')),
    privateMetadata: JSON.stringify({ t: ticket.zendeskId }),
    blocks: [
      section(
        t('dthread.snooze_intro', {
          id: ticket.zendeskId,
          subject: escapeMrkdwn(truncate(ticket.subject, 200)),
        }),
      ),
      inputBlock(DraftBlocks.snoozeUntil, plain(t('dthread.snooze_until')), dateTimePicker('value'), {
        optional: true,
      }),
      inputBlock(
        DraftBlocks.snoozeCustomer,
        plain(t('dthread.snooze_or')),
        checkboxes('value', [option(t('dthread.snooze_until_customer'), 'customer')]),
        { optional: true },
      ),
    ],
  });
}
