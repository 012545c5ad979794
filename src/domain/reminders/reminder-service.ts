import type { Logger } from '../../logger.ts';
import type { OutboxEffect } from '../outbox/outbox.ts';
import type { BusinessCalendar } from '../team/business-hours.ts';
import type { ReminderInput, ReminderRenderer, ReminderStore, ReminderTicket } from './ports.ts';
import {
  nextStepDue,
  type ResponseDue,
  type ResponseTargets,
  responseDue,
  type TargetKind,
} from './response-targets.ts';

/** A ticket past its response target (the App Home's list, most late first). */
export interface OverdueTicket {
  ticketZendeskId: string;
  subject: string;
  inboxId: string | null;
  channelId: string | null;
  rootTs: string | null;
  kind: TargetKind;
  targetMinutes: number;
  dueAt: Date;
  /** Business minutes past the target (the clock stops outside hours and on holidays). */
  lateMinutes: number;
  assignee: { name: string; slackUserId: string | null } | null;
  /** Reminder steps fired so far about this wait (0, 1 or 2). */
  stepsFired: number;
}

/**
 * Response-target reminders. Every tick (the scheduler, once a minute) looks at the open tickets: one whose
 * customer waits past the inbox's target pings its thread (step 1, mentioning the assignee), and one target
 * period later the inbox channel and its lead (step 2). Each step is stored as a row under a unique key
 * (ticket, kind, step, customer message) in the same transaction as its outbox effect, so a step fires once
 * across ticks, restarts and instances. Snoozed tickets, closed hours and holidays ping nobody.
 */
export function createReminderService(options: {
  store: ReminderStore;
  calendar: BusinessCalendar;
  /** Workspace default targets; an inbox's own win. */
  defaults: ResponseTargets;
  renderer: ReminderRenderer;
  zendeskTicketUrl(zendeskId: string): string;
  clock: () => Date;
  logger: Logger;
  onEffects(): void;
  /**
   * Re-renders the ticket's root once step 1 fired (its status line then says the target passed); `reason`
   * keys the root update once. Called after the step's row is stored, so the root renderer sees it.
   */
  refreshRoot?(zendeskId: string, reason: string): Promise<unknown>;
}) {
  const { calendar } = options;
  const targetsOf = (t: ReminderTicket): ResponseTargets => ({
    firstResponseMinutes: t.inbox?.targets.firstResponseMinutes ?? options.defaults.firstResponseMinutes,
    nextResponseMinutes: t.inbox?.targets.nextResponseMinutes ?? options.defaults.nextResponseMinutes,
  });
  const dueOf = (t: ReminderTicket, now: Date): ResponseDue | null =>
    responseDue(t, targetsOf(t), calendar, now);
  const firedFor = (t: ReminderTicket, due: ResponseDue) =>
    t.fired.filter((f) => f.kind === due.kind && f.aboutCommentId === due.aboutCommentId);

  const input = (t: ReminderTicket, due: ResponseDue, channelId: string): ReminderInput => ({
    ticket: {
      zendeskId: t.zendeskId,
      subject: t.subject,
      zendeskUrl: options.zendeskTicketUrl(t.zendeskId),
      channelId,
      rootTs: t.rootTs,
    },
    inboxName: t.inbox?.name ?? null,
    kind: due.kind,
    targetMinutes: due.targetMinutes,
    dueAt: due.dueAt,
    lateMinutes: Math.floor(due.lateMs / 60_000),
    assignee: t.assignee,
    lead: t.inbox?.lead ?? null,
  });

  return {
    /** Fires the reminder steps due now; returns how many fired. */
    async tick(): Promise<number> {
      const now = options.clock();
      if (!calendar.isOpen(now)) return 0;
      let fired = 0;
      for (const t of await options.store.openTickets()) {
        if (t.snoozed || !t.channelId) continue;
        const due = dueOf(t, now);
        if (!due) continue;
        const step = nextStepDue(due, firedFor(t, due), calendar, now);
        if (!step) continue;
        const key = `target-reminder:${t.zendeskId}:${due.kind}:${step}:${due.aboutCommentId}`;
        const effect: OutboxEffect =
          step === 1
            ? {
                kind: 'post_in_thread',
                key,
                channelId: t.channelId,
                ticketId: t.id,
                message: options.renderer.threadReminder(input(t, due, t.channelId)),
              }
            : {
                kind: 'post',
                key,
                channelId: t.inbox?.channelId ?? t.channelId,
                ticketId: t.id,
                message: options.renderer.channelEscalation(input(t, due, t.channelId)),
              };
        const recorded = await options.store.recordStep(
          {
            ticketZendeskId: t.zendeskId,
            kind: due.kind,
            step,
            aboutCommentId: due.aboutCommentId,
            firedAt: now,
          },
          [effect],
        );
        if (!recorded) continue;
        fired++;
        if (step === 1 && options.refreshRoot) {
          await options
            .refreshRoot(t.zendeskId, `target:${due.kind}:${due.aboutCommentId}`)
            .catch((error) => {
              options.logger.warn('could not show the past target on the root', {
                zendeskId: t.zendeskId,
                error,
              });
            });
        }
      }
      if (fired > 0) {
        options.logger.info('response target reminders fired', { count: fired });
        options.onEffects();
      }
      return fired;
    },

    /** Tickets past their target at `now` (default: the clock), most late first; snoozed tickets are left out. */
    async overdueTickets(now: Date = options.clock()): Promise<OverdueTicket[]> {
      const out: OverdueTicket[] = [];
      for (const t of await options.store.openTickets()) {
        if (t.snoozed) continue;
        const due = dueOf(t, now);
        if (!due || due.lateMs < 0) continue;
        out.push({
          ticketZendeskId: t.zendeskId,
          subject: t.subject,
          inboxId: t.inbox?.id ?? null,
          channelId: t.channelId,
          rootTs: t.rootTs,
          kind: due.kind,
          targetMinutes: due.targetMinutes,
          dueAt: due.dueAt,
          lateMinutes: Math.floor(due.lateMs / 60_000),
          assignee: t.assignee,
          stepsFired: firedFor(t, due).length,
        });
      }
      return out.sort((a, b) => b.lateMinutes - a.lateMinutes || a.dueAt.getTime() - b.dueAt.getTime());
    },
  };
}

export type ReminderService = ReturnType<typeof createReminderService>;
