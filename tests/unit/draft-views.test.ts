import { describe, expect, it } from 'vitest';
import type { Draft, DraftTicket, DraftVersion } from '../../src/domain/drafting/draft.ts';
import { countText } from '../../src/domain/drafting/draft.ts';
import { createInMemoryTemplateLookup } from '../../src/domain/drafting/template-lookup.ts';
import { translator } from '../../src/i18n/index.ts';
import { sandboxTemplates } from '../../src/sandbox/sandbox-templates.ts';
import { validateMessageBlocks, validateView } from '../../src/sim/slack/block-kit.ts';
import {
  buildDraftEditor,
  buildSendPreview,
  buildSendQueued,
  buildSnoozeModal,
  MAX_PARTS,
  parseEditorState,
  splitReply,
} from '../../src/views/draft-modal.ts';
import { draftThreadRenderer } from '../../src/views/draft-thread.ts';

const ticket: DraftTicket = {
  id: 't1',
  zendeskId: '42',
  subject: '件名'.repeat(200),
  status: 'open',
  tags: [],
  channelId: 'C1',
  rootTs: '1.1',
  requester: { zendeskUserId: '7', name: '山田 花子', email: 'hanako@example.com' },
  latestCustomerMessage: { body: 'x'.repeat(20_000), createdAt: new Date(0) },
};
const huge = 'あいうえお\n'.repeat(6000); // 36,000 characters: more than MAX_PARTS inputs hold
const draft = (n: number): Draft => ({
  id: `d${n}`,
  ticketZendeskId: '42',
  name: `Draft ${n} ${'長い名前'.repeat(30)}`,
  policy: { facts: 'f'.repeat(5000), situation: '', outline: 'o', alternatives: '' },
  body: huge,
  templateIds: [],
  status: 'open',
  currentVersion: 3,
  createdBySlackId: 'U1',
  updatedBySlackId: 'U1',
  updatedAt: new Date(0),
});
const version: DraftVersion = {
  ...draft(1),
  draftId: 'd1',
  version: 3,
  savedBySlackId: 'U1',
  reason: 'send',
  createdAt: new Date(0),
};

describe('splitReply', () => {
  it('parts are ≤ 3,000 characters, prefer line ends, and join back to the exact text', () => {
    const text = `${'a'.repeat(2500)}\n${'b'.repeat(2800)}\n😀${'c'.repeat(4000)}`;
    const parts = splitReply(text);
    expect(parts.join('')).toBe(text);
    for (const p of parts) expect(Array.from(p).length).toBeLessThanOrEqual(3000);
    expect(parts[0]!.endsWith('\n')).toBe(true);
    expect(splitReply('')).toEqual(['']);
  });
  it('never splits a surrogate pair', () => {
    const parts = splitReply('😀'.repeat(3500));
    expect(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
  });
});

describe('countText', () => {
  it('counts lines and code points', () => {
    expect(countText('')).toEqual({ lines: 0, chars: 0 });
    expect(countText('😀a\nb')).toEqual({ lines: 2, chars: 4 });
  });
});

describe('Block Kit within Slack limits by construction', () => {
  it('the editor with 100 drafts, a huge reply and long texts is a valid modal', () => {
    const drafts = Array.from({ length: 120 }, (_, i) => draft(i));
    const view = buildDraftEditor({
      t: translator('en'),
      ticket,
      drafts,
      draft: drafts[0]!,
      content: drafts[0]!,
      approvals: [{ draftId: 'd0', version: 1, approverSlackId: 'U2', createdAt: new Date(0) }],
      secondApproval: { required: true, reason: 'care chart' },
      repeatedTemplates: sandboxTemplates,
      inquiry: ticket.latestCustomerMessage,
      meta: { t: '42', d: 'd0', r: 7, q: 'q'.repeat(200), c: 'C1' },
      templateResults: sandboxTemplates,
      notice: 'n'.repeat(5000),
    });
    expect(validateView(view, 'modal', '/view')).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.private_metadata?.length).toBeLessThan(3000);
    expect(
      view.blocks.filter((b) => b.type === 'input' && String(b.block_id ?? '').startsWith('reply_')).length,
    ).toBe(MAX_PARTS);
    // Never cut silently: the editor says the end is not shown.
    expect(JSON.stringify(view.blocks)).toContain('longer than the editor holds');
  });
  it('preview, queued and snooze modals are valid', () => {
    expect(
      validateView(
        buildSendPreview({
          ticket,
          version,
          agentName: 'Aiko',
          approvals: [],
          repeatedTemplates: [],
          undoSeconds: 10,
        }),
        'modal',
        '/view',
      ),
    ).toEqual([]);
    expect(
      validateView(
        buildSendQueued({
          sendId: 's',
          ticketZendeskId: '42',
          dueAt: new Date(0),
          scheduled: false,
          recipient: 'a@b',
        }),
        'modal',
        '/view',
      ),
    ).toEqual([]);
    expect(validateView(buildSnoozeModal(ticket), 'modal', '/view')).toEqual([]);
  });
  it('thread messages are valid and stay under the ~13k block text budget', () => {
    const shared = draftThreadRenderer.shared({
      draft: version,
      ticket,
      sharedBy: 'U1',
      needsSecondApproval: true,
    });
    expect(validateMessageBlocks(shared.blocks)).toEqual([]);
    expect(JSON.stringify(shared.blocks).length).toBeLessThan(13_000 * 1.5);
    const send = {
      id: 's',
      kind: 'reply' as const,
      draftId: 'd1',
      version: 3,
      ticketZendeskId: '42',
      senderSlackId: 'U1',
      authorZendeskId: '9',
      body: huge,
      public: true,
      newStatus: 'pending',
      status: 'sent' as const,
      dueAt: new Date(0),
      attempts: 1,
      lastError: null,
      sentAt: new Date(0),
    };
    for (const m of [
      draftThreadRenderer.sent({ send, draftName: 'x', senderName: 'Aiko', at: new Date(0), ticket }),
      draftThreadRenderer.failed({ send, draftName: 'x'.repeat(10_000), reason: 'rejected' }),
      draftThreadRenderer.retrying({ send, draftName: 'x'.repeat(10_000) }),
      draftThreadRenderer.sharedSent({ draft: { ...version, body: huge }, send, at: new Date(0) }),
      draftThreadRenderer.approved({ draft: version, approverSlackId: 'U2', authorSlackId: 'U1' }),
    ]) {
      expect(validateMessageBlocks(m.blocks)).toEqual([]);
    }
  });
});

describe('parseEditorState', () => {
  it('reads revisioned inputs and falls back to what was shown for untouched ones', () => {
    const shown = {
      name: 'Draft 1',
      policy: { facts: 'F', situation: 'S', outline: 'O', alternatives: '' },
      body: 'old body',
      templateIds: ['t1'],
    };
    const state = {
      values: {
        draft_name__r2: { value: { type: 'plain_text_input', value: 'Renamed' } },
        reply_0__r2: { draft_typing: { type: 'plain_text_input', value: 'new ' } },
        reply_1__r2: { draft_typing: { type: 'plain_text_input', value: null } },
      },
    };
    const c = parseEditorState(state, { t: '1', d: 'd', r: 2, p: 2, q: '' }, shown);
    expect(c.name).toBe('Renamed');
    expect(c.body).toBe('new ');
    expect(c.policy).toEqual(shown.policy);
    expect(c.templateIds).toEqual(['t1']);
  });
});

describe('in-memory template lookup', () => {
  it('matches every term, width- and case-insensitively, titles first', async () => {
    const lookup = createInMemoryTemplateLookup(sandboxTemplates);
    expect((await lookup.search('ＡＮＤＲＯＩＤ アップロード', 5)).map((t) => t.id)).toEqual([
      'tpl-upload-android',
    ]);
    expect((await lookup.search('PASSWORD', 5))[0]?.id).toBe('tpl-password-reset');
    expect(await lookup.get('nope')).toBeNull();
  });
});
