import { describe, expect, it } from 'vitest';
import type { Inbox, TicketSnapshot } from '../../src/domain/tickets/ticket.ts';
import { buildTicketRootMessage } from '../../src/views/ticket-thread.ts';

const inbox: Inbox = {
  id: 'photos',
  name: 'Photos',
  channelId: 'C0PHOTOS',
  brand: null,
  group: null,
  formId: null,
  tags: [],
  position: 0,
  isDefault: true,
};
const ticket = (requester: Partial<TicketSnapshot['requester']>): TicketSnapshot => ({
  zendeskId: '42',
  subject: '写真が消えました',
  status: 'open',
  priority: null,
  requester: {
    zendeskUserId: '1005',
    name: '山田 花子',
    email: 'hanako@example.com',
    organizationId: null,
    organizationName: null,
    externalId: null,
    ...requester,
  },
  assignee: null,
  groupId: null,
  groupName: null,
  brandId: null,
  brandName: null,
  formId: null,
  tags: [],
  createdAt: new Date('2026-03-02T01:16:00Z'),
  updatedAt: new Date('2026-03-02T01:16:00Z'),
  comments: [],
});

/** The mrkdwn of the root's "Requester" field. */
function requesterField(t: TicketSnapshot): string {
  const message = buildTicketRootMessage(t, inbox, {
    zendeskUrl: 'https://example.zendesk.com/agent/tickets/42',
  });
  const texts = JSON.stringify(message.blocks).match(/"\*Requester\*\\n([^"]*)"/);
  return JSON.parse(`"${texts?.[1] ?? ''}"`);
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
