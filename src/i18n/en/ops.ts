import type { ops as ja } from '../ja/ops.ts';

/** English for ja/ops.ts: same keys, same {{placeholders}}. */
export const ops: Record<keyof typeof ja, string> = {
  'ops.loading.title': 'Loading',
  'ops.loading.text': ':hourglass_flowing_sand: Loading…',
  'ops.loading.send_preview': ':hourglass_flowing_sand: Checking the reply and who sends it…',
  'ops.loading.sending': ':hourglass_flowing_sand: Getting the reply ready to send…',
  'ops.loading.templates': ':hourglass_flowing_sand: Looking for templates…',
  'ops.loading.karte': ':hourglass_flowing_sand: Reading the care chart and the ticket history…',
  'ops.error.title': 'Could not do that',
  'ops.error.back': 'Close this to return to the draft; nothing was lost.',
  'ops.err.agent_lookup_failed':
    'Zendesk did not tell us who your agent is, so nothing was sent yet. Wait a moment and try again.',
  'ops.err.zendesk_rejected': 'Zendesk did not accept this. The details are in the server log.',
  'ops.err.agent_not_mapped':
    'You are not mapped to a Zendesk agent, so yorisoi cannot send replies as you. Ask a lead to run `/yorisoi map @you agent@company.com`, or use the same e-mail address in Slack and Zendesk.',
  'ops.err.agent_not_in_group': 'Your Zendesk agent is not in the support group allowed to send replies.',
  'ops.err.second_approval_required':
    "This customer's care chart asks for a second agent's approval: share the draft and have a colleague approve this version first.",
  'ops.err.send_in_progress': 'A reply to this ticket is already on its way (or this draft was sent).',
  'ops.err.draft_not_found': 'That draft no longer exists.',
  'ops.err.internal': 'Something went wrong inside yorisoi. The details are in the server log.',
  'ops.err.karte_customer_not_found': 'No customer with that e-mail address or id, in yorisoi or in Zendesk.',
  'ops.err.karte_identifier_invalid':
    "Give an e-mail address, a Zendesk user id or your service's user id, e.g. `/karte hanako@example.com`.",
  'help.intro': '*yorisoi* puts every Zendesk ticket into a Slack thread. Commands:',
  'help.status': '`/yorisoi status` — inboxes, tickets and the Slack delivery queue',
  'help.help': '`/yorisoi help` — this list',
  'help.map': '`/yorisoi map @user agent@company.com` — send replies as that Zendesk agent (`off` to stop)',
  'help.report':
    '`/yorisoi report [2026-W48]` — the team weekly report (response times, reopens, satisfaction), only to you',
  'help.volume':
    '`/yorisoi volume [all|tag:NAME|inbox:ID] [24h|7d|4w]` — share a ticket volume chart in this channel',
  'help.template': '`/template words` — search reply templates (only you see it)',
  'help.karte': "`/karte e-mail|id` — a customer's care chart and prior tickets",
  'help.voice':
    '`/voice subscribe FILTER` · `/voice list` · `/voice unsubscribe ID` · `/voice digest` — customer voices in this channel',
  'help.buttons':
    "*Draft reply* · *Find template* — the buttons on a ticket's root message, or the message shortcuts in its thread",
} as const;
