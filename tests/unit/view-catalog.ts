import type {
  CareChart,
  CareChartRevision,
  CustomerRecord,
  HistoryEntry,
} from '../../src/domain/care/care-chart-model.ts';
import type { CareContext } from '../../src/domain/care/care-service.ts';
import type {
  Draft,
  DraftTemplate,
  DraftTicket,
  DraftVersion,
  ReplySend,
} from '../../src/domain/drafting/draft.ts';
import type { SlackMessage } from '../../src/domain/outbox/outbox.ts';
import type { ReminderInput } from '../../src/domain/reminders/ports.ts';
import { pickBadge } from '../../src/domain/team/agent-badges.ts';
import type { TemplateSearchHit } from '../../src/domain/templates/ports.ts';
import type { Template, TemplateVersion } from '../../src/domain/templates/template.ts';
import type { AlertRule } from '../../src/domain/volume/volume-model.ts';
import { translator } from '../../src/i18n/index.ts';
import { buildAgentHome } from '../../src/views/app-home.ts';
import { buildAssignModal } from '../../src/views/assign-modal.ts';
import {
  buildCareEditModal,
  buildCareHistoryModal,
  buildCareRevisionsModal,
  buildCareRootParts,
  buildClipAddedMessage,
  buildErrorModal,
} from '../../src/views/care-chart.ts';
import {
  buildDraftEditor,
  buildSendOutcome,
  buildSendPreview,
  buildSendQueued,
  buildSnoozeModal,
} from '../../src/views/draft-modal.ts';
import { createDraftThreadRenderer, draftThreadRenderer } from '../../src/views/draft-thread.ts';
import { buildHelpMessage, buildStatusMessage } from '../../src/views/help.ts';
import { buildLoadingView, buildProblemView } from '../../src/views/loading.ts';
import { buildSplitConfirmModal, splitAnswerText } from '../../src/views/split.ts';
import { buildChannelEscalation, buildThreadReminder } from '../../src/views/target-reminder.ts';
import { templateRankingBlocks } from '../../src/views/template-figures.ts';
import {
  buildFolderMoveModal,
  buildTemplateBrowserModal,
  buildTemplateCopyMessage,
  buildTemplateEditorModal,
  buildTemplateErrorMessage,
  buildTemplateHistoryModal,
  buildTemplateLoadingMessage,
  buildTemplateModal,
  buildTemplateMoveModal,
  buildTemplateNoResultsMessage,
  buildTemplateNoticeModal,
  buildTemplateResultsMessage,
  buildTemplateSearchModal,
  buildTemplateUsageMessage,
} from '../../src/views/templates.ts';
import { buildThreadComment, buildTicketRootMessage } from '../../src/views/ticket-thread.ts';
import {
  buildFollowUpModal,
  buildFollowUpNote,
  buildFollowUpRequest,
  buildSubscribed,
  buildSubscriptionList,
  buildVoiceDigest,
  buildVoiceHelp,
  buildVoiceMessages,
} from '../../src/views/voice.ts';
import {
  buildHomeView,
  buildVolumeAlert,
  buildVolumeUsage,
  createAlertRenderer,
} from '../../src/views/volume.ts';
import { sampleAgentHome, sampleToday } from '../fixtures/home/sample-home.ts';
import {
  type SampleTicketOverrides,
  sampleComment,
  sampleInbox,
  sampleTicket,
} from '../fixtures/sample-ticket.ts';

/**
 * Every Block Kit builder in src/views, run with representative data (Japanese text, customer-controlled
 * characters that need escaping, long bodies): what views-schema.test.ts checks against Slack's schema.
 */
export type CatalogEntry =
  | { name: string; kind: 'message'; value: SlackMessage }
  | { name: string; kind: 'modal' | 'home'; value: unknown };

const at = new Date('2026-03-02T01:16:00Z');
const later = new Date('2026-03-02T05:40:00Z');

const customer: CustomerRecord = {
  id: 'c1',
  zendeskUserId: '1005',
  name: '山田 花子 <Yamada & Co>',
  email: 'hanako@example.com',
  organizationName: 'Example & Co <Ltd>',
  externalId: 'svc-1',
  serviceUserId: 'svc-1',
  mergedIntoId: null,
};
const chart: CareChart = {
  customerId: 'c1',
  version: 3,
  updatedAt: at,
  updatedBySlackId: 'U0AGENT1',
  notes: 'Prefers email.\n<https://example.slack.com/archives/C1/p1700000000000100|写真が消えた件>',
  flagged: true,
  flagReason: '前回の返金対応で強いご不満 <重要>',
  facts: [
    { key: 'plan', value: 'Premium' },
    { key: '言語', value: '日本語' },
  ],
};
const care: CareContext = { customer, requesterZendeskUserId: '1005', chart, priorTickets: 4 };
const entries: HistoryEntry[] = Array.from({ length: 3 }, (_, i) => ({
  zendeskId: String(1000 + i),
  subject: `写真がアップロードできない <${i}>`,
  status: 'solved',
  createdAt: at,
  updatedAt: later,
  answeredBy: i === 0 ? null : 'Aiko Sato',
  policy: i === 1 ? 'まず謝罪し、\n返金手順を案内する。' : null,
  thread: i % 2 ? { channelId: 'C0PHOTOS', ts: '1700000000.000100' } : null,
  zendeskUrl: `https://example.zendesk.com/agent/tickets/${1000 + i}`,
  onlyInZendesk: i % 2 === 0,
}));
const revisions: CareChartRevision[] = [
  {
    version: 3,
    kind: 'edit',
    authorSlackId: 'U0AGENT1',
    summary: 'flag set',
    createdAt: later,
    content: chart,
  },
  {
    version: 2,
    kind: 'clip',
    authorSlackId: null,
    summary: 'notes edited',
    createdAt: at,
    content: { notes: 'a\nb', flagged: false, flagReason: null, facts: [] },
  },
];

const inbox = sampleInbox({ name: 'Photos <support>' });
const snapshot = (over: SampleTicketOverrides = {}) =>
  sampleTicket({
    subject: '写真が消えました & <助けて>',
    priority: 'high',
    requester: { organizationName: 'Example & Co' },
    assignee: { zendeskUserId: '9', name: 'Aiko <Sato>', email: null },
    tags: ['photos', 'bug'],
    createdAt: at,
    updatedAt: later,
    ...over,
  });
const comment = (body: string) => sampleComment({ body, createdAt: later });

const ticket: DraftTicket = {
  id: 't1',
  zendeskId: '42',
  subject: '写真が消えました',
  status: 'open',
  tags: [],
  channelId: 'C1',
  rootTs: '1.1',
  requester: { zendeskUserId: '1005', name: '山田 花子', email: 'hanako@example.com' },
  latestCustomerMessage: { body: '昨日から写真が見られません。<b>至急</b>', createdAt: at },
};
const draft: Draft = {
  id: 'd1',
  ticketZendeskId: '42',
  name: '返金案内',
  policy: { facts: 'Premium plan', situation: '不安', outline: '謝罪 → 手順', alternatives: '' },
  body: '山田様\n\nお問い合わせありがとうございます。\n',
  templateIds: [],
  status: 'open',
  currentVersion: 2,
  createdBySlackId: 'U1',
  updatedBySlackId: 'U1',
  updatedAt: at,
};
const version: DraftVersion = {
  ...draft,
  draftId: 'd1',
  version: 2,
  savedBySlackId: 'U1',
  reason: 'share',
  createdAt: at,
};
const draftTemplates: DraftTemplate[] = [
  { id: 'tpl-1', title: '返金のご案内', body: '返金は5営業日以内に…', path: '請求/返金' },
];
const send = (over: Partial<ReplySend> = {}): ReplySend => ({
  id: 's1',
  kind: 'reply',
  draftId: 'd1',
  version: 2,
  ticketZendeskId: '42',
  senderSlackId: 'U1',
  authorZendeskId: '9',
  body: '山田様\nご連絡ありがとうございます。',
  public: true,
  newStatus: 'pending',
  status: 'sent',
  dueAt: at,
  attempts: 1,
  lastError: null,
  sentAt: later,
  ...over,
});

const template = (over: Partial<Template> = {}): Template => ({
  id: 'tpl-1',
  path: '請求/返金',
  title: '返金のご案内 <新>',
  body: '山田様\n\n返金は5営業日以内に行います。\n',
  tags: ['refund', 'billing'],
  product: 'Photos',
  author: 'U0LEAD',
  version: 3,
  deletedAt: null,
  createdAt: at,
  updatedAt: later,
  ...over,
});
const templateVersions: TemplateVersion[] = [1, 2, 3].map((v) => ({
  templateId: 'tpl-1',
  version: v,
  author: v === 1 ? 'import' : 'U0LEAD',
  change: v === 1 ? 'created' : 'edited',
  createdAt: at,
  path: '請求/返金',
  title: '返金のご案内',
  body: `v${v}`,
  tags: [],
  product: null,
}));
const hits: TemplateSearchHit[] = [
  {
    id: 'tpl-1',
    title: '返金のご案内',
    path: '請求/返金',
    score: 3,
    evidence: 3,
    snippet: '*返金*は5営業日 <以内>',
  },
  { id: 'tpl-2', title: '解約', path: '', score: 1, evidence: 1, snippet: '解約の手順' },
];
const ctx = { c: 'C0SUPPORT', th: '1700000000.000100' };

const baselineRule: AlertRule = {
  id: 'all-hour',
  scope: 'all',
  channelId: 'C0ALERTS',
  windowMinutes: 60,
  kind: 'baseline',
  weeks: 4,
  factor: 2,
  minExcess: 5,
  minCount: 10,
};
const thresholdRule: AlertRule = {
  id: 'bug<tag>',
  scope: 'tag:bug',
  channelId: 'C0ALERTS',
  windowMinutes: 30,
  kind: 'threshold',
  threshold: 8,
};
const reading = { count: 24, baseline: 6, level: 12, firing: true };
const subscription = {
  id: 'v1',
  channelId: 'C0VOICE',
  filter: { terms: [] },
  filterText: 'product:photos tag:bug <x>',
  createdBy: 'U1',
  createdAt: at,
} as unknown as Parameters<typeof buildSubscribed>[1];

/** Reminder inputs with characters that need escaping and the three assignee cases. */
export const reminderSamples: Array<['ja' | 'en', ReminderInput]> = (() => {
  const base: ReminderInput = {
    ticket: {
      zendeskId: '42',
      subject: '請求書 <再発行> & 宛名 *変更*',
      zendeskUrl: 'https://example.zendesk.com/agent/tickets/42',
      channelId: 'C0SUPPORT',
      rootTs: '1700000000.000100',
    },
    inboxName: 'Billing <請求>',
    kind: 'first',
    targetMinutes: 60,
    dueAt: at,
    lateMinutes: 75,
    assignee: { name: 'Aiko Sato', slackUserId: 'U0AGENT1' },
    lead: 'U0LEAD',
  };
  return [
    ['ja', base],
    ['en', { ...base, kind: 'next', targetMinutes: 240, lateMinutes: 0 }],
    ['ja', { ...base, assignee: null, lead: null, ticket: { ...base.ticket, rootTs: null } }],
    ['en', { ...base, assignee: { name: 'Kenji <T>', slackUserId: null } }],
  ];
})();

export function viewCatalog(): CatalogEntry[] {
  const m = (name: string, value: SlackMessage): CatalogEntry => ({ name, kind: 'message', value });
  const v = (name: string, value: unknown, kind: 'modal' | 'home' = 'modal'): CatalogEntry => ({
    name,
    kind,
    value,
  });
  const list: CatalogEntry[] = [];
  const links = { zendeskUrl: 'https://example.zendesk.com/agent/tickets/42' };
  // Response-target reminders: thread (assigned, unmapped, unassigned) and channel, both languages.
  for (const [locale, input] of reminderSamples) {
    const t = translator(locale);
    list.push(m(`reminder in thread (${locale})`, buildThreadReminder(t, input)));
    list.push(m(`reminder in channel (${locale})`, buildChannelEscalation(t, input)));
  }

  // ticket threads
  list.push(m('ticket root', buildTicketRootMessage(snapshot(), inbox, links)));
  list.push(m('ticket root with care', buildTicketRootMessage(snapshot(), inbox, links, care)));
  list.push(
    m(
      'ticket root, no email, unassigned, new care',
      buildTicketRootMessage(
        snapshot({
          assignee: null,
          priority: null,
          tags: [],
          requester: { email: null, organizationName: null },
        }),
        inbox,
        links,
        { ...care, chart: null, priorTickets: 0 },
      ),
    ),
  );
  buildThreadComment(snapshot(), comment('こんにちは <@U123> & <!channel>'), 'customer').forEach((x, i) => {
    list.push(m(`customer comment ${i}`, x));
  });
  buildThreadComment(snapshot(), comment('あ'.repeat(12_000)), 'agent').forEach((x, i) => {
    list.push(m(`long agent comment ${i}`, x));
  });

  // care chart
  list.push(m('care root parts, flagged', buildCareRootParts(care)));
  list.push(
    m('care root parts, plain chart', buildCareRootParts({ ...care, chart: { ...chart, flagged: false } })),
  );
  const tJa = translator('ja');
  const tEn = translator('en');
  list.push(v('care error', buildErrorModal(tJa, 'Zendesk said <500>')));
  // Loading views (a modal opens at once, views.update fills it) and what replaces one when the work failed.
  for (const key of [
    'ops.loading.text',
    'care.loading',
    'modals.loading.editor',
    'modals.loading.follow_up',
    'ops.loading.templates',
  ] as const)
    list.push(v(`loading (${key})`, buildLoadingView(key)));
  list.push(v('problem, back to the draft', buildProblemView(tEn, 'Zendesk said <500>', { back: true })));
  for (const [lang, t] of [['ja', tJa] as const, ['en', tEn] as const]) {
    list.push(
      v(
        `care history (${lang})`,
        buildCareHistoryModal(t, { customer, chart, entries, zendeskProblem: 'timeout' }, 0),
      ),
    );
    list.push(v(`care edit (${lang})`, buildCareEditModal(t, customer, chart)));
  }
  list.push(
    v(
      'care history, no chart, paged',
      buildCareHistoryModal(
        tJa,
        {
          customer,
          chart: null,
          entries: Array.from({ length: 90 }, (_, i) => ({ ...entries[0]!, zendeskId: String(i) })),
          zendeskProblem: null,
        },
        1,
      ),
    ),
  );
  list.push(v('care edit, new', buildCareEditModal(tEn, { ...customer, email: null }, null)));
  list.push(v('care revisions', buildCareRevisionsModal(tJa, customer, revisions)));
  list.push(m('clip added', buildClipAddedMessage(tJa, customer, chart)));

  // drafting
  const editorInput = {
    ticket,
    drafts: [draft, { ...draft, id: 'd2', name: '別案', status: 'sent' as const }],
    draft,
    content: draft,
    approvals: [{ draftId: 'd1', version: 2, approverSlackId: 'U2', createdAt: at }],
    secondApproval: { required: true, reason: 'care chart <flag>' },
    repeatedTemplates: draftTemplates,
    inquiry: ticket.latestCustomerMessage,
    meta: { t: '42', d: 'd1', r: 1, q: '返金', c: 'C1' },
    templateResults: draftTemplates,
    notice: ':white_check_mark: Saved as v2',
    names: { U1: 'Aiko', U2: 'Ben <b>' },
  };
  list.push(v('draft editor', buildDraftEditor(editorInput)));
  list.push(
    v(
      'draft editor, sent, no results',
      buildDraftEditor({
        ...editorInput,
        draft: { ...draft, status: 'sent', currentVersion: 0 },
        approvals: [],
        secondApproval: { required: false, reason: null },
        repeatedTemplates: [],
        inquiry: null,
        templateResults: [],
        parts: ['a', 'b'],
        notice: undefined,
      }),
    ),
  );
  const preview = {
    ticket,
    version,
    agentName: 'Aiko Sato',
    approvals: editorInput.approvals,
    repeatedTemplates: draftTemplates,
    undoSeconds: 10,
  };
  list.push(v('send preview', buildSendPreview(preview)));
  list.push(
    v(
      'send preview, empty',
      buildSendPreview({ ...preview, version: { ...version, body: '' }, approvals: [] }),
    ),
  );
  list.push(
    v(
      'send queued',
      buildSendQueued({
        sendId: 's1',
        ticketZendeskId: '42',
        dueAt: later,
        scheduled: false,
        recipient: 'a <b>',
      }),
    ),
  );
  list.push(
    v(
      'send scheduled',
      buildSendQueued({ sendId: 's1', ticketZendeskId: '42', dueAt: later, scheduled: true, recipient: 'x' }),
    ),
  );
  list.push(v('send outcome', buildSendOutcome(':warning: Zendesk said no')));
  list.push(v('snooze', buildSnoozeModal(ticket)));
  list.push(
    m(
      'draft shared',
      draftThreadRenderer.shared({ draft: version, ticket, sharedBy: 'U1', needsSecondApproval: true }),
    ),
  );
  list.push(
    m(
      'draft shared, empty',
      draftThreadRenderer.shared({
        draft: { ...version, body: ' ', policy: { facts: '', situation: '', outline: '', alternatives: '' } },
        ticket,
        sharedBy: 'U1',
        needsSecondApproval: false,
      }),
    ),
  );
  list.push(
    m(
      'draft approved',
      draftThreadRenderer.approved({ draft: version, approverSlackId: 'U2', authorSlackId: 'U1' }),
    ),
  );
  list.push(
    m(
      'reply sent',
      draftThreadRenderer.sent({
        send: send(),
        draftName: '返金案内',
        senderName: 'Aiko',
        at: later,
        ticket,
      }),
    ),
  );
  list.push(
    m(
      'note sent',
      draftThreadRenderer.sent({
        send: send({ kind: 'note', draftId: null }),
        draftName: '',
        senderName: 'Aiko',
        at: later,
        ticket,
      }),
    ),
  );
  for (const reason of ['rejected', 'not_found', 'gave_up'] as const)
    list.push(
      m(
        `send failed (${reason})`,
        draftThreadRenderer.failed({ send: send(), draftName: '返金案内', reason }),
      ),
    );
  list.push(m('send retrying', draftThreadRenderer.retrying({ send: send(), draftName: '返金案内' })));
  list.push(
    m('draft shared, then sent', draftThreadRenderer.sharedSent({ draft: version, send: send(), at: later })),
  );
  list.push(
    m(
      'draft shared, another version sent',
      createDraftThreadRenderer('en').sharedSent({
        draft: { ...version, version: 1 },
        send: send({ version: 2 }),
        at: later,
      }),
    ),
  );
  const snooze = {
    id: 'z',
    ticketZendeskId: '42',
    until: later,
    untilCustomerWrites: true,
    createdBySlackId: 'U1',
    createdAt: at,
  };
  list.push(m('snooze woke (time)', draftThreadRenderer.snoozeWoke({ snooze, reason: 'time' })));
  list.push(m('snooze woke (customer)', draftThreadRenderer.snoozeWoke({ snooze, reason: 'customer' })));

  // help
  list.push(m('help', buildHelpMessage()));
  list.push(
    m(
      'status',
      buildStatusMessage({
        inboxes: [{ id: 'photos', name: 'Photos', channelId: 'C0PHOTOS', isDefault: true }],
        tickets: 12,
        outbox: { pending: 1, sending: 0, sent: 40, failed: 2 },
      }),
    ),
  );
  list.push(
    m(
      'status, no inboxes',
      buildStatusMessage({ inboxes: [], tickets: 0, outbox: { pending: 0, sending: 0, sent: 0, failed: 0 } }),
    ),
  );

  // templates
  list.push(m('template results', buildTemplateResultsMessage('返金 <x>', hits, ctx)));
  list.push(m('template usage', buildTemplateUsageMessage(ctx)));
  list.push(m('template no results', buildTemplateNoResultsMessage('xyzzy <宇宙船>')));
  list.push(m('template loading', buildTemplateLoadingMessage('返金')));
  list.push(m('template error', buildTemplateErrorMessage('Not allowed <x>')));
  list.push(m('template copy', buildTemplateCopyMessage(template())));
  list.push(v('template search, no query', buildTemplateSearchModal('', null, ctx)));
  list.push(v('template search, none', buildTemplateSearchModal('xyzzy', [], {})));
  list.push(v('template search, hits', buildTemplateSearchModal('返金', hits, ctx)));
  list.push(
    v('template', buildTemplateModal(template(), { canEdit: true, ctx, note: ':white_check_mark: Saved' })),
  );
  list.push(
    v('template, deleted', buildTemplateModal(template({ deletedAt: at }), { canEdit: true, ctx: {} })),
  );
  list.push(
    v(
      'template, read only',
      buildTemplateModal(template({ tags: [], product: null, author: null }), { canEdit: false, ctx }),
    ),
  );
  list.push(v('template editor, new', buildTemplateEditorModal({ folder: '請求', ctx })));
  list.push(v('template editor, edit', buildTemplateEditorModal({ template: template(), ctx })));
  list.push(
    v(
      'template editor, too long',
      buildTemplateEditorModal({ template: template({ body: 'x'.repeat(3001) }), ctx }),
    ),
  );
  list.push(v('template move', buildTemplateMoveModal(template(), ctx)));
  list.push(v('template move, root', buildTemplateMoveModal(template({ path: '' }), ctx)));
  list.push(
    v('template history, one', buildTemplateHistoryModal(template(), templateVersions.slice(0, 1), ctx)),
  );
  list.push(
    v(
      'template history, diff',
      buildTemplateHistoryModal(template(), templateVersions, ctx, {
        from: 1,
        to: 3,
        lines: ['- v1', '+ v3 ```'],
      }),
    ),
  );
  list.push(
    v(
      'template history, same',
      buildTemplateHistoryModal(template(), templateVersions, ctx, { from: 2, to: 2, lines: [] }),
    ),
  );
  const listing = (folder: string, n: number) => ({
    folder,
    subfolders: [{ path: `${folder ? `${folder}/` : ''}返金`, name: '返金', count: 3 }],
    templates: Array.from({ length: n }, (_, i) => template({ id: `tpl-${i}` })),
  });
  list.push(v('template browser, root', buildTemplateBrowserModal(listing('', 2), { canEdit: false, ctx })));
  list.push(
    v(
      'template browser, folder',
      buildTemplateBrowserModal(listing('請求', 45), { canEdit: true, ctx, page: 1 }),
    ),
  );
  list.push(
    v(
      'template browser, empty',
      buildTemplateBrowserModal({ folder: '空', subfolders: [], templates: [] }, { canEdit: true, ctx }),
    ),
  );
  list.push(v('folder move', buildFolderMoveModal('請求/返金', ctx)));
  list.push(v('template notice', buildTemplateNoticeModal('Not allowed', 'Only editors <x> may edit.')));
  // the same template screens in English (Kenji reads en-US): longer labels, same limits
  const en = translator('en');
  list.push(v('template, en', buildTemplateModal(template(), { canEdit: true, ctx, tr: en })));
  list.push(v('template editor, en', buildTemplateEditorModal({ template: template(), ctx, tr: en })));
  list.push(
    v('template history, en', buildTemplateHistoryModal(template(), templateVersions, ctx, undefined, en)),
  );
  list.push(
    v('template browser, en', buildTemplateBrowserModal(listing('請求', 45), { canEdit: true, ctx, tr: en })),
  );
  list.push(v('folder move, en', buildFolderMoveModal('請求/返金', ctx, en)));
  list.push(m('template copy, en', buildTemplateCopyMessage(template(), en)));

  // voice
  const voice = {
    ticketZendeskId: '42',
    subject: '写真 <消えた>',
    tags: ['bug'],
    productName: 'Photos',
    body: '昨日から & <見られない>',
    at,
    isThreadRoot: true,
    zendeskUrl: 'https://example.zendesk.com/agent/tickets/42',
  };
  buildVoiceMessages(tJa, voice).forEach((x, i) => {
    list.push(m(`voice root ${i}`, x));
  });
  buildVoiceMessages(tEn, { ...voice, isThreadRoot: false, tags: [], productName: null }).forEach((x, i) => {
    list.push(m(`voice reply ${i}`, x));
  });
  buildVoiceMessages(tJa, { ...voice, body: 'い'.repeat(10_000) }).forEach((x, i) => {
    list.push(m(`long voice ${i}`, x));
  });
  list.push(m('voice help', buildVoiceHelp(tJa)));
  list.push(m('voice help (en)', buildVoiceHelp(tEn)));
  list.push(m('subscribed', buildSubscribed(tJa, subscription)));
  list.push(m('subscriptions', buildSubscriptionList(tJa, 'C0VOICE', [subscription])));
  list.push(
    m(
      'subscriptions, 45, after a removal (en)',
      buildSubscriptionList(
        tEn,
        'C0VOICE',
        Array.from({ length: 45 }, (_, i) => ({
          ...subscription,
          id: `sub${i}`,
          filterText: 'x'.repeat(2000),
        })),
        ':white_check_mark: Removed subscription `sub99`.',
      ),
    ),
  );
  list.push(m('no subscriptions', buildSubscriptionList(tJa, 'C0VOICE', [])));
  list.push(m('digest, empty', buildVoiceDigest(tJa, { subscription, dayLabel: '2026-03-02', voices: [] })));
  list.push(
    m(
      'digest',
      buildVoiceDigest(tEn, {
        subscription,
        dayLabel: '2026-03-02',
        voices: [
          {
            ticketZendeskId: '42',
            subject: '写真 <a>',
            tags: ['bug', 'photos'],
            at,
            channelId: 'C0VOICE',
            slackTs: '1.2',
            zendeskUrl: links.zendeskUrl,
          },
          {
            ticketZendeskId: '43',
            subject: 'x',
            tags: [],
            at,
            channelId: 'C0VOICE',
            slackTs: null,
            zendeskUrl: links.zendeskUrl,
          },
        ],
      }),
    ),
  );
  list.push(v('follow-up', buildFollowUpModal(tJa, { t: '42', c: 'C0VOICE' }, '写真 <消えた>')));
  list.push(v('follow-up, no subject', buildFollowUpModal(tEn, { t: '42', c: 'C0VOICE' }, null)));
  list.push(
    m(
      'follow-up request',
      buildFollowUpRequest(tJa, { userId: 'U1', voiceChannelId: 'C0VOICE', question: 'did <x> & y?' }),
    ),
  );
  list.push(m('follow-up note', buildFollowUpNote(tJa, { userId: 'U1', question: 'did <x>?' })));

  // volume
  const alert = {
    rule: baselineRule,
    reading,
    scopeLabel: 'All tickets',
    windowLabel: '1 h',
    topTags: [{ tag: 'bug<x>', count: 9 }],
    samples: [{ zendeskId: '42', subject: '写真 <a>', url: links.zendeskUrl }],
    startedAt: at,
  };
  list.push(m('volume alert (baseline)', buildVolumeAlert(tJa, alert)));
  list.push(m('volume alert (baseline, en)', buildVolumeAlert(tEn, alert)));
  list.push(
    m(
      'volume alert (threshold)',
      buildVolumeAlert(tJa, {
        ...alert,
        rule: thresholdRule,
        reading: { ...reading, baseline: null },
        topTags: [],
        samples: [],
      }),
    ),
  );
  list.push(
    m(
      'volume recovery',
      createAlertRenderer(tJa).recovery({
        rule: baselineRule,
        scopeLabel: 'All',
        reading,
        startedAt: at,
        endedAt: later,
        peakCount: 30,
      }),
    ),
  );
  list.push(
    v(
      'home',
      buildHomeView(tJa, {
        dayLabel: '2026-03-02 (UTC+9)',
        total: 31,
        byInbox: [{ name: 'Photos <x>', count: 20 }],
        topTags: [{ tag: 'bug', count: 8 }],
        openAlerts: [{ scope: 'tag:請求<x>', since: at, peak: 30 }],
        lastHour: 4,
      }),
      'home',
    ),
  );
  list.push(
    v(
      'home, quiet',
      buildHomeView(tEn, {
        dayLabel: '2026-03-02 (UTC+9)',
        total: 0,
        byInbox: [],
        topTags: [],
        openAlerts: [],
        lastHour: 0,
      }),
      'home',
    ),
  );
  list.push(v('agent home', buildAgentHome(tJa, sampleAgentHome('small'), sampleToday), 'home'));
  list.push(
    v('agent home, 500 open tickets', buildAgentHome(tEn, sampleAgentHome('large'), sampleToday), 'home'),
  );
  list.push(v('agent home, unmapped and empty', buildAgentHome(tJa, sampleAgentHome('empty')), 'home'));
  list.push(m('volume usage', buildVolumeUsage('Unknown period <1年>')));
  list.push(m('volume usage, plain', buildVolumeUsage()));
  list.push(...splitMetricsViews());
  list.push(...assignmentViews());
  return list;
}

/** Split's confirmation and answers, the template Show view with figures, the report's template section. */
function splitMetricsViews(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  const url = (id: string) => `https://example.zendesk.com/agent/tickets/${id}`;
  const figures = {
    templateId: 'tpl-1',
    days: 30,
    uses: 14,
    tickets: 12,
    solved: 10,
    reopened: 2,
    reopenRate: 0.2,
    good: 6,
    bad: 1,
    goodRate: 6 / 7,
  };
  for (const locale of ['ja', 'en'] as const) {
    const t = translator(locale);
    out.push({
      name: `split confirm (${locale})`,
      kind: 'modal',
      value: buildSplitConfirmModal(
        {
          ticketZendeskId: '42',
          requesterName: '山田 <花子>',
          body: '別件です *太字* <!here>\n> 引用\n'.repeat(200),
          meta: { c: 'C0SUPPORT', ts: '1.2', th: '1.1' },
        },
        t,
      ),
    });
    for (const outcome of [
      { kind: 'created', sourceZendeskId: '42', newZendeskId: '43' },
      { kind: 'failed', reason: 'Requester: is invalid <x>' },
      { kind: 'refused', reason: 'bot_message' },
    ] as const)
      out.push({
        name: `split answer ${outcome.kind} (${locale})`,
        kind: 'message',
        value: { text: splitAnswerText(outcome, t, url) },
      });
    for (const value of [figures, null, { ...figures, uses: 0 }])
      out.push({
        name: `template with figures ${value ? value.uses : 'counting'} (${locale})`,
        kind: 'modal',
        value: buildTemplateModal(template(), { canEdit: true, ctx: {}, figures: { value, t } }),
      });
    out.push({
      name: `report template section (${locale})`,
      kind: 'message',
      value: {
        text: 'report',
        blocks: templateRankingBlocks(
          {
            used: [
              { ...figures, title: '返金 <案内> *太字*' },
              { ...figures, templateId: 'tpl-gone' },
            ],
            top: [{ ...figures, title: '返金 <案内> *太字*' }],
            bottom: [{ ...figures, templateId: 'tpl-gone' }],
          },
          t,
        ),
      },
    });
  }
  return out;
}

/** Assignment (issue 12): roots with a badge / a group queue, the Assign… modal with 150 people (capped). */
function assignmentViews(): CatalogEntry[] {
  const links = { zendeskUrl: 'https://example.zendesk.com/agent/tickets/42' };
  const people = Array.from({ length: 150 }, (_, i) => ({
    zendeskUserId: String(1000 + i),
    name: `担当者 ${i} <b>&amp; ${'長い名前'.repeat(i === 0 ? 30 : 1)}`,
    profile: {
      zendeskUserId: String(1000 + i),
      slackUserId: null,
      name: '',
      available: i % 3 !== 0,
      ...pickBadge(i),
    },
  }));
  const groups = Array.from({ length: 120 }, (_, i) => ({ id: String(3000 + i), name: `グループ ${i} <x>` }));
  return (['ja', 'en'] as const).flatMap((locale) => [
    {
      name: `ticket root held, with badge (${locale})`,
      kind: 'message' as const,
      value: buildTicketRootMessage(snapshot(), inbox, links, null, {
        locale,
        assigneeBadge: pickBadge(3),
      }),
    },
    {
      name: `ticket root unassigned in a group queue (${locale})`,
      kind: 'message' as const,
      value: buildTicketRootMessage(
        snapshot({ assignee: null, groupId: '7', groupName: 'Billing <team>' }),
        inbox,
        links,
        null,
        { locale },
      ),
    },
    {
      name: `assign modal, 150 people and 120 groups (${locale})`,
      kind: 'modal' as const,
      value: buildAssignModal(translator(locale), {
        meta: { t: '42', c: 'C0PHOTOS', th: '1700000000.000100' },
        choices: { agents: people, groups },
        current: { assigneeId: '1001', assigneeName: '担当者 1', groupId: '3001' },
      }),
    },
    {
      name: `assign modal, nobody yet (${locale})`,
      kind: 'modal' as const,
      value: buildAssignModal(translator(locale), {
        meta: { t: '42' },
        choices: { agents: people.slice(0, 2), groups: [] },
        current: null,
      }),
    },
  ]);
}
