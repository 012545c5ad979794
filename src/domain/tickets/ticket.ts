/** What yorisoi knows of a Zendesk ticket at one moment, fetched from the API (never from a webhook body). */
export interface TicketSnapshot {
  zendeskId: string;
  subject: string;
  status: string;
  priority: string | null;
  requester: CustomerIdentity;
  assignee: { zendeskUserId: string; name: string; email: string | null } | null;
  groupId: string | null;
  groupName: string | null;
  brandId: string | null;
  brandName: string | null;
  formId: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  comments: TicketCommentSnapshot[];
}

export interface CustomerIdentity {
  zendeskUserId: string;
  name: string;
  email: string | null;
  organizationId: string | null;
  organizationName: string | null;
  externalId: string | null;
  /** The service's own user id from the configured Zendesk user or ticket field; undefined = not read. */
  serviceUserId?: string | null;
}

export interface TicketCommentSnapshot {
  zendeskCommentId: string;
  authorZendeskId: string;
  authorName: string | null;
  public: boolean;
  body: string;
  createdAt: Date;
}

const DONE = new Set(['solved', 'closed', 'deleted']);

/**
 * Whether the customer is waiting for an answer: the requester's public messages since the last public
 * message of anyone else (an agent's reply), and when the first of them came. Null when nobody is waiting
 * (answered, or the ticket is solved/closed).
 */
export function customerWaiting(t: {
  status: string;
  requester: { zendeskUserId: string };
  comments: ReadonlyArray<
    Pick<TicketCommentSnapshot, 'zendeskCommentId' | 'authorZendeskId' | 'public' | 'createdAt'>
  >;
}): { since: Date; count: number } | null {
  if (DONE.has(t.status)) return null;
  const publicComments = t.comments
    .filter((c) => c.public)
    // Zendesk times are whole seconds; comment ids grow, so they order comments of the same second.
    .sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.zendeskCommentId.length - b.zendeskCommentId.length ||
        a.zendeskCommentId.localeCompare(b.zendeskCommentId),
    );
  let since: Date | null = null;
  let count = 0;
  for (const c of publicComments) {
    if (c.authorZendeskId === t.requester.zendeskUserId) {
      since ??= c.createdAt;
      count += 1;
    } else {
      since = null;
      count = 0;
    }
  }
  return since ? { since, count } : null;
}

/** The parts of a ticket the Slack thread shows on its root message; a change to any of them edits it. */
export function rootFields(t: TicketSnapshot) {
  const waiting = customerWaiting(t);
  return {
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    assignee: t.assignee?.zendeskUserId ?? null,
    group: t.groupId,
    tags: [...t.tags].sort().join(' '),
    waitingSince: waiting?.since.getTime() ?? null,
    unanswered: waiting?.count ?? 0,
  };
}

/**
 * What a customer's follow-up does besides appearing in the thread (per inbox): `broadcast` also shows the
 * reply in the channel (reply_broadcast), `mention` mentions the assignee in it (falls back to broadcast
 * when nobody holds the ticket or the assignee has no Slack account mapped), `thread` only adds it.
 */
export const FOLLOW_UP_NOTICES = ['broadcast', 'mention', 'thread'] as const;
export type FollowUpNotice = (typeof FOLLOW_UP_NOTICES)[number];

/** How an inbox hands out its new tickets (inbox file `auto_assign`; off when absent). */
export const AUTO_ASSIGN_MODES = ['round_robin', 'least_open'] as const;
export type AutoAssignMode = (typeof AUTO_ASSIGN_MODES)[number];

export interface Inbox {
  id: string;
  name: string;
  channelId: string;
  brand: string | null;
  group: string | null;
  formId: string | null;
  tags: string[];
  position: number;
  isDefault: boolean;
  /** What a customer's follow-up does in the channel (default `broadcast`). */
  followUp?: FollowUpNotice;
  /** Slack user pinged with the channel when a ticket stays past its response target (reminder step 2). */
  lead?: string | null;
  /** Response targets in business minutes; unset (or null) = the workspace default. */
  targets?: { firstResponseMinutes?: number | null; nextResponseMinutes?: number | null };
  /** New tickets assigned in Zendesk to an available agent (see domain/team/assignment.ts); null = off. */
  autoAssign?: AutoAssignMode | null;
}
