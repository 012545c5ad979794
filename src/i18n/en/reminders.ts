import type { reminders as ja } from '../ja/reminders.ts';

/** Response-target reminders: the thread ping (step 1) and the inbox channel's escalation (step 2) (English). */
export const reminders: Record<keyof typeof ja, string> = {
  'reminder.kind.first': 'first response',
  'reminder.kind.next': 'next response',
  'reminder.kind.unassigned': 'assignment',
  'reminder.root.past_target': ':alarm_clock: *past {{kind}} target*',
  'reminder.thread.assigned':
    ':alarm_clock: *Past the {{kind}} target ({{target}})* by {{late}}. {{assignee}}, please answer the customer.',
  'reminder.thread.unassigned':
    ':alarm_clock: *Past the {{kind}} target ({{target}})* by {{late}}. :warning: *Nobody holds this ticket* — please take it.',
  'reminder.thread.assignee_unmapped':
    ':alarm_clock: *Past the {{kind}} target ({{target}})* by {{late}}. Assignee: {{assignee}} — please answer the customer.',
  'reminder.channel.text':
    ':rotating_light: {{ticket}} is *past its {{kind}} target ({{target}})* by {{late}}. {{lead}}',
  'reminder.channel.lead': '<@{{lead}}>, please have a look.',
  'reminder.channel.inbox': 'Inbox: {{inbox}}',
  'reminder.channel.assignee': 'Assignee: {{assignee}}',
  'reminder.channel.unassigned': ':warning: *Unassigned*',
  'reminder.channel.zendesk_link': 'Open in Zendesk',
  'reminder.due': 'Due {{due}} · counted in business hours (the clock stops outside hours and on holidays)',
  'reminder.late_moment': 'under a minute',
};
