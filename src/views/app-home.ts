import type { KnownBlock } from '@slack/types';
import type { AgentHome, HomeTicketLine } from '../domain/home/home-model.ts';
import { threadPermalink } from '../domain/home/home-model.ts';
import type { Translate } from '../i18n/index.ts';
import {
  button,
  context,
  divider,
  type HomeView,
  header,
  homeView,
  plain,
  section,
  TEXT_MAX,
} from './block-kit.ts';
import { ActionIds } from './ids.ts';
import { escapeMrkdwn, link, slackDate, splitText, truncate } from './mrkdwn.ts';
import { type TodayVolume, volumeHomeBlocks } from './volume.ts';

/** Slack's Home tab limit; the view never gets near it (the lists are capped and counted, see DEFAULT_HOME_LIMITS). */
export const HOME_MAX_BLOCKS = 100;

const ago = (d: Date) => slackDate(d, '{ago}');
const when = (d: Date) => slackDate(d, '{date_short_pretty} {time}');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function ticketLink(home: AgentHome, t: HomeTicketLine, subjectChars = 32): string {
  const label = `#${t.zendeskId} ${truncate(oneLine(t.subject), subjectChars)}`;
  return t.thread
    ? link(threadPermalink(home.workspaceUrl, t.thread.channelId, t.thread.rootTs), label)
    : `*${escapeMrkdwn(label)}*`;
}

/** `写真サポート · 26分前 に受付 · ⏳ 14:16 からお客様が返信待ち` */
function ticketFacts(t: Translate, line: HomeTicketLine, opts: { thread: boolean; inbox: boolean }): string {
  const parts = [
    ...(opts.inbox && line.inboxName ? [escapeMrkdwn(line.inboxName)] : []),
    t('home.opened', { ago: ago(line.createdAt) }),
    line.waitingSince
      ? t('home.waiting_since', { since: when(line.waitingSince) })
      : line.status === 'pending'
        ? t('home.waiting_customer')
        : line.status === 'hold'
          ? t('home.on_hold')
          : null,
    ...(opts.thread && !line.thread ? [t('home.no_thread')] : []),
  ];
  return parts.filter(Boolean).join(' · ');
}

/** One ticket of mine: link, facts, the customer's last words (cut). */
function myTicketBlock(t: Translate, home: AgentHome, line: HomeTicketLine): KnownBlock {
  const message = line.lastCustomerMessage
    ? `\n${t('home.last_message', { text: escapeMrkdwn(truncate(oneLine(line.lastCustomerMessage), 90)) })}`
    : '';
  return section(
    `${t('home.ticket_line', {
      link: ticketLink(home, line, 60),
      facts: ticketFacts(t, line, { thread: true, inbox: true }),
    })}${message}`,
  );
}

/** Lines joined into as few sections as fit (each ≤ 3,000 characters). */
function lineSections(lines: string[]): KnownBlock[] {
  if (lines.length === 0) return [];
  return splitText(lines.join('\n'), TEXT_MAX.section).map((text) => section(text));
}

const more = (t: Translate, count: number, what: string): KnownBlock[] =>
  count > 0 ? [context(t('home.more', { count, what }))] : [];

function targetName(t: Translate, target: string): string {
  if (target === 'first_response') return t('home.target_first_response');
  if (target === 'next_response') return t('home.target_next_response');
  if (target === 'unassigned') return t('reminder.kind.unassigned');
  return escapeMrkdwn(target);
}

/**
 * One agent's App Home, in their language: availability toggle, my open tickets, tickets past their
 * response target, drafts waiting for my approval, unassigned tickets per inbox, the team's workload, and
 * today's volume. Every list is capped and its remainder counted ("…and 480 more"), so even 500 open tickets
 * and 20 agents stay far inside Slack's 100 blocks and 250 kB; nothing is cut silently.
 */
export function buildAgentHome(t: Translate, home: AgentHome, today?: TodayVolume): HomeView {
  const blocks: KnownBlock[] = [];
  blocks.push(
    header(plain(home.me ? t('home.title', { name: home.me.name }) : t('home.title_unmapped'))),
    section(home.available ? t('home.available') : t('home.away'), {
      accessory: button(
        ActionIds.homeAvailabilityToggle,
        plain(home.available ? t('home.set_away') : t('home.set_available')),
        { value: home.available ? 'off' : 'on' },
      ),
    }),
    context(t('home.updated', { at: when(home.generatedAt) })),
    divider(),
  );

  // My open tickets.
  blocks.push(header(plain(t('home.mine_title'))));
  if (!home.me) blocks.push(section(t('home.unmapped')));
  else if (home.myTickets.total === 0) blocks.push(context(t('home.mine_none')));
  else {
    blocks.push(
      context(t('home.mine_summary', { total: home.myTickets.total, waiting: home.myTickets.waiting })),
      ...home.myTickets.shown.map((line) => myTicketBlock(t, home, line)),
      ...more(t, home.myTickets.total - home.myTickets.shown.length, t('home.more_mine')),
    );
  }

  // Past their response target.
  blocks.push(divider(), header(plain(t('home.past_title'))));
  if (home.pastTarget.total === 0) blocks.push(context(t('home.past_none')));
  else {
    blocks.push(
      ...lineSections(
        home.pastTarget.shown.map((p) =>
          t('home.past_line', {
            link: ticketLink(home, p),
            target: targetName(t, p.target),
            due: when(p.dueAt),
            assignee: p.assigneeName ? escapeMrkdwn(p.assigneeName) : t('home.unassigned_label'),
          }),
        ),
      ),
      ...more(t, home.pastTarget.total - home.pastTarget.shown.length, t('home.more_past')),
    );
  }

  // Drafts waiting for my approval.
  blocks.push(divider(), header(plain(t('home.approvals_title'))));
  if (home.approvals.total === 0) blocks.push(context(t('home.approvals_none')));
  else {
    blocks.push(
      ...lineSections(
        home.approvals.shown.map((a) =>
          t('home.approval_line', {
            link: ticketLink(home, a.ticket),
            draft: escapeMrkdwn(truncate(a.draftName, 40)),
            version: a.version,
            by: a.sharedBySlackId,
            at: ago(a.sharedAt),
          }),
        ),
      ),
      ...more(t, home.approvals.total - home.approvals.shown.length, t('home.more_approvals')),
    );
  }

  // Unassigned, per inbox.
  blocks.push(divider(), header(plain(t('home.unassigned_title'))));
  if (home.unassigned.total === 0) blocks.push(context(t('home.unassigned_none')));
  else {
    blocks.push(context(t('home.unassigned_summary', { total: home.unassigned.total })));
    for (const group of home.unassigned.inboxes) {
      const name = group.name ?? t('home.no_inbox');
      const lines = group.shown.map(
        (line) => `• ${ticketLink(home, line)} · ${ticketFacts(t, line, { thread: false, inbox: false })}`,
      );
      const rest = group.count - group.shown.length;
      if (rest > 0)
        lines.push(
          t('home.more', { count: rest, what: t('home.more_unassigned', { inbox: escapeMrkdwn(name) }) }),
        );
      blocks.push(
        ...lineSections([
          t('home.inbox_heading', { name: escapeMrkdwn(name), count: group.count }),
          ...lines,
        ]),
      );
    }
    if (home.unassigned.more.inboxes > 0)
      blocks.push(
        context(
          t('home.more_inboxes', {
            inboxes: home.unassigned.more.inboxes,
            tickets: home.unassigned.more.tickets,
          }),
        ),
      );
  }

  // The team's workload.
  blocks.push(divider(), header(plain(t('home.workload_title'))));
  if (home.workload.agents.length === 0) blocks.push(context(t('home.workload_none')));
  else {
    blocks.push(
      context(t('home.workload_summary', { total: home.workload.totalOpen })),
      ...lineSections(
        home.workload.agents.map((a) =>
          t('home.workload_line', {
            badge: home.badges[a.zendeskUserId]?.emoji ?? ':bust_in_silhouette:',
            name: escapeMrkdwn(truncate(a.name, 60)),
            open: a.open,
            waiting: a.waiting,
          }),
        ),
      ),
    );
    if (home.workload.more.agents > 0)
      blocks.push(
        context(
          t('home.more_agents', { agents: home.workload.more.agents, tickets: home.workload.more.tickets }),
        ),
      );
  }

  if (today) blocks.push(divider(), ...volumeHomeBlocks(t, today));
  if (blocks.length > HOME_MAX_BLOCKS) {
    // Cannot happen with the capped lists; if it ever did, say so rather than let Slack refuse the whole home.
    const kept = blocks.slice(0, HOME_MAX_BLOCKS - 1);
    kept.push(context(t('home.more', { count: blocks.length - kept.length, what: 'blocks' })));
    return homeView(kept);
  }
  return homeView(blocks);
}
