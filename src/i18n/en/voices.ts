import type { voice as ja } from '../ja/voices.ts';

/** Voice of the customer: /voice, voice threads, digests, follow-up requests (English). */
export const voice: Record<keyof typeof ja, string> = {
  'voice.empty_message': '(empty message)',
  'voice.part': ' · part {{n}} of {{total}}',
  'voice.no_tags': '_no tags_',
  'voice.customer_wrote': 'The customer wrote',
  'voice.continued': 'continued',
  'voice.request_follow_up': 'Request follow-up',
  'voice.message_text': 'Voice #{{id}}{{part}}: {{body}}',
  'voice.help':
    '*/voice* — the raw voice of customers in this channel, one thread per ticket, personal data masked.\n' +
    '• `/voice subscribe product:photos tag:bug` — hear matching customer messages here. Terms: `product:` (inbox or brand), `tag:`, `form:`, `keyword:` (or bare words; "quote phrases"). Different terms must all match; repeated ones are alternatives. `/voice subscribe all` hears everything.\n' +
    '• `/voice list` — this channel’s subscriptions (remove one with its button)\n' +
    '• `/voice unsubscribe ID` — stop one\n' +
    '• `/voice digest` — today’s voices by tag (a digest of each day is posted after the day ends)',
  'voice.subscribed':
    ':loudspeaker: <#{{channel}}> now hears customers matching `{{filter}}` (subscription `{{id}}`). Each message arrives verbatim with personal data masked, one thread per ticket.',
  'voice.list_heading': '*Voice subscriptions of <#{{channel}}>*',
  'voice.list_item': '`{{id}}` {{filter}}\nby {{who}} · {{when}}',
  'voice.list_more': '…and {{count}} more (`/voice unsubscribe ID`)',
  'voice.list_empty':
    '<#{{channel}}> has no voice subscriptions. Try `/voice subscribe product:photos tag:bug`.',
  'voice.remove': 'Remove',
  'voice.remove_confirm_title': 'Remove this subscription?',
  'voice.remove_confirm_text': 'Voices matching "{{filter}}" will no longer arrive in this channel.',
  'voice.removed': ':white_check_mark: Removed subscription `{{id}}` ({{filter}}).',
  'voice.unsubscribe_which': 'Which one? `/voice unsubscribe ID` (see `/voice list`).',
  'voice.unsubscribed': 'Stopped voice subscription `{{id}}` in <#{{channel}}>.',
  'voice.no_subscriptions_yet': '<#{{channel}}> has no voice subscriptions yet.',
  'voice.unknown_subcommand': 'Unknown `/voice {{sub}}`. Try `/voice help`.',
  'voice.filter_too_long': 'That is too long for a filter.',
  'voice.cannot_post_hidden':
    'yorisoi cannot post in this channel. Invite it with `/invite @yorisoi`, then run `/voice subscribe` again.',
  'voice.cannot_post_archived': 'This channel is archived, so yorisoi cannot post here.',
  'voice.digest_title': 'Voices of {{day}} — {{count}} message(s)',
  'voice.digest_subscription': 'Subscription `{{id}}`: {{filter}}',
  'voice.digest_none': '_No customer message matched this day._',
  'voice.digest_no_tag': '(no tag)',
  'voice.digest_omitted': '…{{count}} more section(s) did not fit in one message.',
  'voice.follow_up_title': 'Request follow-up',
  'voice.follow_up_submit': 'Send to support',
  'voice.follow_up_intro':
    "Ticket *#{{id}}*{{subject}}. Your question goes to the support team's thread for this ticket.",
  'voice.follow_up_label': 'What should support ask or check?',
  'voice.follow_up_out_of_date': 'This form is out of date; press the button again.',
  'voice.follow_up_request':
    ':raising_hand: <@{{user}}> from <#{{channel}}> asks for a follow-up:\n{{question}}',
  'voice.follow_up_note': ':outbox_tray: <@{{user}}> asked support to follow up: {{question}}',
} as const;
