import type { OutboxEffect, SlackMessage } from '../outbox/outbox.ts';
import type { ReminderStep, ResponseTargets, TargetKind, TargetTicket } from './response-targets.ts';

/** An open ticket as the reminders see it: its messages, where its thread is, who holds it, its inbox. */
export interface ReminderTicket extends TargetTicket {
  /** yorisoi's own ticket id (the outbox orders a ticket's messages by it). */
  id: string;
  zendeskId: string;
  subject: string;
  /** The thread's channel and root; reminders wait until the ticket has a thread. */
  channelId: string | null;
  rootTs: string | null;
  inbox: {
    id: string;
    name: string;
    channelId: string;
    lead: string | null;
    targets: Partial<ResponseTargets>;
  } | null;
  assignee: { name: string; slackUserId: string | null } | null;
  /** An active snooze: nobody is pinged while it lasts. */
  snoozed: boolean;
  /** Reminder steps already fired for this ticket (all kinds and messages). */
  fired: Array<{ kind: TargetKind; step: number; aboutCommentId: string; firedAt: Date }>;
}

/** One fired step, stored under its unique (ticket, kind, step, customer message) key. */
export interface FiredStep {
  ticketZendeskId: string;
  kind: TargetKind;
  step: ReminderStep;
  aboutCommentId: string;
  firedAt: Date;
}

export interface ReminderStore {
  /** Tickets not solved or closed that have a thread. */
  openTickets(): Promise<ReminderTicket[]>;
  /**
   * Stores the step and queues its effects in one transaction. False when the step was already stored (by an
   * earlier tick, before a restart, or by another instance at the same moment): nothing is queued then.
   */
  recordStep(step: FiredStep, effects: OutboxEffect[]): Promise<boolean>;
}

/** What a reminder says: in the ticket's thread (step 1) and in the inbox channel (step 2). */
export interface ReminderInput {
  ticket: {
    zendeskId: string;
    subject: string;
    zendeskUrl: string;
    channelId: string;
    rootTs: string | null;
  };
  inboxName: string | null;
  kind: TargetKind;
  targetMinutes: number;
  dueAt: Date;
  lateMinutes: number;
  assignee: { name: string; slackUserId: string | null } | null;
  lead: string | null;
}

export interface ReminderRenderer {
  threadReminder(input: ReminderInput): SlackMessage;
  channelEscalation(input: ReminderInput): SlackMessage;
}
