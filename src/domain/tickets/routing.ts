import type { Inbox, TicketSnapshot } from './ticket.ts';

/**
 * Picks the inbox a ticket belongs to: rules are tried by position; a rule matches when every condition it
 * sets holds (brand, group, form by id or name; tags when the ticket carries any of them). The default
 * inbox takes what no rule matched.
 */
export function routeTicket(ticket: TicketSnapshot, inboxes: Inbox[]): Inbox | null {
  const rules = [...inboxes]
    .filter((i) => !i.isDefault)
    .sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const eq = (want: string | null, ...have: Array<string | null>) =>
    want === null || have.some((h) => h !== null && h.toLowerCase() === want.toLowerCase());
  for (const inbox of rules) {
    const hasCondition = inbox.brand || inbox.group || inbox.formId || inbox.tags.length > 0;
    if (!hasCondition) continue;
    if (!eq(inbox.brand, ticket.brandId, ticket.brandName)) continue;
    if (!eq(inbox.group, ticket.groupId, ticket.groupName)) continue;
    if (!eq(inbox.formId, ticket.formId)) continue;
    if (inbox.tags.length > 0 && !inbox.tags.some((t) => ticket.tags.includes(t))) continue;
    return inbox;
  }
  return inboxes.find((i) => i.isDefault) ?? null;
}
