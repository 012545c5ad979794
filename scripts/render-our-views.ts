/**
 * npm run render:views -- [OUT_DIR]   (default: ./screens)
 *
 * Builds a few of our real views from sample data — a burst of three ticket roots (one a flagged
 * returning customer) with a customer message in the thread, the draft editor, the send preview — writes
 * their Block Kit JSON and renders each to PNG with scripts/render-slack.ts, so we can look at them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CareContext } from '../src/domain/care/care-service.ts';
import type { Draft, DraftTicket, DraftVersion, ReplySend } from '../src/domain/drafting/draft.ts';
import { createBusinessCalendar, DEFAULT_BUSINESS_HOURS } from '../src/domain/team/business-hours.ts';
import { computeWeeklyReport, isoWeekRange } from '../src/domain/team/metrics.ts';
import type { Template, TemplateVersion } from '../src/domain/templates/template.ts';
import type { TicketSnapshot } from '../src/domain/tickets/ticket.ts';
import { createWritingChecker } from '../src/domain/writing-check/writing-check.ts';
import { YorisoiError } from '../src/errors.ts';
import { LOCALES, type Locale, translator } from '../src/i18n/index.ts';
import { createTemplateSearchIndex } from '../src/search/template-search-index.ts';
import { buildAgentHome } from '../src/views/app-home.ts';
import { buildDraftEditor, buildSendPreview } from '../src/views/draft-modal.ts';
import { createDraftThreadRenderer } from '../src/views/draft-thread.ts';
import { createEnrichmentRenderer } from '../src/views/enrichment.ts';
import { buildHelpMessage } from '../src/views/help.ts';
import { buildLoadingView, buildProblemView } from '../src/views/loading.ts';
import { buildChannelEscalation, buildThreadReminder } from '../src/views/target-reminder.ts';
import { buildWeeklyReportMessage } from '../src/views/team-report.ts';
import {
  buildTemplateBrowserModal,
  buildTemplateEditorModal,
  buildTemplateHistoryModal,
  buildTemplateModal,
  buildTemplateNoResultsMessage,
  buildTemplateResultsMessage,
  buildTemplateSearchModal,
} from '../src/views/templates.ts';
import { buildThreadComment, buildTicketRootMessage } from '../src/views/ticket-thread.ts';
import { sampleAgentHome, sampleToday } from '../tests/fixtures/home/sample-home.ts';
import {
  type SampleTicketOverrides,
  sampleInbox,
  sampleTicketFrom,
} from '../tests/fixtures/sample-ticket.ts';
import { sampleTemplates } from '../tests/fixtures/search/kosodate-faq-sample.ts';
import { loadWeekFixture } from '../tests/fixtures/team/week-fixture.ts';
import { reminderSamples } from '../tests/unit/view-catalog.ts';
import { assignmentJobs } from './render-assignment.ts';
import { careVoiceVolumeJobs } from './render-care-voice-volume.ts';
import { renderSlackPngs } from './render-slack.ts';
import { fixtureTemplateTitles, splitMetricsJobs } from './render-split-metrics.ts';

const out = process.argv[2] ?? 'screens';
mkdirSync(out, { recursive: true });
const now = new Date('2026-11-30T05:42:00Z'); // 14:42 in Tokyo

const inbox = sampleInbox({ name: '写真サポート', position: 10, isDefault: false });
const ticket = (
  id: string,
  subject: string,
  name: string,
  email: string,
  minutesAgo: number,
  extra: SampleTicketOverrides = {},
): TicketSnapshot =>
  sampleTicketFrom(id, subject, name, new Date(now.getTime() - minutesAgo * 60_000), {
    status: 'new',
    ...extra,
    requester: { email, ...extra.requester },
  });
const t1 = ticket('1042', '写真がアップロードできません', '山田 花子', 'hanako@example.com', 26, {
  priority: 'high',
  status: 'open',
  tags: ['写真', 'アップロード', 'ios'],
  assignee: { zendeskUserId: 'a1', name: '鈴木 一郎', email: 'ichiro@support.example.com' },
  requester: {
    zendeskUserId: 'u1042',
    name: '山田 花子',
    email: 'hanako@example.com',
    organizationId: 'o1',
    organizationName: '株式会社サンプル',
    externalId: null,
  },
});
const care: CareContext = {
  customer: null,
  requesterZendeskUserId: 'u1042',
  priorTickets: 1,
  chart: {
    customerId: 'c1',
    version: 1,
    updatedAt: now,
    updatedBySlackId: 'U0AGENT1',
    flagged: true,
    flagReason: '前回の返金対応で強いご不満あり。謝罪を先に',
    facts: [
      { key: 'プラン', value: 'プレミアム' },
      { key: '端末', value: 'iPhone 15' },
    ],
    notes: '電話は不可、メールのみ希望。\n2025年に二重請求の件あり。',
  },
};
const t2 = ticket('1043', '請求書の宛名を変更したい', '佐藤 健', 'ken.sato@example.co.jp', 12);
const t3 = ticket(
  '1044',
  'アプリが起動しない <!channel> & <@U0AGENT1>',
  '田中 美咲',
  'misaki@example.jp',
  3,
  { priority: 'urgent' },
);
const link = (t: TicketSnapshot) => ({
  zendeskUrl: `https://example.zendesk.com/agent/tickets/${t.zendeskId}`,
});

const said = (_t: TicketSnapshot, id: string, author: string, minutesAgo: number) => ({
  zendeskCommentId: id,
  authorZendeskId: author,
  authorName: null,
  public: true,
  body: 'x',
  createdAt: new Date(now.getTime() - minutesAgo * 60_000),
});
// A flagged returning customer with a follow-up waiting (agent answered once, then two more messages).
t1.comments = [
  said(t1, '1', 'u1042', 26),
  said(t1, '2', 'a1', 20),
  said(t1, '3', 'u1042', 9),
  said(t1, '4', 'u1042', 2),
];
t2.comments = [said(t2, '5', t2.requester.zendeskUserId, 12)];
t3.comments = [said(t3, '6', t3.requester.zendeskUserId, 3)];

const roots = [
  { ...buildTicketRootMessage(t1, inbox, link(t1), care), _time: '14:16', _replies: 4 },
  { ...buildTicketRootMessage(t2, inbox, link(t2), null), _time: '14:30' },
  { ...buildTicketRootMessage(t3, inbox, link(t3), null), _time: '14:39' },
];
// Roots once a response-target reminder's step 1 fired (README "Response targets and reminders").
const pastTargetRoots = (locale: Locale) => [
  {
    ...buildTicketRootMessage({ ...t1, tags: [] }, inbox, link(t1), null, {
      locale,
      pastTarget: 'first',
      assigneeBadge: { emoji: ':fox_face:', colour: 'blue' },
    }),
    _time: '14:16',
  },
  {
    // Answered (our reply is the latest word) but nobody holds it.
    ...buildTicketRootMessage(
      { ...t2, status: 'open', assignee: null, comments: [] },
      inbox,
      link(t2),
      null,
      { locale, pastTarget: 'unassigned' },
    ),
    _time: '14:30',
  },
];
const comment = buildThreadComment(
  t1,
  {
    zendeskCommentId: 'c1',
    authorZendeskId: 'u1042',
    authorName: '山田 花子',
    public: true,
    body: 'iPhoneのアプリから写真をアップロードしようとすると「エラーが発生しました」と表示されます。\n昨日から何度試しても同じです。至急対応をお願いします。',
    createdAt: new Date(now.getTime() - 26 * 60_000),
  },
  'customer',
);

const draftTicket: DraftTicket = {
  id: 't1042',
  zendeskId: '1042',
  subject: t1.subject,
  status: 'open',
  tags: t1.tags,
  channelId: 'C0PHOTOS',
  rootTs: '1764480960.000100',
  requester: { zendeskUserId: 'u1042', name: '山田 花子', email: 'hanako@example.com' },
  latestCustomerMessage: {
    body: 'まだ直りません。いつ頃直りますか？',
    createdAt: new Date(now.getTime() - 5 * 60_000),
  },
  firstCustomerMessage: {
    body: 'iPhoneのアプリから写真をアップロードしようとすると「エラーが発生しました」と表示されます。\n昨日から何度試しても同じです。至急対応をお願いします。',
    createdAt: new Date(now.getTime() - 26 * 60_000),
  },
  customerMessages: 2,
};
const body =
  '佐藤様\n\nお問い合わせいただき、ありがとうございます。\n現在、一部の端末でアップロードに不具合があり、修正版を準備しております。\n修正版は○○日に公開予定です。公開後は過去の写真も見れるようになります。\n\nよろしくお願いいたします。';
const draft: Draft = {
  id: 'd1',
  ticketZendeskId: '1042',
  name: '下書き 1',
  status: 'open',
  currentVersion: 2,
  policy: {
    facts: 'iOS 18.1、アプリ 5.2.0',
    situation: '5.2.0の不具合に該当',
    outline: '謝罪→原因→回避策→公開予定',
    alternatives: '',
  },
  body,
  templateIds: [],
  createdBySlackId: 'U0AGENT1',
  updatedBySlackId: 'U0AGENT1',
  updatedAt: now,
};
// Template search over the sample FAQ (the tests' fixture): a hit and a nonsense query.
const searchIndex = await createTemplateSearchIndex();
searchIndex.upsertMany(sampleTemplates);
const keyPhrases = searchIndex.keyPhrases(
  'お世話になっております。保育園の空き状況を知りたいです。来月から入園できますか？',
);
const hits = searchIndex.search(keyPhrases, { limit: 5 });
const templateResults = hits.map((h) => {
  const t = sampleTemplates.find((x) => x.id === h.id)!;
  return { id: h.id, title: h.title, path: h.path, body: t.body, snippet: h.snippet };
});
const nonsense = 'xyzzy 宇宙船';
const editor = buildDraftEditor({
  ticket: draftTicket,
  drafts: [draft],
  draft,
  content: draft,
  approvals: [],
  secondApproval: { required: true, reason: 'care chart' },
  repeatedTemplates: [],
  inquiry: draftTicket.latestCustomerMessage,
  meta: { t: '1042', d: 'd1', r: 2, q: keyPhrases, c: 'C0PHOTOS' },
  templateResults: templateResults.slice(0, 2),
  names: { U0AGENT1: '鈴木 一郎' },
});
const editorEn = buildDraftEditor({
  ticket: draftTicket,
  drafts: [draft],
  draft,
  content: draft,
  approvals: [],
  secondApproval: { required: false, reason: null },
  repeatedTemplates: [],
  inquiry: draftTicket.latestCustomerMessage,
  meta: { t: '1042', d: 'd1', r: 2, q: nonsense, c: 'C0PHOTOS', o: 1 },
  templateResults: [],
  names: { U0AGENT1: '鈴木 一郎' },
  t: translator('en'),
});
const writing = createWritingChecker();
const version: DraftVersion = {
  ...draft,
  draftId: 'd1',
  version: 2,
  savedBySlackId: 'U0AGENT1',
  reason: 'send',
  createdAt: now,
};
const preview = buildSendPreview({
  ticket: draftTicket,
  version,
  agentName: '鈴木 一郎',
  approvals: [],
  repeatedTemplates: [],
  undoSeconds: 10,
  writing: await writing.check(version.body, { requesterName: draftTicket.requester.name }),
});
const filled = { ...version, body: version.body.replace('○○日', '12月3日') };
const previewWarnings = buildSendPreview({
  ticket: draftTicket,
  version: filled,
  agentName: '鈴木 一郎',
  approvals: [],
  repeatedTemplates: [],
  undoSeconds: 10,
  writing: await writing.check(filled.body, { requesterName: draftTicket.requester.name }),
});
const templateHit = buildTemplateResultsMessage(
  'ほいくえん 空き状況',
  searchIndex.search('ほいくえん 空き状況', { limit: 3 }),
  {
    c: 'C0PHOTOS',
  },
);
const templateNone = buildTemplateNoResultsMessage(nonsense, { c: 'C0PHOTOS' });
const templateModal = buildTemplateSearchModal(
  keyPhrases,
  hits.slice(0, 3),
  { c: 'C0PHOTOS' },
  translator('ja'),
  {
    prefilled: true,
  },
);

// Template management (issue 11): a sentence typed as the query (its content words highlighted), the
// template modal an editor sees after saving, the editor, the history with a diff, the folder browser;
// Japanese (the default) and the editor in English (Kenji).
const sentence = '母子手帳の手続きを教えてください';
const templateSentence = buildTemplateResultsMessage(sentence, searchIndex.search(sentence, { limit: 3 }), {
  c: 'C0PHOTOS',
});
const sample = sampleTemplates.find((x) => x.id === 'kfaq-0212') ?? sampleTemplates[0]!;
const shownTemplate: Template = {
  id: sample.id,
  path: sample.path,
  title: sample.title,
  body: sample.body,
  tags: ['保育', '空き状況'],
  product: null,
  author: 'U0AGENT1',
  version: 3,
  deletedAt: null,
  createdAt: new Date(now.getTime() - 30 * 86_400_000),
  updatedAt: new Date(now.getTime() - 3_600_000),
};
const versionOf = (version: number, change: TemplateVersion['change'], daysAgo: number): TemplateVersion => ({
  ...shownTemplate,
  templateId: shownTemplate.id,
  version,
  change,
  author: version === 1 ? null : 'U0AGENT1',
  createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
});
const shownVersions = [versionOf(1, 'imported', 30), versionOf(2, 'edited', 7), versionOf(3, 'moved', 0)];
const ja = translator('ja');
const en = translator('en');
const templateShown = buildTemplateModal(shownTemplate, {
  canEdit: true,
  ctx: {},
  note: ja('tpl.saved_note', { version: 3 }),
  tr: ja,
});
const templateEditor = buildTemplateEditorModal({ template: shownTemplate, ctx: {}, tr: ja });
const templateEditorEn = buildTemplateEditorModal({ folder: '子育てFAQ/保育', ctx: {}, tr: en });
const templateHistory = buildTemplateHistoryModal(
  shownTemplate,
  shownVersions,
  {},
  {
    from: 1,
    to: 2,
    lines: [
      '  保育園の空き状況は、市のホームページでご確認いただけます。',
      '- 詳しくは窓口へ。',
      '+ 詳しくは保育課の窓口へお問い合わせください。',
    ],
  },
  ja,
);
const templateBrowser = buildTemplateBrowserModal(
  {
    folder: '子育てFAQ/保育',
    subfolders: [
      { path: '子育てFAQ/保育/保育園の入園申込', name: '保育園の入園申込', count: 12 },
      { path: '子育てFAQ/保育/転園', name: '転園', count: 3 },
    ],
    templates: [shownTemplate],
  },
  { canEdit: true, ctx: {}, tr: ja },
);

// Enrichment (issue 13): the facts block (one lookup each way it can end) and the suggested templates.
const enrich = createEnrichmentRenderer('ja');
const facts = enrich.facts({
  outcomes: [
    {
      name: 'admin-api',
      status: 'ok',
      facts: [
        { lookup: 'admin-api', label: 'プラン', value: 'プレミアム（年額）' },
        { lookup: 'admin-api', label: '登録日', value: '2024-04-01' },
        { lookup: 'admin-api', label: '端末', value: 'iPhone 15 / iOS 18.1' },
      ],
    },
    { name: 'accounts-db', status: 'ok', facts: [{ lookup: 'accounts-db', label: '状態', value: 'active' }] },
    { name: 'billing-api', status: 'timeout', ms: 3000 },
    { name: 'crm', status: 'error', detail: 'HTTP 500' },
    { name: 'family-db', status: 'empty' },
  ],
  firings: [
    { rule: 'premium-flag', action: 'flag', value: 'プレミアム会員' },
    { rule: 'upload-errors', action: 'tag', value: 'upload_error' },
  ],
});
const suggestions = enrich.suggestions([
  { id: 'kfaq-0226', title: '双子の場合、同じ保育園に入れますか？', path: '子育てFAQ/保育/保育園の入園申込' },
  {
    id: 'kfaq-0212',
    title: '保育園の空き状況は分かりますか？',
    path: '子育てFAQ/保育/保育園の入園申込',
    rule: 'nursery',
  },
  {
    id: 'kfaq-0230',
    title: '兄弟で別々の保育園になった場合、転園はできますか？',
    path: '子育てFAQ/保育/転園',
  },
]);
// The weekly team report of the hand-checked fixture week (tests/fixtures/team), both languages.
const weekFacts = loadWeekFixture();
const weeklyFacts = computeWeeklyReport({
  week: isoWeekRange('2026-W48', 'Asia/Tokyo'),
  calendar: createBusinessCalendar(DEFAULT_BUSINESS_HOURS),
  ...weekFacts,
});
const titled = <T extends { templateId: string }>(f: T) => ({
  ...f,
  title: fixtureTemplateTitles[f.templateId],
});
const weekly = {
  ...weeklyFacts,
  templates: {
    used: weeklyFacts.templates.used.map(titled),
    top: weeklyFacts.templates.top.map(titled),
    bottom: weeklyFacts.templates.bottom.map(titled),
  },
};
const reportMessage = (locale: Locale) => ({
  messages: [{ ...buildWeeklyReportMessage(weekly, translator(locale)), _time: '09:00' }],
});

// Drafting in the ticket's thread: the shared draft (pending, then edited to "sent"), the send, and the
// two kinds of trouble (retrying on its own; refused / gave up, with the button to open the kept draft).
const sharedVersion = {
  ...version,
  body: filled.body.replace('佐藤様', '山田様'),
  version: 1,
  reason: 'share' as const,
};
const sendOf = (over: Partial<ReplySend> = {}): ReplySend => ({
  id: 's1',
  kind: 'reply',
  draftId: 'd1',
  version: 1,
  ticketZendeskId: '1042',
  senderSlackId: 'U0AGENT1',
  authorZendeskId: '9',
  body: sharedVersion.body,
  public: true,
  newStatus: 'pending',
  status: 'sent',
  dueAt: now,
  attempts: 1,
  lastError: null,
  sentAt: now,
  ...over,
});
const draftThreadJob = (locale: Locale) => {
  const r = createDraftThreadRenderer(locale);
  return {
    messages: [
      {
        ...r.shared({
          draft: sharedVersion,
          ticket: draftTicket,
          sharedBy: 'U0AGENT1',
          needsSecondApproval: false,
        }),
        _time: '14:20',
      },
      { ...r.retrying({ send: sendOf(), draftName: draft.name }), _time: '14:31' },
      {
        ...r.sent({
          send: sendOf(),
          draftName: draft.name,
          senderName: '鈴木 一郎',
          at: now,
          ticket: draftTicket,
        }),
        _time: '14:32',
      },
      {
        ...r.failed({ send: sendOf({ version: 2 }), draftName: draft.name, reason: 'rejected' }),
        _time: '14:40',
      },
      {
        ...r.failed({ send: sendOf({ version: 2 }), draftName: draft.name, reason: 'gave_up' }),
        _time: '14:45',
      },
    ].map((m) => ({ ...m, user: 'U0YORISOI' })),
    users: { ...users, U0YORISOI: 'yorisoi' },
  };
};
const draftSharedSentJob = (locale: Locale) => ({
  messages: [
    {
      ...createDraftThreadRenderer(locale).sharedSent({ draft: sharedVersion, send: sendOf(), at: now }),
      _time: '14:20',
      user: 'U0YORISOI',
    },
  ],
  users: { ...users, U0YORISOI: 'yorisoi' },
});

const users = { U0AGENT1: '鈴木 一郎' };
// Response-target reminders: step 1 in the thread, step 2 in the channel (assigned / next / unassigned / unmapped).
const reminderUsers = { U0AGENT1: 'Aiko Sato', U0LEAD: 'Mika Ito' };
const reminderJob = (name: string, build: typeof buildThreadReminder) => ({
  name,
  input: {
    messages: reminderSamples.map(([locale, sample], i) => ({
      ...build(translator(locale), sample),
      _time: `${11 + i}:01`,
    })),
    users: reminderUsers,
  },
});
/** One job a locale, `NAME-ja` and `NAME-en`, each rendered in its own locale's Slack. */
const inEachLocale = <T>(name: string, input: (locale: Locale) => T) =>
  LOCALES.map((locale) => ({ name: `${name}-${locale}`, input: input(locale), locale }));
const jobs = [
  reminderJob('target-reminder-thread', buildThreadReminder),
  reminderJob('target-reminder-channel', buildChannelEscalation),
  ...inEachLocale('draft-thread', draftThreadJob),
  ...inEachLocale('draft-shared-sent', draftSharedSentJob),
  ...inEachLocale('team-report', reportMessage),
  { name: 'ticket-roots', input: { messages: roots, users } },
  ...inEachLocale('ticket-roots-past-target', (locale) => ({ messages: pastTargetRoots(locale), users })),
  { name: 'ticket-thread-comment', input: { messages: comment, users } },
  { name: 'draft-editor', input: editor },
  {
    name: 'ticket-enrichment',
    input: {
      messages: [
        { ...facts, _time: '14:17' },
        { ...suggestions, _time: '14:17' },
      ],
      users,
    },
  },
  ...careVoiceVolumeJobs(now),
  ...splitMetricsJobs(),
  ...assignmentJobs(now),
  { name: 'draft-editor-en-no-match', input: editorEn },
  { name: 'send-preview-blocked', input: preview },
  { name: 'send-preview-warnings', input: previewWarnings },
  { name: 'template-hit', input: { messages: [{ ...templateHit, user: 'U0AGENT1' }], users } },
  { name: 'template-no-match', input: { messages: [{ ...templateNone, user: 'U0AGENT1' }], users } },
  { name: 'template-find-modal', input: templateModal },
  { name: 'template-hit-sentence', input: { messages: [{ ...templateSentence, user: 'U0AGENT1' }], users } },
  { name: 'template-show-ja', input: templateShown },
  { name: 'template-editor-ja', input: templateEditor },
  { name: 'template-editor-en', input: templateEditorEn, locale: 'en' },
  { name: 'template-history-ja', input: templateHistory },
  { name: 'template-browser-ja', input: templateBrowser },
  // Operations: the loading view every modal opens with, a refusal in plain words, /yorisoi help.
  { name: 'loading-view', input: buildLoadingView('ops.loading.send_preview') },
  {
    name: 'problem-view',
    input: buildProblemView(
      translator('ja'),
      new YorisoiError('agent_lookup_failed', '(GET /users/1005: HTTP 503)', undefined, false).userMessageIn(
        translator('ja'),
      ),
      { back: true },
    ),
  },
  // The agent's App Home: a small team, the largest the limits allow (500 open tickets), an unmapped reader.
  ...inEachLocale('agent-home', (locale) =>
    buildAgentHome(translator(locale), sampleAgentHome('small'), sampleToday),
  ),
  {
    name: 'agent-home-500-ja',
    input: buildAgentHome(translator('ja'), sampleAgentHome('large'), sampleToday),
  },
  { name: 'agent-home-unmapped-ja', input: buildAgentHome(translator('ja'), sampleAgentHome('empty')) },
  ...inEachLocale('help', (locale) => ({
    messages: [{ ...buildHelpMessage(translator(locale)), _time: '14:42' }],
    users,
  })),
];
for (const j of jobs)
  writeFileSync(path.join(out, `${j.name}.json`), `${JSON.stringify(j.input, null, 2)}\n`);
await renderSlackPngs(
  jobs.map((j) => ({
    input: j.input,
    out: path.join(out, `${j.name}.png`),
    options: {
      now,
      users: j.name.startsWith('target-reminder') ? reminderUsers : users,
      ...(j.name.startsWith('ticket') ? { channelName: 'support-写真' } : {}),
      ...('locale' in j ? { locale: j.locale } : {}),
      ...('channelName' in j && j.channelName ? { channelName: j.channelName } : {}),
    },
  })),
);
console.log(`wrote ${jobs.map((j) => `${j.name}.png`).join(', ')} to ${out}`);
