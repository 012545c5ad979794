import {
  byUrgency,
  type CommentFact,
  type HomeAgentLoad,
  type HomeApproval,
  type HomeInboxGroup,
  type HomePastTarget,
  type HomeSnapshot,
  type HomeTicketLine,
  OPEN_STATUSES,
  waitingSince,
} from '../domain/home/home-model.ts';
import type { HomeStore } from '../domain/home/ports.ts';
import type { Db } from './database.ts';

/** Longest customer message kept for a line (the view cuts it further). */
const MESSAGE_CHARS = 400;

/**
 * The App Home's reads: one query for the open tickets (no comment bodies), one for the public comments of
 * the tickets shown or sorted by waiting time, one for the drafts shared for review. Counts come from the
 * full list, so every summary line is exact.
 */
export function createHomeStore(db: Db): HomeStore {
  return {
    async snapshot({ slackUserId, zendeskUserId, pastTarget, limits }) {
      const [tickets, inboxes, drafts] = await Promise.all([
        db.ticket.findMany({
          where: { status: { in: [...OPEN_STATUSES] } },
          select: {
            id: true,
            zendeskId: true,
            subject: true,
            status: true,
            assigneeZendeskId: true,
            assigneeName: true,
            inboxId: true,
            channelId: true,
            rootTs: true,
            zendeskCreatedAt: true,
            requesterId: true,
          },
          orderBy: { zendeskCreatedAt: 'asc' },
        }),
        db.inbox.findMany({ select: { id: true, name: true, position: true } }),
        db.draft.findMany({
          where: { status: 'open', currentVersion: { gt: 0 } },
          select: {
            id: true,
            name: true,
            ticketZendeskId: true,
            currentVersion: true,
            versions: {
              orderBy: { version: 'desc' },
              take: 1,
              select: { version: true, reason: true, savedBySlackId: true, createdAt: true },
            },
            approvals: { where: { approverSlackId: slackUserId }, select: { version: true } },
          },
          orderBy: { updatedAt: 'asc' },
        }),
      ]);
      const inboxName = new Map(inboxes.map((i) => [i.id, i.name]));
      const inboxOrder = new Map(inboxes.map((i) => [i.id, i.position]));
      type Row = (typeof tickets)[number];
      const byZendeskId = new Map(tickets.map((t) => [t.zendeskId, t]));

      // Which tickets need their comments: all of mine (sorted by waiting time), and the others shown.
      const mine = zendeskUserId ? tickets.filter((t) => t.assigneeZendeskId === zendeskUserId) : [];
      const unassigned = tickets.filter((t) => !t.assigneeZendeskId);
      const groups = new Map<string | null, Row[]>();
      for (const t of unassigned) groups.set(t.inboxId, [...(groups.get(t.inboxId) ?? []), t]);
      const orderedGroups = [...groups.entries()].sort(
        ([a, x], [b, y]) =>
          y.length - x.length || (inboxOrder.get(a ?? '') ?? 999) - (inboxOrder.get(b ?? '') ?? 999),
      );
      const shownGroups = orderedGroups.slice(0, limits.inboxes);
      const waitingApproval = drafts.filter((d) => {
        const latest = d.versions[0];
        return (
          latest &&
          latest.version === d.currentVersion &&
          latest.reason === 'share' &&
          latest.savedBySlackId !== slackUserId &&
          !d.approvals.some((a) => a.version === d.currentVersion) &&
          byZendeskId.has(d.ticketZendeskId)
        );
      });
      const pastOpen = pastTarget.filter((p) => byZendeskId.has(p.ticketZendeskId));
      pastOpen.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
      const wanted = new Set<string>([
        ...mine.map((t) => t.id),
        ...shownGroups.flatMap(([, list]) => list.slice(0, limits.unassignedPerInbox).map((t) => t.id)),
        ...waitingApproval
          .slice(0, limits.approvals)
          .map((d) => byZendeskId.get(d.ticketZendeskId)?.id ?? ''),
        ...pastOpen.slice(0, limits.pastTarget).map((p) => byZendeskId.get(p.ticketZendeskId)?.id ?? ''),
      ]);
      // Requesters only of these tickets (a join over all open tickets doubled the main query's time).
      const wantedRows = tickets.filter((t) => wanted.has(t.id));
      const [comments, requesters] = wanted.size
        ? await Promise.all([
            db.ticketComment.findMany({
              where: { ticketId: { in: [...wanted] }, public: true },
              select: { ticketId: true, authorZendeskId: true, body: true, zendeskCreatedAt: true },
              orderBy: { zendeskCreatedAt: 'asc' },
            }),
            db.customer.findMany({
              where: { id: { in: [...new Set(wantedRows.map((t) => t.requesterId))] } },
              select: { id: true, zendeskUserId: true },
            }),
          ])
        : [[], []];
      const requesterOf = new Map(requesters.map((r) => [r.id, r.zendeskUserId]));
      const commentsOf = new Map<string, typeof comments>();
      for (const c of comments) commentsOf.set(c.ticketId, [...(commentsOf.get(c.ticketId) ?? []), c]);

      const line = (t: Row): HomeTicketLine => {
        const list = commentsOf.get(t.id) ?? [];
        const facts: CommentFact[] = list.map((c) => ({
          authorZendeskId: c.authorZendeskId,
          public: true,
          at: c.zendeskCreatedAt,
        }));
        const requester = requesterOf.get(t.requesterId) ?? '';
        const lastCustomer = list.filter((c) => c.authorZendeskId === requester).at(-1);
        return {
          zendeskId: t.zendeskId,
          subject: t.subject,
          status: t.status,
          inboxName: t.inboxId ? (inboxName.get(t.inboxId) ?? t.inboxId) : null,
          assigneeName: t.assigneeName,
          createdAt: t.zendeskCreatedAt,
          thread: t.channelId && t.rootTs ? { channelId: t.channelId, rootTs: t.rootTs } : null,
          waitingSince: waitingSince(t.status, requester, facts),
          lastCustomerMessage: lastCustomer ? lastCustomer.body.slice(0, MESSAGE_CHARS) : null,
        };
      };

      const myLines = mine.map(line).sort(byUrgency);
      const inboxGroups: HomeInboxGroup[] = shownGroups.map(([inboxId, list]) => ({
        inboxId,
        name: inboxId ? (inboxName.get(inboxId) ?? inboxId) : null,
        count: list.length,
        shown: list.slice(0, limits.unassignedPerInbox).map(line),
      }));
      const hidden = orderedGroups.slice(limits.inboxes);

      const loads = new Map<string, HomeAgentLoad>();
      for (const t of tickets) {
        if (!t.assigneeZendeskId) continue;
        const load = loads.get(t.assigneeZendeskId) ?? {
          zendeskUserId: t.assigneeZendeskId,
          name: t.assigneeName ?? t.assigneeZendeskId,
          open: 0,
          waiting: 0,
        };
        load.open += 1;
        if (t.status === 'new' || t.status === 'open') load.waiting += 1;
        loads.set(t.assigneeZendeskId, load);
      }
      const agents = [...loads.values()].sort((a, b) => b.open - a.open || a.name.localeCompare(b.name));
      const shownAgents = agents.slice(0, limits.agents);
      const hiddenAgents = agents.slice(limits.agents);

      const approvals: HomeApproval[] = waitingApproval.slice(0, limits.approvals).map((d) => {
        const latest = d.versions[0]!;
        return {
          draftId: d.id,
          draftName: d.name,
          version: latest.version,
          sharedBySlackId: latest.savedBySlackId,
          sharedAt: latest.createdAt,
          ticket: line(byZendeskId.get(d.ticketZendeskId)!),
        };
      });
      const past: HomePastTarget[] = pastOpen.slice(0, limits.pastTarget).map((p) => ({
        ...line(byZendeskId.get(p.ticketZendeskId)!),
        target: p.target,
        dueAt: p.dueAt,
      }));

      const snapshot: HomeSnapshot = {
        myTickets: {
          total: myLines.length,
          waiting: myLines.filter((l) => l.waitingSince).length,
          shown: myLines.slice(0, limits.myTickets),
        },
        approvals: { total: waitingApproval.length, shown: approvals },
        unassigned: {
          total: unassigned.length,
          inboxes: inboxGroups,
          more: { inboxes: hidden.length, tickets: hidden.reduce((n, [, list]) => n + list.length, 0) },
        },
        workload: {
          totalOpen: tickets.length,
          agents: shownAgents,
          more: { agents: hiddenAgents.length, tickets: hiddenAgents.reduce((n, a) => n + a.open, 0) },
        },
        pastTarget: { total: pastOpen.length, shown: past },
      };
      return snapshot;
    },

    async slackUsersOf(zendeskUserId) {
      const rows = await db.agentMapping.findMany({
        where: { zendeskUserId },
        select: { slackUserId: true },
      });
      return rows.map((r) => r.slackUserId);
    },

    async assigneeOf(ticketZendeskId) {
      const row = await db.ticket.findUnique({
        where: { zendeskId: ticketZendeskId },
        select: { assigneeZendeskId: true },
      });
      return row ? row.assigneeZendeskId : undefined;
    },
  };
}
