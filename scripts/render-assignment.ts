/**
 * Sample assignment screens for `npm run render:views` (scripts/render-our-views.ts): ticket roots held by
 * agents with their badges next to loud unassigned ones (one waiting in a group's queue), and the "Assign…"
 * modal as a Japanese (ja-JP) and an English (en-US) reader sees it.
 */
import { pickBadge } from '../src/domain/team/agent-badges.ts';
import type { AssignmentChoices } from '../src/domain/team/assignment.ts';
import type { TicketSnapshot } from '../src/domain/tickets/ticket.ts';
import { type Locale, translator } from '../src/i18n/index.ts';
import { buildAssignModal } from '../src/views/assign-modal.ts';
import { buildTicketRootMessage } from '../src/views/ticket-thread.ts';
import {
  type SampleTicketOverrides,
  sampleComment,
  sampleInbox,
  sampleTicketFrom,
} from '../tests/fixtures/sample-ticket.ts';

export function assignmentJobs(now: Date) {
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const inbox = sampleInbox({
    name: '写真サポート',
    position: 10,
    isDefault: false,
    autoAssign: 'round_robin',
  });
  const agents = [
    { zendeskUserId: '1001', name: '佐藤 愛子' },
    { zendeskUserId: '1002', name: 'Kenji Tanaka' },
    { zendeskUserId: '1003', name: '伊藤 美香' },
    { zendeskUserId: '1004', name: '鈴木 一郎' },
  ];
  const profile = (i: number, available = true) => ({
    ...(agents[i] ?? { zendeskUserId: '0', name: '' }),
    slackUserId: null,
    available,
    ...pickBadge(i),
  });
  const choices: AssignmentChoices = {
    agents: agents.map((a, i) => ({ ...a, profile: profile(i, i !== 3) })),
    groups: [
      { id: '3001', name: 'Support' },
      { id: '3002', name: 'Onboarding' },
      { id: '3003', name: '請求チーム' },
    ],
  };
  const ticket = (
    id: string,
    subject: string,
    name: string,
    minutesAgo: number,
    extra: SampleTicketOverrides = {},
  ): TicketSnapshot =>
    sampleTicketFrom(id, subject, name, ago(minutesAgo), {
      comments: [
        sampleComment({
          zendeskCommentId: `c${id}`,
          authorZendeskId: `u${id}`,
          authorName: name,
          body: 'x',
          createdAt: ago(minutesAgo),
        }),
      ],
      ...extra,
    });
  const link = (t: TicketSnapshot) => ({
    zendeskUrl: `https://example.zendesk.com/agent/tickets/${t.zendeskId}`,
  });
  const held = (i: number) => {
    const a = agents[i] ?? { zendeskUserId: '0', name: '' };
    return { assignee: { zendeskUserId: a.zendeskUserId, name: a.name, email: null } };
  };
  const roots = (locale: Locale) => {
    const list: Array<[TicketSnapshot, number | null]> = [
      [ticket('2101', '写真が消えてしまいました', '山田 花子', 34, held(0)), 0],
      [ticket('2102', 'Invoice address change', 'John Smith', 21, held(1)), 1],
      [ticket('2103', 'アルバムの共有方法を知りたい', '高橋 蓮', 9), null],
      [
        ticket('2104', '請求額が二重になっている', '中村 優', 4, {
          groupId: '3003',
          groupName: '請求チーム',
        }),
        null,
      ],
    ];
    return list.map(([t, i], n) => ({
      ...buildTicketRootMessage(t, inbox, link(t), null, {
        locale,
        assigneeBadge: i === null ? null : pickBadge(i),
      }),
      _time: ['14:08', '14:21', '14:33', '14:38'][n],
    }));
  };
  const users = { U0AGENT1: '佐藤 愛子', U0AGENT2: 'Kenji' };
  const jobs: Array<{ name: string; input: unknown; locale: Locale; channelName?: string }> = [];
  for (const locale of ['ja', 'en'] as const) {
    const t = translator(locale);
    jobs.push({
      name: `assign-roots-${locale}`,
      input: { messages: roots(locale), users },
      locale,
      channelName: 'support-写真',
    });
    jobs.push({
      name: `assign-modal-${locale}`,
      input: buildAssignModal(t, {
        meta: { t: '2102', c: 'C0PHOTOS', th: '1764480960.000100' },
        choices,
        current: { assigneeId: '1002', assigneeName: 'Kenji Tanaka', groupId: '3001' },
      }),
      locale,
    });
  }
  // The select's options as the open dropdown lists them (the renderer draws a select closed).
  const t = translator('ja');
  const modal = buildAssignModal(t, {
    meta: { t: '2103' },
    choices,
    current: null,
  }) as {
    blocks: Array<{
      element?: {
        option_groups?: Array<{ label: { text: string }; options: Array<{ text: { text: string } }> }>;
      };
    }>;
  };
  const groups = modal.blocks.find((b) => b.element?.option_groups)?.element?.option_groups ?? [];
  jobs.push({
    name: 'assign-modal-options-ja',
    input: {
      ...modal,
      blocks: [
        ...modal.blocks,
        ...groups.map((g) => ({
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: `*${g.label.text}*\n${g.options.map((o) => o.text.text).join('\n')}`,
          },
        })),
      ],
    },
    locale: 'ja',
  });
  return jobs;
}
