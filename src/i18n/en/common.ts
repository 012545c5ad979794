import type { common as ja } from '../ja/common.ts';

/** English for ja/common.ts: same keys, same {{placeholders}}. */
export const common: Record<keyof typeof ja, string> = {
  'status.new': 'New',
  'status.open': 'Open',
  'status.pending': 'Pending',
  'status.hold': 'On hold',
  'status.solved': 'Solved',
  'status.closed': 'Closed',
  'status.deleted': 'Deleted',
  'priority.urgent': 'Urgent',
  'priority.high': 'High',
  'priority.normal': 'Normal',
  'priority.low': 'Low',
  'priority.none': 'None',
  'common.unassigned': 'Unassigned',
  'common.unknown': 'Unknown',
  'common.open_in_zendesk': 'Open in Zendesk',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.save': 'Save',
  'error.generic': 'Something went wrong. Please wait a moment and try again.',
  'error.zendesk_unavailable': 'Could not reach Zendesk. Please wait a moment and try again.',
  'error.zendesk_rate_limited': 'Zendesk is busy. Please try again in about {{seconds}} seconds.',
  'error.slack_unavailable': 'Posting to Slack failed. yorisoi will retry by itself.',
  'error.not_found': 'Not found (it was deleted or never existed).',
  'error.gone': 'This draft or ticket no longer exists.',
};
