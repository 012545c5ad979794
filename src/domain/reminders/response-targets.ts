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

export const TARGET_KINDS = ['first', 'next'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** The reminder steps: 1 pings the ticket's thread, 2 the inbox channel and the inbox lead. */
export const REMINDER_STEPS = [1, 2] as const;
export type ReminderStep = (typeof REMINDER_STEPS)[number];

/** What the target rules need to know of a ticket. */
export interface TargetTicket {
  status: string;
  requesterZendeskId: string;
  createdAt: Date;
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

/** The ticket's running target at `now`, or null when nobody waits or there is no target of that kind. */
export function responseDue(
  t: TargetTicket,
  targets: ResponseTargets,
  calendar: BusinessCalendar,
  now: Date,
): ResponseDue | null {
  const waiting = waitingOnUs(t);
  if (!waiting) return null;
  const targetMinutes = waiting.kind === 'first' ? targets.firstResponseMinutes : targets.nextResponseMinutes;
  if (targetMinutes == null) return null;
  const startedAt = waiting.kind === 'first' && t.createdAt < waiting.since ? t.createdAt : waiting.since;
  const dueAt = calendar.addBusinessTime(startedAt, targetMinutes * 60_000);
  const lateMs = now >= dueAt ? calendar.elapsed(dueAt, now) : -calendar.elapsed(now, dueAt);
  return { ...waiting, targetMinutes, startedAt, dueAt, lateMs };
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
