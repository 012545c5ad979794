import { describe, expect, it } from 'vitest';
import type { TicketSnapshot } from '../../src/domain/tickets/ticket.ts';
import { validateMessageBlocks } from '../../src/sim/slack/block-kit.ts';
import { liveLinks, liveMentions } from '../../src/sim/slack/mentions.ts';
import { buildTicketRootMessage } from '../../src/views/ticket-thread.ts';
import { sampleInbox, sampleTicket } from '../fixtures/sample-ticket.ts';

const inbox = sampleInbox();
const ticket = (requester: Partial<TicketSnapshot['requester']>): TicketSnapshot =>
  sampleTicket({ requester });

/** The mrkdwn that shows the requester on the root (its context line, after the person emoji). */
function requesterField(t: TicketSnapshot): string {
  const message = buildTicketRootMessage(t, inbox, {
    zendeskUrl: 'https://example.zendesk.com/agent/tickets/42',
  });
  const line = (message.blocks![1] as { elements: Array<{ text: string }> }).elements[0]?.text ?? '';
  return line.replace(/^:bust_in_silhouette: /, '').split('  ·  ')[0] ?? '';
}

describe("the ticket root's Requester field", () => {
  it('is a working mailto link (not escaped into visible <mailto:…|…> text)', () => {
    expect(requesterField(ticket({}))).toBe('山田 花子 <mailto:hanako@example.com|hanako@example.com>');
  });

  it("escapes the customer's name, so a name cannot mention anyone or fake a link", () => {
    expect(requesterField(ticket({ name: '<!channel> & <@U1>' }))).toBe(
      '&lt;!channel&gt; &amp; &lt;@U1&gt; <mailto:hanako@example.com|hanako@example.com>',
    );
    expect(requesterField(ticket({ name: 'A <b>', email: null }))).toBe('A &lt;b&gt;');
  });
});

const links = { zendeskUrl: 'https://example.zendesk.com/agent/tickets/42' };
const chart = {
  customerId: 'c1',
  version: 3,
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  updatedBySlackId: 'U0AGENT1',
  notes: '前回、返金の案内が遅れて強いご不満あり',
  flagged: true,
  flagReason: '返金対応で強いご不満',
  facts: [{ key: 'プラン', value: 'ビジネス' }],
};
const care = (flagged: boolean) => ({
  customer: null,
  requesterZendeskUserId: '1005',
  chart: { ...chart, flagged },
  priorTickets: 2,
});
const firstText = (m: ReturnType<typeof buildTicketRootMessage>) =>
  (m.blocks![0] as { text: { text: string } }).text.text;

describe('the root says what needs doing', () => {
  it("a flagged returning customer's root has the flag and its reason in its first block, said once", () => {
    const m = buildTicketRootMessage(ticket({}), inbox, links, care(true));
    const first = firstText(m);
    expect(first.split('\n')[0]).toBe(':warning: *要配慮：返金対応で強いご不満*');
    expect(JSON.stringify(m).match(/要配慮/g)?.length).toBe(2); // the first line, and the notification text
    expect(JSON.stringify(m.blocks)).toContain('過去のチケット 2件');
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
    expect(buildTicketRootMessage(ticket({}), inbox, links, care(false)).blocks?.[0]).not.toMatchObject({
      text: { text: expect.stringContaining('要配慮') },
    });
  });

  it('urgent and high priorities are emphasised on the title line', () => {
    const urgent = firstText(buildTicketRootMessage({ ...ticket({}), priority: 'urgent' }, inbox, links));
    expect(urgent.split('\n')[0]).toMatch(/^:rotating_light: \*緊急\*/);
    const high = firstText(buildTicketRootMessage({ ...ticket({}), priority: 'high' }, inbox, links));
    expect(high.split('\n')[0]).toMatch(/^:small_red_triangle: \*優先度 高\*/);
  });

  it('the status line says who holds it (未割り当て loudly), whether the customer waits, since when, how many unanswered', () => {
    const at = new Date('2026-03-02T01:42:00Z');
    const c = (id: string, author: string, minutes: number) => ({
      zendeskCommentId: id,
      authorZendeskId: author,
      authorName: null,
      public: true,
      body: 'x',
      createdAt: new Date(at.getTime() + minutes * 60_000),
    });
    const waiting = {
      ...ticket({}),
      comments: [c('1', '1005', 0), c('2', '9', 5), c('3', '1005', 10), c('4', '1005', 20)],
    };
    const line =
      firstText(buildTicketRootMessage(waiting, inbox, links))
        .split('\n')
        .at(-1) ?? '';
    expect(line).toContain(':raising_hand: *未割り当て*');
    expect(line).toContain(`<!date^${Math.floor((at.getTime() + 600_000) / 1000)}^`);
    expect(line).toContain('未返信 *2件*');
    const held = {
      ...waiting,
      assignee: { zendeskUserId: '9', name: '佐藤', email: null },
      comments: waiting.comments.slice(0, 2),
    };
    const heldLine =
      firstText(buildTicketRootMessage(held, inbox, links))
        .split('\n')
        .at(-1) ?? '';
    expect(heldLine).toContain('担当 *佐藤*');
    expect(heldLine).toContain('返信済み');
  });

  it('speaks English when the workspace language is en', () => {
    const m = buildTicketRootMessage(ticket({}), inbox, links, care(true), { locale: 'en' });
    expect(firstText(m)).toContain('Handle with care: 返金対応で強いご不満');
    expect(m.text).toContain('Unassigned');
  });

  it('customer text with mentions, links, & < > shows literally everywhere and pings nobody', () => {
    const evil = '<!channel> <!here> <@U0LEAD> <https://x.example|y> & < >';
    const m = buildTicketRootMessage(
      {
        ...ticket({ name: evil, organizationName: evil }),
        subject: evil,
        tags: ['<!channel>'],
        assignee: { zendeskUserId: '9', name: evil, email: null },
      },
      inbox,
      links,
      {
        ...care(true),
        chart: { ...chart, flagReason: evil, notes: evil, facts: [{ key: evil, value: evil }] },
      },
    );
    expect(liveMentions(m)).toEqual([]);
    expect(liveLinks(m).filter((l) => l.includes('x.example'))).toEqual([]);
    expect(m.text).toContain(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U0LEAD&gt; &lt;https://x.example|y&gt; &amp; &lt; &gt;',
    );
    for (const d of m.degraded ?? []) expect(liveMentions(d)).toEqual([]);
  });
});

describe('the root shows who holds the ticket (issue 12)', () => {
  const actionIds = (m: ReturnType<typeof buildTicketRootMessage>) =>
    ((m.blocks ?? []).at(-1) as { elements: Array<{ action_id: string }> }).elements.map((e) => e.action_id);
  const statusLine = (m: ReturnType<typeof buildTicketRootMessage>) => firstText(m).split('\n').at(-1) ?? '';
  const held = {
    ...ticket({}),
    assignee: { zendeskUserId: '9', name: '佐藤 <b>', email: null },
  };

  it('an assignee shows with their colour and emoji (chosen once), the name escaped; Assign… hands it over', () => {
    const m = buildTicketRootMessage(held, inbox, links, null, {
      assigneeBadge: { emoji: ':fox_face:', colour: 'blue' },
    });
    expect(statusLine(m)).toContain('担当 :large_blue_square: :fox_face: *佐藤 &lt;b&gt;*');
    expect(actionIds(m)).toContain('ticket_assign');
    expect(actionIds(m)).not.toContain('ticket_take');
    expect(((m.blocks ?? []).at(-1) as { elements: Array<{ style?: string }> }).elements[0]).toMatchObject({
      action_id: 'ticket_draft_reply',
      style: 'primary',
    });
    expect(validateMessageBlocks(m.blocks)).toEqual([]);
  });

  it('unassigned is loud: first on the status line, with Take it and Assign…; the group waiting on it is named', () => {
    const m = buildTicketRootMessage(ticket({}), inbox, links);
    expect(statusLine(m).startsWith(':raising_hand: *未割り当て*')).toBe(true);
    expect(actionIds(m)).toEqual(expect.arrayContaining(['ticket_take', 'ticket_assign']));
    // "Take it" is the first, emphasised button while nobody holds the ticket; "Draft reply" otherwise.
    const buttons = (x: ReturnType<typeof buildTicketRootMessage>) =>
      ((x.blocks ?? []).at(-1) as { elements: Array<{ action_id: string; style?: string }> }).elements;
    expect(buttons(m)[0]).toMatchObject({ action_id: 'ticket_take', style: 'primary' });
    expect(buttons(m).filter((b) => b.style === 'primary')).toHaveLength(1);
    const queued = buildTicketRootMessage(
      { ...ticket({}), groupId: '7', groupName: 'Billing' },
      inbox,
      links,
    );
    expect(statusLine(queued).startsWith(':raising_hand: *未割り当て*（Billing）')).toBe(true);
    const en = buildTicketRootMessage(ticket({}), inbox, links, null, { locale: 'en' });
    expect(statusLine(en).startsWith(':raising_hand: *Unassigned*')).toBe(true);
    expect(JSON.stringify(en.blocks)).toContain('Assign…');
  });

  it('stays compact: three blocks without a care chart, the status on one line', () => {
    const m = buildTicketRootMessage(held, inbox, links, null, {
      assigneeBadge: { emoji: ':fox_face:', colour: 'blue' },
    });
    expect(m.blocks).toHaveLength(3);
    expect(firstText(m).split('\n')).toHaveLength(2);
    const u = buildTicketRootMessage(ticket({}), inbox, links);
    expect(u.blocks).toHaveLength(3);
    expect(firstText(u).split('\n')).toHaveLength(2);
  });

  it('a past response target is one more item at the end of the status line, in ja and en; none without it', () => {
    const late = buildTicketRootMessage(held, inbox, links, null, { pastTarget: 'first' });
    expect(late.blocks).toHaveLength(3);
    expect(firstText(late).split('\n')).toHaveLength(2);
    expect(statusLine(late).endsWith('  ·  :alarm_clock: *初回返信の目標超過*')).toBe(true);
    const unheld = buildTicketRootMessage(ticket({}), inbox, links, null, {
      pastTarget: 'unassigned',
      locale: 'en',
    });
    expect(statusLine(unheld).startsWith(':raising_hand: *Unassigned*')).toBe(true);
    expect(statusLine(unheld).endsWith(':alarm_clock: *past assignment target*')).toBe(true);
    expect(statusLine(buildTicketRootMessage(held, inbox, links))).not.toContain(':alarm_clock:');
    expect(validateMessageBlocks(late.blocks)).toEqual([]);
  });
});
