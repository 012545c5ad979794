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
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

/** Slack's plain_text_input holds at most 3,000 characters: longer replies are written in parts. */
export const PART_MAX = 3000;
/** 10 parts: 30,000 characters, far more than any reply; Zendesk itself truncates comments past 64 kB. */
export const MAX_PARTS = 10;
export const MAX_REPLY_CHARS = MAX_PARTS * PART_MAX;
const POLICY_MAX = 3000;
const NAME_MAX = 80;

const when = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

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
  inquiry: { body: string; createdAt: Date } | null;
  meta: Omit<EditorMeta, 'p'>;
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

export function countLine(body: string, parts: number): string {
  const { lines, chars } = countText(body);
  const per =
    parts > 1
      ? ` · ${parts} parts of up to ${PART_MAX.toLocaleString('en')} characters, sent as one reply`
      : '';
  return `:memo: *${lines}* line${lines === 1 ? '' : 's'} · *${chars.toLocaleString('en')}* character${chars === 1 ? '' : 's'}${per}`;
}

/** The "Draft reply" modal: inquiry, response policy, reply editor in parts, templates, actions. */
export function buildDraftEditor(input: EditorInput): ModalView {
  const { ticket, draft, content } = input;
  const r = input.meta.r;
  const allParts = input.parts && input.parts.length > 0 ? input.parts : splitReply(content.body);
  const parts = allParts.slice(0, MAX_PARTS);
  const meta: EditorMeta = { ...input.meta, p: parts.length };
  const rev = (base: string) => `${base}__r${r}`;
  const editable = draft.status === 'open' || draft.status === 'failed';
  const blocks: KnownBlock[] = [];

  blocks.push(header(plain(`#${ticket.zendeskId} ${ticket.subject}`)));
  const requester = ticket.requester.email
    ? `${ticket.requester.name} <${ticket.requester.email}>`
    : ticket.requester.name;
  blocks.push(context(`From *${escapeMrkdwn(requester)}* · status *${ticket.status}*`));
  if (input.notice) blocks.push(context(input.notice));
  const inquiry = input.inquiry
    ? `*Inquiry* (latest customer message, ${when(input.inquiry.createdAt)})\n${escapeMrkdwn(input.inquiry.body)}`
    : '*Inquiry*\n_No message from the customer yet._';
  blocks.push(section(truncate(inquiry, 2990)));
  blocks.push(divider());

  // Draft switcher: one ticket, several named alternatives.
  const options = input.drafts
    .slice(0, 100)
    .map((d) => option(`${d.name || '(unnamed)'}${d.status === 'open' ? '' : ` (${d.status})`}`, d.id));
  const current = options.find((o) => o.value === draft.id);
  blocks.push(
    actions(
      [
        staticSelect(ActionIds.draftSelect, options, {
          placeholder: plain('Switch draft'),
          ...(current ? { initial: current } : {}),
        }),
        button(ActionIds.draftNew, plain('New draft')),
      ],
      'draft_pick',
    ),
  );

  const status: string[] = [];
  status.push(
    draft.currentVersion > 0
      ? `Draft *${escapeMrkdwn(draft.name)}* · v${draft.currentVersion} · last edit by ${who(draft.updatedBySlackId, input.names)} ${when(draft.updatedAt)}`
      : `Draft *${escapeMrkdwn(draft.name)}* · not saved as a version yet`,
  );
  if (draft.status !== 'open') status.push(`status *${draft.status}*`);
  blocks.push(context(status.join(' · ')));
  const approvals = input.approvals.map((a) => `${who(a.approverSlackId, input.names)} (v${a.version})`);
  if (approvals.length > 0) blocks.push(context(`:white_check_mark: Approved by ${approvals.join(', ')}`));
  if (input.secondApproval.required) {
    blocks.push(
      context(
        `:warning: The care chart asks for a *second agent's approval* before sending${input.secondApproval.reason ? ` (${escapeMrkdwn(input.secondApproval.reason)})` : ''}. Share the draft; a colleague approves the version you send.`,
      ),
    );
  }
  for (const t of input.repeatedTemplates.slice(0, 3)) {
    blocks.push(
      context(`:warning: Template *${escapeMrkdwn(t.title)}* was already sent to this customer before.`),
    );
  }

  blocks.push(
    textInput(rev(DraftBlocks.name), 'Draft name', content.name, { max: NAME_MAX, optional: false }),
  );
  blocks.push(header(plain('Response policy (対応方針)')));
  const policy: Array<[keyof DraftPolicy, string, string]> = [
    ['facts', 'User facts looked up', 'What the admin tools say about this user'],
    ['situation', "The user's situation (guesses welcome)", 'What probably happened, and how they feel'],
    ['outline', 'Outline of the reply', 'The points the reply makes, in order'],
    ['alternatives', 'Other candidate policies', 'When undecided: the other ways to answer'],
  ];
  for (const [key, label, placeholder] of policy) {
    blocks.push(
      textInput(rev(DraftBlocks[key]), label, content.policy[key], {
        multiline: true,
        max: POLICY_MAX,
        placeholder,
      }),
    );
  }

  blocks.push(header(plain('Reply')));
  parts.forEach((part, i) => {
    blocks.push(
      textInput(
        rev(DraftBlocks.replyPart(i)),
        parts.length > 1 ? `Reply (part ${i + 1} of ${parts.length})` : 'Reply',
        part,
        {
          multiline: true,
          max: PART_MAX,
          dispatch: 'on_character_entered',
          actionId: ActionIds.draftTyping,
        },
      ),
    );
  });
  blocks.push(context(countLine(content.body, parts.length), DraftBlocks.count));
  if (allParts.length > MAX_PARTS) {
    blocks.push(
      context(
        `:warning: This reply is longer than the editor holds (${MAX_REPLY_CHARS.toLocaleString('en')} characters): the end is not shown and would be lost on save. Shorten it first.`,
      ),
    );
  }
  if (parts.length < MAX_PARTS) {
    blocks.push(actions([button(ActionIds.draftAddPart, plain('Add a part (longer reply)'))], 'reply_more'));
  }

  blocks.push(divider());
  blocks.push(
    textInput(DraftBlocks.templateQuery, 'Find a template', input.meta.q, {
      max: 200,
      dispatch: 'on_enter_pressed',
      actionId: ActionIds.draftTemplateSearch,
      placeholder: 'Words from the title or text, then Enter',
    }),
  );
  const results = input.templateResults ?? [];
  if (input.meta.q && results.length === 0)
    blocks.push(context(`No template matches “${escapeMrkdwn(truncate(input.meta.q, 100))}”.`));
  for (const t of results.slice(0, 5)) {
    blocks.push(
      section(
        `*${escapeMrkdwn(t.title)}*  _${escapeMrkdwn(t.path)}_\n${escapeMrkdwn(truncate(t.body.replace(/\s+/g, ' '), 200))}`,
        { accessory: button(ActionIds.draftTemplateInsert, plain('Insert'), { value: t.id.slice(0, 2000) }) },
      ),
    );
  }

  blocks.push(divider());
  const buttons: ActionsBlockElement[] = [button(ActionIds.draftSave, plain('Save'))];
  if (editable) {
    buttons.push(button(ActionIds.draftShare, plain('Share for review')));
    buttons.push(button(ActionIds.draftSend, plain('Send…'), { style: 'primary' }));
  }
  buttons.push(button(ActionIds.draftSnooze, plain('Snooze…')));
  blocks.push(actions(buttons, 'draft_actions'));
  blocks.push(
    context(
      'Drafts are saved on Save, on submit and when you close this window. Nothing typed here or in the thread reaches the customer until you press *Send…* and confirm.',
    ),
  );

  return modal({
    callbackId: ViewIds.draftEditor,
    title: plain('Draft reply'),
    submit: plain('Save & close'),
    close: plain('Close'),
    notifyOnClose: true,
    privateMetadata: JSON.stringify(meta),
    blocks,
  });
}

// ---- send preview, queued, snooze ---------------------------------------------------------------

export function buildSendPreview(input: {
  ticket: DraftTicket;
  version: DraftVersion;
  agentName: string;
  approvals: DraftApproval[];
  repeatedTemplates: DraftTemplate[];
  undoSeconds: number;
  names?: Record<string, string>;
}): ModalView {
  const { ticket, version } = input;
  const to = ticket.requester.email
    ? `${ticket.requester.name} <${ticket.requester.email}>`
    : ticket.requester.name;
  const blocks: KnownBlock[] = [
    section(
      `*Ticket* #${ticket.zendeskId} ${escapeMrkdwn(truncate(ticket.subject, 200))}\n*To* ${escapeMrkdwn(to)}\n*From* ${escapeMrkdwn(input.agentName)} (your Zendesk agent)\n*Draft* ${escapeMrkdwn(version.name)} · v${version.version}`,
    ),
  ];
  if (input.approvals.length > 0) {
    blocks.push(
      context(
        `:white_check_mark: v${version.version} approved by ${input.approvals.map((a) => who(a.approverSlackId, input.names)).join(', ')}`,
      ),
    );
  }
  for (const t of input.repeatedTemplates.slice(0, 3)) {
    blocks.push(
      context(`:warning: Template *${escapeMrkdwn(t.title)}* was already sent to this customer before.`),
    );
  }
  const publicReply = option('Public reply to the customer', 'public');
  blocks.push(
    inputBlock(
      DraftBlocks.sendVisibility,
      plain('Post as'),
      radioButtons('value', [publicReply, option('Internal note (team only)', 'internal')], publicReply),
    ),
  );
  const statusOptions = [
    option('Keep the current status', 'keep'),
    ...ZENDESK_STATUSES.map((s) => option(`Set to ${s}`, s)),
  ];
  blocks.push(
    inputBlock(
      DraftBlocks.sendStatus,
      plain('Ticket status'),
      staticSelect('value', statusOptions, { initial: statusOptions[2] }),
    ),
  );
  blocks.push(
    inputBlock(DraftBlocks.sendAt, plain('Send later (optional)'), dateTimePicker('value'), {
      optional: true,
    }),
  );
  blocks.push(header(plain('The reply')));
  const pieces = splitReply(version.body || '(empty)', 2900);
  const shown = pieces.slice(0, 20);
  for (const piece of shown) blocks.push(section(escapeMrkdwn(piece).slice(0, 3000)));
  if (pieces.length > shown.length) blocks.push(context(`…and ${pieces.length - shown.length} more parts.`));
  blocks.push(
    context(
      `After *Send* you have ${input.undoSeconds} s to undo. Only this button sends; nothing typed in the thread ever reaches the customer.`,
    ),
  );
  return modal({
    callbackId: ViewIds.sendPreview,
    title: plain('Send reply?'),
    submit: plain('Send'),
    close: plain('Back'),
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
}): ModalView {
  const lines = input.scheduled
    ? `:calendar: The reply to #${input.ticketZendeskId} (${escapeMrkdwn(input.recipient)}) is scheduled for *${when(input.dueAt)}*. You can undo until then.`
    : `:hourglass_flowing_sand: The reply to #${input.ticketZendeskId} (${escapeMrkdwn(input.recipient)}) goes at *${input.dueAt.toISOString().slice(11, 19)} UTC*. Undo now to keep it as a draft.`;
  return modal({
    callbackId: ViewIds.sendQueued,
    title: plain('Sending'),
    close: plain('Done'),
    privateMetadata: JSON.stringify({ s: input.sendId }),
    blocks: [
      section(lines),
      actions(
        [button(ActionIds.sendUndo, plain('Undo'), { style: 'danger', value: input.sendId })],
        'send_undo',
      ),
    ],
  });
}

export function buildSendOutcome(text: string): ModalView {
  return modal({
    callbackId: ViewIds.sendQueued,
    title: plain('Send reply'),
    close: plain('Done'),
    privateMetadata: '{}',
    blocks: [section(text)],
  });
}

export function buildSnoozeModal(ticket: DraftTicket): ModalView {
  return modal({
    callbackId: ViewIds.snooze,
    title: plain('Snooze ticket'),
    submit: plain('Snooze'),
    close: plain('Back'),
    privateMetadata: JSON.stringify({ t: ticket.zendeskId }),
    blocks: [
      section(
        `Snooze #${ticket.zendeskId} ${escapeMrkdwn(truncate(ticket.subject, 200))}: the thread is pinged when it wakes.`,
      ),
      inputBlock(DraftBlocks.snoozeUntil, plain('Until'), dateTimePicker('value'), { optional: true }),
      inputBlock(
        DraftBlocks.snoozeCustomer,
        plain('Or'),
        checkboxes('value', [option('Until the customer writes', 'customer')]),
        { optional: true },
      ),
    ],
  });
}
