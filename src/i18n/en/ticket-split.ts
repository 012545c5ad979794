import type { split as ja } from '../ja/ticket-split.ts';

/** Split a customer message into a new ticket (English). */
export const split: Record<keyof typeof ja, string> = {
  'split.shortcut': 'Split into a new ticket',
  'split.modal.title': 'Split the ticket',
  'split.modal.submit': 'Split',
  'split.modal.close': 'Cancel',
  'split.modal.intro':
    "This makes a new ticket from {{requester}}'s message. #{{ticket}} and the new ticket each get an internal note pointing at the other.",
  'split.modal.after': 'The new ticket is created as a request from the customer and gets its own thread.',
  'split.done':
    ':scissors: Made the new ticket <{{url}}|#{{new}}> from a message of #{{ticket}}. Its own thread follows shortly.',
  'split.already': 'This message was already split into <{{url}}|#{{new}}>.',
  'split.in_progress': 'This message is being split right now. Try again in a moment.',
  'split.in_doubt':
    ':warning: Zendesk did not answer. Choose "Split into a new ticket" again (it will not be created twice).',
  'split.failed': ':warning: Zendesk could not create the new ticket: {{reason}}',
  'split.not_ticket_thread':
    "This is not a yorisoi ticket thread. Use it on a customer's message in a ticket's thread.",
  'split.not_customer_message':
    "Only the customer's messages can be split (not the ticket's first line, agents' replies, internal notes or Slack conversation).",
  'split.bot_message': "A bot's message cannot be split. Use it on a customer's message.",
  'split.note.new':
    'Split from a customer message of #{{source}} ({{sourceUrl}}) by {{by}} (Slack, yorisoi).',
  'split.note.source':
    'A customer message was split into the new ticket #{{new}} ({{newUrl}}) by {{by}} (Slack, yorisoi).',
  'split.subject': '{{subject}} (split from #{{source}})',
};
