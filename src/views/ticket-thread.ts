import type { CareContext } from '../domain/care/care-service.ts';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { TicketThreadRenderer } from '../domain/tickets/ports.ts';
import type { Inbox, TicketCommentSnapshot, TicketSnapshot } from '../domain/tickets/ticket.ts';
import { actions, button, context, fields, header, plain, plainText, section } from './block-kit.ts';
import { buildCareRootParts, careButton } from './care-chart.ts';
import { ActionIds } from './ids.ts';
import { escapeMrkdwn, mailtoLink, splitText, truncate } from './mrkdwn.ts';

const statusEmoji: Record<string, string> = {
  new: ':new:',
  open: ':large_orange_circle:',
  pending: ':hourglass_flowing_sand:',
  hold: ':double_vertical_bar:',
  solved: ':white_check_mark:',
  closed: ':lock:',
};

/**
 * The thread's root: everything an agent needs to pick the ticket up, kept current by chat.update. With a
 * care context it also shows, without a click, the prior ticket count and the care chart's summary.
 */
export function buildTicketRootMessage(
  t: TicketSnapshot,
  inbox: Inbox,
  links: { zendeskUrl: string },
  care?: CareContext | null,
): SlackMessage {
  // The name is escaped, the link is built after: escaping a built link shows its <mailto:…|…> as text.
  const requester = t.requester.email
    ? `${escapeMrkdwn(t.requester.name)} ${mailtoLink(t.requester.email)}`
    : escapeMrkdwn(t.requester.name);
  const assignee = t.assignee ? escapeMrkdwn(t.assignee.name) : '*unassigned*';
  const fieldTexts = [
    `*Requester*\n${requester}`,
    `*Organization*\n${escapeMrkdwn(t.requester.organizationName ?? '—')}`,
    `*Status*\n${statusEmoji[t.status] ?? ''} ${t.status}`,
    `*Priority*\n${t.priority ?? '—'}`,
    `*Assignee*\n${assignee}`,
    `*Tags*\n${t.tags.length ? truncate(t.tags.map((x) => `\`${x}\``).join(' '), 1900) : '—'}`,
  ];
  const subject = truncate(t.subject, 140);
  const careParts = care ? buildCareRootParts(care) : null;
  return {
    text: `#${t.zendeskId} ${subject} — ${t.requester.name} (${t.status}, ${t.assignee ? t.assignee.name : 'unassigned'})${careParts ? ` · ${careParts.text}` : ''}`,
    blocks: [
      header(plain(`#${t.zendeskId} ${t.subject}`)),
      ...(careParts?.blocks ?? []),
      fields(fieldTexts),
      actions([
        button(ActionIds.openInZendesk, plainText('Open in Zendesk'), { url: links.zendeskUrl }),
        ...(care ? [careButton(care.requesterZendeskUserId)] : []),
        // Slash commands do not arrive with their thread: templates for this ticket open from here.
        button(ActionIds.findTemplate, plainText('Find template'), { value: t.zendeskId }),
        // The reply is written in a modal opened from the thread (buttons and shortcuts know their thread).
        button(ActionIds.draftReply, plainText('Draft reply'), { value: t.zendeskId }),
        // Assigns the ticket in Zendesk to the clicking agent (their mapped Zendesk agent).
        button(ActionIds.takeTicket, plainText('Take it'), { value: t.zendeskId }),
      ]),
      context(
        `Inbox *${escapeMrkdwn(inbox.name)}* · opened ${t.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      ),
    ],
    ...(careParts?.attachments.length ? { attachments: careParts.attachments } : {}),
  };
}

/**
 * A customer's (or an agent's public) message in the thread, verbatim: never summarised or trimmed.
 * Slack rejects messages whose blocks hold much more than ~12k characters (msg_blocks_too_long), so a long
 * message becomes several thread messages of at most three 2,900-character sections each.
 */
export function buildThreadComment(
  t: TicketSnapshot,
  c: TicketCommentSnapshot,
  role: 'customer' | 'agent',
): SlackMessage[] {
  const who =
    role === 'customer'
      ? `:speech_balloon: *${escapeMrkdwn(t.requester.name)}* wrote`
      : ':outbox_tray: *Public reply sent from Zendesk*';
  const pieces = splitText(escapeMrkdwn(c.body || '(empty message)'), 2900);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < pieces.length; i += 3) {
    const part = pieces.length > 3 ? ` · part ${i / 3 + 1} of ${Math.ceil(pieces.length / 3)}` : '';
    messages.push({
      text: `${role === 'customer' ? t.requester.name : 'Agent'}: ${truncate(pieces.slice(i, i + 3).join(''), 3000)}`,
      blocks: [
        context(`${who} · ${c.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC${part}`),
        ...pieces.slice(i, i + 3).map((text) => section(text)),
      ],
    });
  }
  return messages;
}

export const ticketThreadRenderer: TicketThreadRenderer = {
  root: buildTicketRootMessage,
  comment: buildThreadComment,
};

/**
 * The renderer with the customer's care context on every root. A care lookup that fails leaves the root
 * without it rather than holding the ticket back.
 */
export function createTicketThreadRenderer(deps: {
  careContext: (t: TicketSnapshot) => Promise<CareContext>;
}): TicketThreadRenderer {
  return {
    async root(t, inbox, links) {
      const care = await deps.careContext(t).catch(() => null);
      return buildTicketRootMessage(t, inbox, links, care);
    },
    comment: buildThreadComment,
  };
}
