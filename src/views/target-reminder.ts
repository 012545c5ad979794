import type { SlackMessage } from '../domain/outbox/outbox.ts';
import type { ReminderInput, ReminderRenderer } from '../domain/reminders/ports.ts';
import { formatDuration } from '../domain/team/report-text.ts';
import { type Locale, type Translate, translator } from '../i18n/index.ts';
import { context, section } from './block-kit.ts';
import { escapeMrkdwn, link, slackDate, truncate } from './mrkdwn.ts';

const threadUrl = (channelId: string, ts: string) =>
  `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;

function words(t: Translate, input: ReminderInput) {
  return {
    kind: t(`reminder.kind.${input.kind}`),
    target: formatDuration(input.targetMinutes * 60_000, t),
    late: input.lateMinutes < 1 ? t('reminder.late_moment') : formatDuration(input.lateMinutes * 60_000, t),
  };
}

const dueLine = (t: Translate, input: ReminderInput) =>
  context(t('reminder.due', { due: slackDate(input.dueAt) }));

/** Step 1, in the ticket's thread: the target passed; mentions the assignee (or says loudly that nobody holds it). */
export function buildThreadReminder(t: Translate, input: ReminderInput): SlackMessage {
  const w = words(t, input);
  const a = input.assignee;
  const text = !a
    ? t('reminder.thread.unassigned', w)
    : a.slackUserId
      ? t('reminder.thread.assigned', { ...w, assignee: `<@${a.slackUserId}>` })
      : t('reminder.thread.assignee_unmapped', { ...w, assignee: escapeMrkdwn(a.name) });
  return { text, blocks: [section(text), dueLine(t, input)] };
}

/**
 * Step 2, in the inbox channel: which ticket (linked to its thread), how late, the lead mentioned; then the
 * inbox, who holds it (by name: step 1 already pinged them in the thread) and the Zendesk link.
 */
export function buildChannelEscalation(t: Translate, input: ReminderInput): SlackMessage {
  const w = words(t, input);
  const label = `#${input.ticket.zendeskId} ${truncate(input.ticket.subject, 120)}`;
  // No bold around the subject: a customer's `*` would break it. The link label is escaped by `link`.
  const ticket = input.ticket.rootTs
    ? link(threadUrl(input.ticket.channelId, input.ticket.rootTs), label)
    : escapeMrkdwn(label);
  const text = t('reminder.channel.text', {
    ...w,
    ticket,
    lead: input.lead ? t('reminder.channel.lead', { lead: input.lead }) : '',
  }).trim();
  const details = [
    input.inboxName ? t('reminder.channel.inbox', { inbox: escapeMrkdwn(input.inboxName) }) : null,
    input.assignee
      ? t('reminder.channel.assignee', { assignee: escapeMrkdwn(input.assignee.name) })
      : t('reminder.channel.unassigned'),
    link(input.ticket.zendeskUrl, t('reminder.channel.zendesk_link')),
  ].filter(Boolean);
  return { text, blocks: [section(text), context(details.join(' · ')), dueLine(t, input)] };
}

/** Reminders are channel posts: the workspace language (YORISOI_LOCALE). */
export function reminderRenderer(locale: Locale): ReminderRenderer {
  const t = translator(locale);
  return {
    threadReminder: (input) => buildThreadReminder(t, input),
    channelEscalation: (input) => buildChannelEscalation(t, input),
  };
}
