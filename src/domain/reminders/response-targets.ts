import type { BusinessCalendar } from '../team/business-hours.ts';

/**
 * Response targets (issue 12, item 3): how long a customer may wait for us, in business minutes. `first`
 * runs from the ticket's creation until our first public reply; `next` from the first customer message after
 * our latest public reply until the next one. An internal note is not a reply. Null = no target of that kind.
 */
export interface ResponseTargets {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
}

/**
 * `unassigned`: an open ticket nobody holds whose customer does not wait on a reply (we answered, but nobody
 * took it). It counts from `unassignedSince` against the first-response target.
 */
export const TARGET_KINDS = ['first', 'next', 'unassigned'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The reminder steps: 1 pings the ticket's thread, 2 the inbox channel and the inbox lead. */
export const REMINDER_STEPS = [1, 2] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number];

/** What the target rules need to know of a ticket. */
export interface TargetTicket {
  status: string;
  requesterZendeskId: string;
  createdAt: Date;
  /** Since when nobody holds the ticket (its creation or the update that dropped the assignee); null when held. */
  unassignedSince?: Date | null;
  comments: ReadonlyArray<{
    zendeskCommentId: string;
    authorZendeskId: string;
    public: boolean;
    createdAt: Date;
  }>;
}

export interface Waiting {
  kind: TargetKind;
  /** When the customer's unanswered message came (the first of them). */
  since: Date;
  /** That message: a reminder is about one customer message, so a new one after our reply is a new reminder. */
  aboutCommentId: string;
}

const DONE = new Set(['solved', 'closed', 'deleted']);

/**
 * Whether the customer waits on us, and since which message. Null when our public reply is the latest word,
 * the ticket is solved or closed, or nobody but us wrote (a ticket we opened).
 */
export function waitingOnUs(t: TargetTicket): Waiting | null {
  if (DONE.has(t.status)) return null;
  const ordered = t.comments
    .filter((c) => c.public)
    // Zendesk times are whole seconds; comment ids grow, so they order comments of the same second.
    .sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.zendeskCommentId.length - b.zendeskCommentId.length ||
        a.zendeskCommentId.localeCompare(b.zendeskCommentId),
    );
  let answered = false;
  let first: (typeof ordered)[number] | null = null;
  for (const c of ordered) {
    if (c.authorZendeskId === t.requesterZendeskId) first ??= c;
    else {
      answered = true;
      first = null;
    }
  }
  if (!first) return null;
  return {
    kind: answered ? 'next' : 'first',
    since: first.createdAt,
    aboutCommentId: first.zendeskCommentId,
  };
}

export interface ResponseDue extends Waiting {
  targetMinutes: number;
  /** Where the clock started: the ticket's creation (first response) or the customer's message (next). */
  startedAt: Date;
  dueAt: Date;
  /** Business time past the due time; negative = business time still left. */
  lateMs: number;
}

const UNHELD_STATUSES = new Set(['new', 'open']);

/**
 * What the ticket waits for now: a reply (first or next, about the customer's message), else someone to hold
 * it (an open ticket nobody holds, about the moment it became so). A customer waiting on a reply wins: its
 * reminder already says loudly when nobody holds the ticket.
 */
export function currentWait(t: TargetTicket): Waiting | null {
  const waiting = waitingOnUs(t);
  if (waiting) return waiting;
  if (!t.unassignedSince || !UNHELD_STATUSES.has(t.status)) return null;
  return {
    kind: 'unassigned',
    since: t.unassignedSince,
    aboutCommentId: `unassigned@${t.unassignedSince.getTime()}`,
  };
}

/** The ticket's running target at `now`, or null when nobody waits or there is no target of that kind. */
export function responseDue(
  t: TargetTicket,
  targets: ResponseTargets,
  calendar: BusinessCalendar,
  now: Date,
): ResponseDue | null {
  const waiting = currentWait(t);
  if (!waiting) return null;
  const targetMinutes = waiting.kind === 'next' ? targets.nextResponseMinutes : targets.firstResponseMinutes;
  if (targetMinutes == null) return null;
  const startedAt = waiting.kind === 'first' && t.createdAt < waiting.since ? t.createdAt : waiting.since;
  const dueAt = calendar.addBusinessTime(startedAt, targetMinutes * 60_000);
  const lateMs = now >= dueAt ? calendar.elapsed(dueAt, now) : -calendar.elapsed(now, dueAt);
  return { ...waiting, targetMinutes, startedAt, dueAt, lateMs };
}

/**
 * The kind of target the ticket is past, as the root shows it: the current wait's step 1 has fired. Null
 * once the wait ended (our reply, someone took it), so the next root update drops the hint.
 */
export function pastTargetKind(
  t: TargetTicket,
  fired: ReadonlyArray<{ kind: string; step: number; aboutCommentId: string }>,
): TargetKind | null {
  const wait = currentWait(t);
  if (!wait) return null;
  return fired.some((f) => f.step === 1 && f.kind === wait.kind && f.aboutCommentId === wait.aboutCommentId)
    ? wait.kind
    : null;
}

/**
 * The reminder step to fire now, if any. Never outside business hours or on a holiday (the clock does not run
 * then, and nobody should be pinged): a step that fell due in the night fires when the shift opens. Step 1
 * once the target passed; step 2 one more target period of business time after step 1 fired; nothing after.
 * Steps already fired are passed in (stored rows), so a step fires once however often this is asked.
 */
export function nextStepDue(
  due: ResponseDue,
  fired: ReadonlyArray<{ step: number; firedAt: Date }>,
  calendar: BusinessCalendar,
  now: Date,
): ReminderStep | null {
  if (due.lateMs < 0 || !calendar.isOpen(now)) return null;
  const step1 = fired.find((f) => f.step === 1);
  if (!step1) return 1;
  if (fired.some((f) => f.step === 2)) return null;
  return calendar.elapsed(step1.firedAt, now) >= due.targetMinutes * 60_000 ? 2 : null;
}
