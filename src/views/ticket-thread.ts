import type { CareContext } from '../domain/care/care-service.ts';
import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { TargetKind } from '../domain/reminders/response-targets.ts';
import { badgeText } from '../domain/team/agent-badges.ts';
import type { CommentNotice, TicketThreadRenderer } from '../domain/tickets/ports.ts';
import {
  customerWaiting,
  type Inbox,
  type TicketCommentSnapshot,
  type TicketSnapshot,
} from '../domain/tickets/ticket.ts';
import { type Locale, type MessageKey, translator } from '../i18n/index.ts';
import {
  type ActionsBlockElement,
  actions,
  button,
  context,
  type KnownBlock,
  plain,
  section,
} from './block-kit.ts';
import { ActionIds } from './ids.ts';
import { escapeMrkdwn, mailtoLink, slackDate, slackLength, splitEscaped, truncate } from './mrkdwn.ts';

const OPEN_STATUSES = new Set(['new', 'open', 'pending', 'hold']);

const statusEmoji: Record<string, string> = {
  new: ':new:',
  open: ':large_orange_circle:',
  pending: ':hourglass_flowing_sand:',
  hold: ':double_vertical_bar:',
  solved: ':white_check_mark:',
  closed: ':lock:',
};

/** block_id of the root's buttons: other features add theirs here through `RootOptions.extraActions`. */
export const ROOT_ACTIONS_BLOCK = 'ticket_root_actions';

export interface RootOptions {
  /** The workspace language (config.locale): the root is a channel post every agent reads. */
  locale?: Locale;
  /**
   * Buttons other features put on the root: placed after "Draft reply", before the rest; the builder keeps
   * the actions block within Slack's 25 elements.
   */
  extraActions?: ActionsBlockElement[];
  /** The assignee's badge (colour and emoji, chosen once per agent); without it the name shows alone. */
  assigneeBadge?: { emoji: string; colour: string } | null;
  /** A response target whose step-1 reminder fired for the ticket's current wait: the status line says so. */
  pastTarget?: TargetKind | null;
}

const statusWord = (tr: ReturnType<typeof translator>, status: string) =>
  (['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted'].includes(status)
    ? tr(`status.${status}` as MessageKey)
    : status) || tr('common.unknown');

/**
 * The thread's root: what needs doing, readable three to a screen, kept current by chat.update. First the
 * care flag (when the customer's chart has it), then the title with the priority emphasised, then the live
 * status line (who holds it, whether the customer is waiting and since when, how many messages unanswered),
 * one context line about the customer, the chart's details in one line, and the buttons. Everything that
 * comes from the customer or Zendesk is escaped; links are built once, after escaping.
 */
export function buildTicketRootMessage(
  t: TicketSnapshot,
  inbox: Inbox,
  links: { zendeskUrl: string },
  care?: CareContext | null,
  options: RootOptions = {},
): SlackMessage {
  const tr = translator(options.locale ?? 'ja');
  const chart = care?.chart ?? null;
  const flagged = Boolean(chart?.flagged);
  const status = statusWord(tr, t.status);
  const waiting = customerWaiting(t);

  // Line 1: the flag with its reason, the priority, the ticket number and subject.
  const flagLine = flagged
    ? chart?.flagReason
      ? tr('root.flag_reason', { reason: escapeMrkdwn(truncate(chart.flagReason.replace(/\s+/g, ' '), 200)) })
      : tr('root.flag')
    : null;
  const priorityBadge =
    t.priority === 'urgent'
      ? tr('root.priority.urgent')
      : t.priority === 'high'
        ? tr('root.priority.high')
        : null;
  const title = `*#${escapeMrkdwn(t.zendeskId)} ${escapeMrkdwn(truncate(t.subject.replace(/\s+/g, ' '), 400))}*`;
  // Line 2: the live status.
  const badge = options.assigneeBadge;
  const holder = t.assignee
    ? badge
      ? tr('assign.root.held', {
          badge: badgeText(badge),
          name: escapeMrkdwn(t.assignee.name),
        })
      : tr('root.assignee', { name: escapeMrkdwn(t.assignee.name) })
    : t.groupName
      ? tr('assign.root.unassigned_group', { group: escapeMrkdwn(t.groupName) })
      : tr('assign.root.unassigned');
  const waitingText = waiting
    ? tr('root.waiting', { since: slackDate(waiting.since), count: waiting.count })
    : ['solved', 'closed', 'deleted'].includes(t.status)
      ? tr('root.closed')
      : tr('root.answered');
  const statusWords = `${statusEmoji[t.status] ?? ':grey_question:'} ${escapeMrkdwn(status)}`;
  // Nobody holds it: that comes first, so it cannot be missed.
  const pastTarget = options.pastTarget
    ? tr('reminder.root.past_target', { kind: tr(`reminder.kind.${options.pastTarget}`) })
    : null;
  const statusLine = (
    t.assignee || !OPEN_STATUSES.has(t.status)
      ? [statusWords, holder, waitingText, pastTarget]
      : [holder, statusWords, waitingText, pastTarget]
  )
    .filter(Boolean)
    .join('  ·  ');
  const headline = [flagLine, [priorityBadge, title].filter(Boolean).join('  '), statusLine]
    .filter(Boolean)
    .join('\n');

  // The customer, in one context line: name and address, organization, history, tags, inbox and time.
  const requester = t.requester.email
    ? `${escapeMrkdwn(t.requester.name)} ${mailtoLink(t.requester.email)}`
    : escapeMrkdwn(t.requester.name);
  const about = [
    `:bust_in_silhouette: ${requester}`,
    t.requester.organizationName ? `:office: ${escapeMrkdwn(t.requester.organizationName)}` : null,
    care
      ? `${care.priorTickets === 0 ? tr('root.prior_none') : care.priorTickets === 1 ? tr('root.prior_one') : tr('root.prior_some', { count: care.priorTickets })}${chart ? ` · ${tr('root.care_chart', { version: chart.version })}` : ''}`
      : null,
    t.priority && t.priority !== 'urgent' && t.priority !== 'high'
      ? escapeMrkdwn(tr(`priority.${t.priority}` as MessageKey) || t.priority)
      : null,
    t.tags.length
      ? truncate(t.tags.map((x) => `\`${escapeMrkdwn(x.replace(/`/g, "'"))}\``).join(' '), 600)
      : null,
    tr('root.inbox_opened', { inbox: escapeMrkdwn(inbox.name), opened: slackDate(t.createdAt) }),
  ].filter(Boolean);

  const blocks: KnownBlock[] = [section(headline), context(about.join('  ·  '))];
  if (chart) {
    const details = [
      ...chart.facts.slice(0, 4).map((f) => `${escapeMrkdwn(f.key)}: ${escapeMrkdwn(f.value)}`),
      escapeMrkdwn(
        chart.notes
          .split('\n')
          .find((l) => l.trim() !== '')
          // Links "Add to care chart" wrote (<url|message>) read as their label here.
          ?.replace(/<[^|>\s]+\|([^>]+)>/g, '$1')
          .trim() ?? '',
      ),
    ].filter((x) => x !== '');
    blocks.push(
      context(
        tr('root.care_details', {
          details: truncate(details.join(' · ') || tr('root.care_empty'), 600),
        }),
      ),
    );
  }
  // Nobody holds an open ticket: "Take it" comes first and is the emphasised button.
  const unheld = !t.assignee && OPEN_STATUSES.has(t.status);
  const elements: ActionsBlockElement[] = [
    // Assigns the ticket in Zendesk to the clicking agent (their mapped Zendesk agent); shown while nobody holds it.
    ...(t.assignee
      ? []
      : [
          button(ActionIds.takeTicket, plain(tr('root.button.take')), {
            value: t.zendeskId,
            ...(unheld ? { style: 'primary' as const } : {}),
          }),
        ]),
    // The reply is written in a modal opened from the thread (buttons and shortcuts know their thread).
    button(ActionIds.draftReply, plain(tr('root.button.draft')), {
      value: t.zendeskId,
      ...(unheld ? {} : { style: 'primary' as const }),
    }),
    ...(options.extraActions ?? []),
    // A person or a group, picked in a modal (also to hand a held ticket over).
    button(ActionIds.assignTicket, plain(tr('assign.root.button')), { value: t.zendeskId }),
    // Slash commands do not arrive with their thread: templates for this ticket open from here.
    button(ActionIds.findTemplate, plain(tr('root.button.template')), { value: t.zendeskId }),
    ...(care
      ? [button(ActionIds.careChart, plain(tr('root.button.care')), { value: care.requesterZendeskUserId })]
      : []),
    button(ActionIds.openInZendesk, plain(tr('root.button.open')), { url: links.zendeskUrl }),
  ].slice(0, 25);
  blocks.push(actions(elements, ROOT_ACTIONS_BLOCK));

  const fallback = tr('root.text', {
    id: escapeMrkdwn(t.zendeskId),
    subject: escapeMrkdwn(truncate(t.subject.replace(/\s+/g, ' '), 140)),
    requester: escapeMrkdwn(truncate(t.requester.name, 80)),
    status,
    assignee: t.assignee ? escapeMrkdwn(truncate(t.assignee.name, 80)) : tr('common.unassigned'),
  });
  const extras = [
    flagged ? tr('root.flag_text') : null,
    waiting ? tr('root.text_waiting', { count: waiting.count }) : null,
  ].filter(Boolean);
  return {
    text: extras.length ? `${fallback} · ${extras.join(' · ')}` : fallback,
    blocks,
    degraded: degradedRoots(t, fallback, tr),
  };
}

/**
 * What the outbox sends when Slack refuses the root for good (invalid_blocks, msg_blocks_too_long …): first a
 * short layout (the title and the status as text), then plain text alone. Each says it is a short form.
 */
function degradedRoots(
  t: TicketSnapshot,
  fallback: string,
  tr: ReturnType<typeof translator>,
): SlackMessage[] {
  const short = truncate(fallback, 2000);
  const note = tr('root.degraded', { id: escapeMrkdwn(t.zendeskId) });
  return [
    { text: fallback, blocks: [section(short), context(note)] },
    { text: truncate(`${short}\n${note}`, DEGRADED_TEXT_MAX) },
  ];
}

/**
 * A customer's (or an agent's public) message in the thread, verbatim: never summarised or trimmed. The
 * text is split before it is escaped (no entity, surrogate pair or emoji sequence is cut); Slack rejects
 * messages whose blocks hold much more than ~12k characters (msg_blocks_too_long), so a long message becomes
 * several thread messages of at most three 2,900-character sections each. `notice.mention` puts the
 * assignee's mention on the first part (a customer's follow-up in a `mention` inbox).
 */
export function buildThreadComment(
  t: TicketSnapshot,
  c: TicketCommentSnapshot,
  role: 'customer' | 'agent',
  notice: CommentNotice = {},
  locale: Locale = 'ja',
): SlackMessage[] {
  const tr = translator(locale);
  const pieces = splitEscaped(c.body.trim() === '' ? tr('thread.empty') : c.body, 2900);
  const messages: SlackMessage[] = [];
  const total = Math.ceil(pieces.length / 3);
  for (let i = 0; i < pieces.length; i += 3) {
    const part = total > 1 ? tr('thread.part', { n: i / 3 + 1, total }) : '';
    const at = slackDate(c.createdAt);
    const who =
      role === 'customer'
        ? tr('thread.customer_wrote', { name: escapeMrkdwn(t.requester.name), at, part })
        : tr('thread.agent_public', { at, part });
    const chunk = pieces.slice(i, i + 3);
    const body = truncate(chunk.join(''), 3000);
    const mention =
      i === 0 && notice.mentionSlackUserId && /^[UW][A-Z0-9]{2,}$/.test(notice.mentionSlackUserId)
        ? tr('thread.follow_up_mention', { mention: `<@${notice.mentionSlackUserId}>` })
        : null;
    const text =
      role === 'customer'
        ? tr('thread.text_customer', { name: escapeMrkdwn(truncate(t.requester.name, 80)), body })
        : tr('thread.text_agent', { body });
    messages.push({
      text: mention ? `${mention}\n${text}` : text,
      blocks: [...(mention ? [section(mention)] : []), context(who), ...chunk.map((piece) => section(piece))],
    });
  }
  return messages;
}

/** Longest text a degraded root may carry (Slack's `text` limit is 40,000; 4,000 keeps clients happy). */
export const DEGRADED_TEXT_MAX = 4000;

export const ticketThreadRenderer: TicketThreadRenderer = {
  root: (t, inbox, links) => buildTicketRootMessage(t, inbox, links),
  comment: (t, c, role, notice) => buildThreadComment(t, c, role, notice),
};

/**
 * The renderer with the customer's care context on every root, in the workspace language. A care lookup
 * that fails leaves the root without it rather than holding the ticket back.
 */
export function createTicketThreadRenderer(deps: {
  careContext: (t: TicketSnapshot) => Promise<CareContext>;
  locale?: Locale;
  /** The assignee's badge (chosen once per agent); a failed lookup shows the name alone. */
  assigneeBadge?: (assignee: { zendeskUserId: string; name: string }) => Promise<{
    emoji: string;
    colour: string;
  } | null>;
  /** Whether a response-target reminder fired for the ticket's current wait (its status line says so). */
  pastTarget?: (t: TicketSnapshot) => Promise<TargetKind | null>;
}): TicketThreadRenderer {
  const locale = deps.locale ?? 'ja';
  return {
    async root(t, inbox, links) {
      const [care, assigneeBadge, pastTarget] = await Promise.all([
        deps.careContext(t).catch(() => null),
        t.assignee && deps.assigneeBadge ? deps.assigneeBadge(t.assignee).catch(() => null) : null,
        deps.pastTarget ? deps.pastTarget(t).catch(() => null) : null,
      ]);
      return buildTicketRootMessage(t, inbox, links, care, { locale, assigneeBadge, pastTarget });
    },
    comment: (t, c, role, notice) => buildThreadComment(t, c, role, notice, locale),
  };
}

export { slackLength };
