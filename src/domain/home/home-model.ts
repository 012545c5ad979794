/** An agent's mark on the App Home and the ticket roots: an emoji and, when chosen, a colour (`#2e86de`). */
export interface AgentBadge {
  emoji: string;
  colour: string | null;
}

/** Zendesk statuses of a ticket that is still ours to work on. */
export const OPEN_STATUSES = ['new', 'open', 'pending', 'hold'] as const;

/** One ticket as a line of the App Home. */
export interface HomeTicketLine {
  zendeskId: string;
  subject: string;
  status: string;
  inboxName: string | null;
  assigneeName: string | null;
  createdAt: Date;
  /** The Slack thread: its channel and root ts (null until the root is posted). */
  thread: { channelId: string; rootTs: string } | null;
  /** Since when the customer waits on us (their oldest unanswered public message); null when not waiting. */
  waitingSince: Date | null;
  /** The customer's latest public message, as synced. */
  lastCustomerMessage: string | null;
}

export interface HomeApproval {
  draftId: string;
  draftName: string;
  version: number;
  sharedBySlackId: string;
  sharedAt: Date;
  ticket: HomeTicketLine;
}

export interface HomeInboxGroup {
  inboxId: string | null;
  name: string | null;
  count: number;
  shown: HomeTicketLine[];
}

export interface HomeAgentLoad {
  zendeskUserId: string;
  name: string;
  open: number;
  waiting: number;
}

export interface HomePastTarget extends HomeTicketLine {
  target: string;
  dueAt: Date;
}

/** What the store reads for one reader: every list with its full count and the lines to show. */
export interface HomeSnapshot {
  myTickets: { total: number; waiting: number; shown: HomeTicketLine[] };
  approvals: { total: number; shown: HomeApproval[] };
  unassigned: {
    total: number;
    inboxes: HomeInboxGroup[];
    /** Inboxes beyond the shown ones, summed. */
    more: { inboxes: number; tickets: number };
  };
  workload: {
    totalOpen: number;
    agents: HomeAgentLoad[];
    more: { agents: number; tickets: number };
  };
  pastTarget: { total: number; shown: HomePastTarget[] };
}

/** The App Home's model: the snapshot plus what other features know about the reader and the agents. */
export interface AgentHome extends HomeSnapshot {
  slackUserId: string;
  me: { zendeskUserId: string; name: string } | null;
  available: boolean;
  badges: Record<string, AgentBadge>;
  generatedAt: Date;
  /** The workspace's URL (`https://<team>.slack.com/`) for thread permalinks. */
  workspaceUrl: string;
}

export interface CommentFact {
  authorZendeskId: string;
  public: boolean;
  at: Date;
}

/**
 * Since when the customer waits on us: the first of the requester's public messages after the last public
 * message of anyone else; null when the last public message is ours, or the ticket waits on the customer
 * (pending) or is on hold. `comments` oldest first.
 */
export function waitingSince(
  status: string,
  requesterZendeskId: string,
  comments: CommentFact[],
): Date | null {
  if (status === 'pending' || status === 'hold' || status === 'solved' || status === 'closed') return null;
  let since: Date | null = null;
  for (const c of comments) {
    if (!c.public) continue;
    if (c.authorZendeskId === requesterZendeskId) since ??= c.at;
    else since = null;
  }
  return since;
}

/** My tickets in working order: waiting on us longest first, then the rest oldest first. */
export function byUrgency(a: HomeTicketLine, b: HomeTicketLine): number {
  if (a.waitingSince && b.waitingSince) return a.waitingSince.getTime() - b.waitingSince.getTime();
  if (a.waitingSince) return -1;
  if (b.waitingSince) return 1;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

/** A thread root's permalink in Slack's own form: `https://<team>.slack.com/archives/<channel>/p<ts without dot>`. */
export function threadPermalink(workspaceUrl: string, channelId: string, rootTs: string): string {
  const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
  return `${base}archives/${channelId}/p${rootTs.replace('.', '')}`;
}
