import type { draftThread as ja } from '../ja/drafting-thread.ts';

/** English for ja/drafting-thread.ts: same keys, same {{placeholders}}. */
export const draftThread: Record<keyof typeof ja, string> = {
  'dthread.shared_header':
    ':memo: *Draft for review — NOT SENT to the customer* · *{{name}}* v{{version}} · shared by <@{{by}}>',
  'dthread.shared_text': 'Draft for review — NOT SENT: {{name}} v{{version}} by <@{{by}}>',
  'dthread.policy': '*Response policy*',
  'dthread.policy_none': '_(none written)_',
  'dthread.policy_line': '• _{{label}}_: {{value}}',
  'dthread.policy_facts': 'User facts',
  'dthread.policy_situation': 'Situation',
  'dthread.policy_outline': 'Outline',
  'dthread.policy_alternatives': 'Other candidates',
  'dthread.reply': '*Reply (draft)*',
  'dthread.reply_sent': '*Reply (as sent)*',
  'dthread.reply_this_version': '*Reply (this v{{version}}; v{{sent}} was sent)*',
  'dthread.empty': '_(empty)_',
  'dthread.approve': 'Approve v{{version}}',
  'dthread.copy_discussion': 'Copy discussion to Zendesk',
  'dthread.open_draft': 'Open draft',
  'dthread.shared_footer': 'Discuss it here; nothing written in this thread reaches the customer.',
  'dthread.shared_footer_second':
    "Discuss it here; nothing written in this thread reaches the customer. :warning: This customer's care chart asks for a second agent's approval before sending.",
  'dthread.shared_sent_header':
    ':white_check_mark: *Sent* · *{{name}}* v{{version}} · sent by <@{{by}}> {{when}}',
  'dthread.shared_sent_other':
    ':white_check_mark: *Sent (another version)* · *{{name}}* v{{sent}} was sent by <@{{by}}> {{when}}; this v{{version}} was not sent',
  'dthread.shared_sent_text': 'Sent: {{name}} v{{version}} (by <@{{by}}>)',
  'dthread.shared_sent_footer':
    'This draft was sent: it can no longer be approved or edited. Start a new draft to follow up.',
  'dthread.approved':
    ':white_check_mark: <@{{approver}}> approved *{{name}}* v{{version}} (by <@{{author}}>)',
  'dthread.sent_public': 'Public reply sent by {{sender}}',
  'dthread.sent_internal': 'Internal note sent by {{sender}}',
  'dthread.sent_header': ':outbox_tray: *{{what}}* · {{when}} · {{name}} v{{version}}{{status}}',
  'dthread.sent_status': ' · status → *{{status}}*',
  'dthread.note_copied':
    ':memo: Thread discussion copied to Zendesk as an internal note by {{sender}} · {{when}}',
  'dthread.note_copied_text': 'Thread discussion copied to Zendesk as an internal note by {{sender}}',
  /** The internal note in Zendesk (plain text): its first line, then one line per Slack message. */
  'dthread.note_header':
    'Slack discussion of this ticket (copied by yorisoi; internal note, not sent to the customer). Times in {{zone}}:',
  'dthread.note_line': '[{{when}}] {{author}}: {{text}}',
  'dthread.retrying':
    ':hourglass_flowing_sand: *{{name}}* v{{version}} is not confirmed sent yet: Zendesk is not answering for the moment, so yorisoi checks and sends it again on its own (never twice). Nothing to do; it shows here once sent.',
  'dthread.retrying_text': 'The reply is not confirmed sent yet; yorisoi retries on its own (nothing to do)',
  'dthread.failed_rejected':
    ':x: *{{name}}* v{{version}} could not be sent: Zendesk did not accept it (its content or your permissions). The draft is kept: open it, check it and send again.',
  'dthread.failed_not_found':
    ':x: *{{name}}* v{{version}} could not be sent: Zendesk no longer has this ticket (it may have been deleted or merged). The draft is kept.',
  'dthread.failed_gave_up':
    ':x: *{{name}}* v{{version}} could not be sent: Zendesk did not answer, however often yorisoi tried. The draft is kept: open it and send again in a while.',
  'dthread.failed_text': 'The reply could not be sent; the draft is kept',
  'dthread.snooze_time': ':alarm_clock: Snooze over ({{when}}) — <@{{who}}>, this ticket needs you again.',
  'dthread.snooze_customer':
    ':alarm_clock: Snooze over (the customer wrote) — <@{{who}}>, this ticket needs you again.',
  'dthread.ans_self_approval': 'You wrote this version: a colleague has to approve it.',
  'dthread.ans_already_approved': 'You already approved v{{version}}.',
  'dthread.ans_already_sent':
    'This draft was already sent (or is being sent): there is nothing to approve. Nothing was changed.',
  'dthread.ans_nothing_to_copy': 'Nobody has written in this thread yet: nothing to copy.',
  'dthread.ans_already_copied': 'This discussion is already in Zendesk; nothing new since.',
  'dthread.undone': ':leftwards_arrow_with_hook: Undone: nothing was sent. The draft is editable again.',
  'dthread.err_not_editable': 'This draft is being sent or was sent; start a new draft to change it.',
  'dthread.err_too_late_to_undo': 'Too late to undo: the reply is already being sent.',
  'dthread.err_name_taken': 'This ticket already has a draft with that name.',
  'dthread.err_not_in_thread': 'This message is not in a ticket thread yorisoi knows.',
  'dthread.err_bad_input': 'That input is not valid.',
  'dthread.new_draft_name': 'Draft {{n}}',
  'dthread.snooze_title': 'Snooze ticket',
  'dthread.snooze_submit': 'Snooze',
  'dthread.snooze_back': 'Back',
  'dthread.snooze_intro':
    'Snooze #{{id}} {{subject}}: the thread is pinged when it wakes (at the time, or when the customer writes).',
  'dthread.snooze_until': 'Until',
  'dthread.snooze_or': 'Or',
  'dthread.snooze_until_customer': 'Until the customer writes',
  'dthread.snooze_pick': 'Pick a time, or tick "until the customer writes".',
  'dthread.name_required': 'Give the draft a name.',
  'dthread.preview_stale': 'This preview is out of date; open the draft again.',
  'dthread.send_at_past': 'Pick a time in the future, or leave it empty to send now.',
};
