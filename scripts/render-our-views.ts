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
import type { Draft, DraftTicket, DraftVersion } from '../src/domain/drafting/draft.ts';
import type { Inbox, TicketSnapshot } from '../src/domain/tickets/ticket.ts';
import { YorisoiError } from '../src/errors.ts';
import { translator } from '../src/i18n/index.ts';
import { buildDraftEditor, buildSendPreview } from '../src/views/draft-modal.ts';
import { buildHelpMessage } from '../src/views/help.ts';
import { buildLoadingView, buildProblemView } from '../src/views/loading.ts';
import { buildThreadComment, buildTicketRootMessage } from '../src/views/ticket-thread.ts';
import { renderSlackPngs } from './render-slack.ts';

const out = process.argv[2] ?? 'screens';
mkdirSync(out, { recursive: true });
const now = new Date('2026-11-30T05:42:00Z'); // 14:42 in Tokyo

const inbox: Inbox = {
  id: 'photos',
  name: '写真サポート',
  channelId: 'C0PHOTOS',
  brand: null,
  group: null,
  formId: null,
  tags: [],
  position: 10,
  isDefault: false,
};
const ticket = (
  id: string,
  subject: string,
  name: string,
  email: string,
  minutesAgo: number,
  extra: Partial<TicketSnapshot> = {},
): TicketSnapshot => ({
  zendeskId: id,
  subject,
  status: 'new',
  priority: 'normal',
  requester: {
    zendeskUserId: `u${id}`,
    name,
    email,
    organizationId: null,
    organizationName: null,
    externalId: null,
  },
  assignee: null,
  groupId: null,
  groupName: null,
  brandId: null,
  brandName: null,
  formId: null,
  tags: [],
  createdAt: new Date(now.getTime() - minutesAgo * 60_000),
  updatedAt: new Date(now.getTime() - minutesAgo * 60_000),
  comments: [],
  ...extra,
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

const roots = [
  { ...buildTicketRootMessage(t1, inbox, link(t1), care), _time: '14:16', _replies: 2 },
  { ...buildTicketRootMessage(t2, inbox, link(t2), null), _time: '14:30' },
  { ...buildTicketRootMessage(t3, inbox, link(t3), null), _time: '14:39' },
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
const editor = buildDraftEditor({
  ticket: draftTicket,
  drafts: [draft],
  draft,
  content: draft,
  approvals: [],
  secondApproval: { required: true, reason: 'care chart' },
  repeatedTemplates: [],
  inquiry: draftTicket.latestCustomerMessage,
  meta: { t: '1042', d: 'd1', r: 2, q: '', c: 'C0PHOTOS' },
  names: { U0AGENT1: '鈴木 一郎' },
});
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
});

const users = { U0AGENT1: '鈴木 一郎' };
const jobs = [
  { name: 'ticket-roots', input: { messages: roots, users } },
  { name: 'ticket-thread-comment', input: { messages: comment, users } },
  { name: 'draft-editor', input: editor },
  { name: 'send-preview', input: preview },
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
  {
    name: 'help-ja',
    input: { messages: [{ ...buildHelpMessage(translator('ja')), _time: '14:42' }], users },
  },
  {
    name: 'help-en',
    input: { messages: [{ ...buildHelpMessage(translator('en')), _time: '14:42' }], users },
  },
];
for (const j of jobs)
  writeFileSync(path.join(out, `${j.name}.json`), `${JSON.stringify(j.input, null, 2)}\n`);
await renderSlackPngs(
  jobs.map((j) => ({
    input: j.input,
    out: path.join(out, `${j.name}.png`),
    options: { now, users, ...(j.name.startsWith('ticket') ? { channelName: 'support-写真' } : {}) },
  })),
);
console.log(`wrote ${jobs.map((j) => `${j.name}.png`).join(', ')} to ${out}`);
