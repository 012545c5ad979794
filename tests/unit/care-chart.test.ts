import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../../src/config.ts';
import type { CareChart, CustomerRecord, HistoryEntry } from '../../src/domain/care/care-chart-model.ts';
import { combineCharts, describeChange, parseFacts } from '../../src/domain/care/care-chart-model.ts';
import { translator } from '../../src/i18n/index.ts';
import { blocksTextLength, validateMessageBlocks, validateView } from '../../src/sim/slack/block-kit.ts';
import {
  buildCareEditModal,
  buildCareHistoryModal,
  buildCareRevisionsModal,
  chartSummaryLine,
  HISTORY_PAGE_SIZE,
  parseCareEditState,
} from '../../src/views/care-chart.ts';
import { Commands, ShortcutIds } from '../../src/views/ids.ts';
import { buildTicketRootMessage } from '../../src/views/ticket-thread.ts';
import { sampleInbox, sampleTicket } from '../fixtures/sample-ticket.ts';

const customer: CustomerRecord = {
  id: 'c1',
  zendeskUserId: '1234567890123',
  name: '山田 花子'.repeat(40),
  email: 'hanako@example.com',
  organizationName: 'Example & Co <Ltd>',
  externalId: 'svc-1',
  serviceUserId: 'svc-1',
  mergedIntoId: null,
};
/** The largest chart the edit modal can save. */
const fullChart: CareChart = {
  customerId: 'c1',
  version: 7,
  updatedAt: new Date('2025-01-01T00:00:00Z'),
  updatedBySlackId: 'U0AGENT1',
  notes: '<&>'.repeat(1000),
  flagged: true,
  flagReason: 'r'.repeat(300),
  facts: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`.padEnd(40, 'k'), value: 'v'.repeat(200) })),
};
const entry = (i: number): HistoryEntry => ({
  zendeskId: String(1000 + i),
  subject: 'とても長い件名'.repeat(60),
  status: 'solved',
  createdAt: new Date(Date.UTC(2024, 0, 1 + i)),
  updatedAt: new Date(Date.UTC(2024, 0, 2 + i)),
  answeredBy: 'Aiko Sato',
  policy: 'まず謝罪し、返金手順を案内する。'.repeat(50),
  thread: i % 2 ? { channelId: 'C0PHOTOS', ts: '1700000000.000100' } : null,
  zendeskUrl: `https://example.zendesk.com/agent/tickets/${1000 + i}`,
  onlyInZendesk: i % 2 === 0,
});

describe('care chart facts and edits', () => {
  it('reads "key: value" lines, full-width colons included, and names bad lines', () => {
    expect(parseFacts('plan: Premium\n言語：日本語\n\n').facts).toEqual([
      { key: 'plan', value: 'Premium' },
      { key: '言語', value: '日本語' },
    ]);
    expect(parseFacts('plan Premium\nok: yes\n: nothing').problems).toEqual([
      'line 1 is not "key: value"',
      'line 3 is not "key: value"',
    ]);
  });

  it('describes what an edit changed and combines two charts of one person', () => {
    const before = { notes: '', flagged: false, flagReason: null, facts: [] };
    expect(describeChange(before, { ...before, flagged: true, notes: 'x' })).toBe('flag set, notes edited');
    const merged = combineCharts(
      { notes: 'new', flagged: false, flagReason: null, facts: [{ key: 'plan', value: 'Pro' }] },
      {
        notes: 'old',
        flagged: true,
        flagReason: 'careful',
        facts: [
          { key: 'plan', value: 'Free' },
          { key: 'lang', value: 'en' },
        ],
      },
      'old@example.com',
    );
    expect(merged).toEqual({
      notes: 'new\n\n(from old@example.com) old',
      flagged: true,
      flagReason: 'careful',
      facts: [
        { key: 'plan', value: 'Pro' },
        { key: 'lang', value: 'en' },
      ],
    });
  });
});

describe('care chart views stay within Slack limits by construction', () => {
  it('the history modal with the largest chart and a full page is a valid modal under 100 blocks', () => {
    const entries = Array.from({ length: HISTORY_PAGE_SIZE * 3 + 1 }, (_, i) => entry(i));
    for (const page of [0, 1, 3]) {
      const view = buildCareHistoryModal(
        translator('ja'),
        { customer, chart: fullChart, entries, zendeskProblem: 'Zendesk did not answer.' },
        page,
      );
      expect(validateView(view, 'modal')).toEqual([]);
      expect((view.blocks as unknown[]).length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(view).length).toBeLessThan(250_000);
    }
  });

  it('the edit and edit-history modals are valid with the largest content', () => {
    expect(validateView(buildCareEditModal(translator('en'), customer, fullChart), 'modal')).toEqual([]);
    const revisions = Array.from({ length: 60 }, (_, i) => ({
      version: i + 1,
      kind: 'edit' as const,
      authorSlackId: 'U0AGENT1',
      summary: 'notes edited',
      createdAt: new Date(),
      content: fullChart,
    }));
    expect(validateView(buildCareRevisionsModal(translator('ja'), customer, revisions), 'modal')).toEqual([]);
  });

  it('the edit modal state parses back into the form', () => {
    expect(
      parseCareEditState({
        care_notes: { value: { type: 'plain_text_input', value: ' hello ' } },
        care_flag: { value: { type: 'checkboxes', selected_options: [{ value: 'handle_with_care' }] } },
        care_flag_reason: { value: { type: 'plain_text_input', value: null } },
        care_facts: { value: { type: 'plain_text_input', value: 'a: b' } },
      }),
    ).toEqual({ notes: 'hello', flagged: true, flagReason: null, factsText: 'a: b' });
  });

  it('a root message with the largest chart is valid, flag first, and under the message size Slack accepts', () => {
    const ticket = sampleTicket({
      subject: 's'.repeat(500),
      requester: { zendeskUserId: '1', name: 'n', email: null },
    });
    const inbox = sampleInbox();
    const m = buildTicketRootMessage(
      ticket,
      inbox,
      { zendeskUrl: 'https://x' },
      { customer, requesterZendeskUserId: '1', chart: fullChart, priorTickets: 3 },
    );
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
    // The flag leads the root itself now (no colour-bar attachment under the buttons).
    expect(JSON.stringify(m.blocks?.[0])).toContain('要配慮');
    expect(blocksTextLength(m.blocks ?? [])).toBeLessThan(13_000);
    expect(m.text).toMatch(/^#42 /);
  });
});

describe('manifest', () => {
  it('declares /karte and the "Add to care chart" message shortcut', () => {
    const manifest = parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8'));
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toContain(
      Commands.karte,
    );
    expect(manifest.features.shortcuts).toContainEqual(
      expect.objectContaining({ type: 'message', callback_id: ShortcutIds.addToCareChart }),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write']));
  });
});

describe('YORISOI_SERVICE_USER_ID_FIELD', () => {
  it('reads external_id, user_field:KEY and ticket_field:ID, and names a bad value', () => {
    expect(loadConfig({}).serviceUserId).toEqual({ kind: 'external_id' });
    expect(loadConfig({ YORISOI_SERVICE_USER_ID_FIELD: 'user_field:member_id' }).serviceUserId).toEqual({
      kind: 'user_field',
      key: 'member_id',
    });
    expect(loadConfig({ YORISOI_SERVICE_USER_ID_FIELD: 'ticket_field:360001' }).serviceUserId).toEqual({
      kind: 'ticket_field',
      id: '360001',
    });
    expect(() => loadConfig({ YORISOI_SERVICE_USER_ID_FIELD: 'email' })).toThrow(
      /YORISOI_SERVICE_USER_ID_FIELD/,
    );
  });
});

describe('chart summary line', () => {
  it('puts the flag first, then facts, then the first note, with clip links read as their label', () => {
    const chart = {
      ...fullChart,
      flagReason: 'upset',
      facts: [{ key: 'plan', value: 'Pro' }],
      notes: '\n[2025-01-01 <@U1>] refund promised (<https://slack.com/archives/C1/p1|message>)\nsecond line',
    };
    expect(chartSummaryLine(chart)).toBe(
      'Handle with care: upset · plan: Pro · [2025-01-01 <@U1>] refund promised (message)',
    );
  });
});
