import type { MessageKey, Translate } from './i18n/index.ts';

/**
 * One error type with a code and a user-facing message from one catalog. Listeners turn it into an
 * ephemeral reply, the CLI into an error line; the original cause is kept for logs, never shown to users.
 */
export const errorCatalog = {
  webhook_signature_invalid: 'The Zendesk webhook signature does not match.',
  webhook_signature_stale: 'The Zendesk webhook timestamp is too old or in the future.',
  webhook_body_invalid: 'The Zendesk webhook body is not the JSON yorisoi expects.',
  zendesk_unavailable: 'Zendesk did not answer; yorisoi will retry.',
  zendesk_rate_limited: 'Zendesk asked us to slow down; yorisoi will retry.',
  zendesk_not_found: 'That record does not exist in Zendesk.',
  zendesk_budget_deferred: 'Zendesk is busy with a burst of tickets; this read waits for a quieter moment.',
  zendesk_rejected: 'Zendesk did not accept this. The details are in the server log.',
  agent_lookup_failed:
    'Zendesk did not tell us who your agent is, so nothing was sent yet. Wait a moment and try again.',
  inboxes_file_invalid: 'The inbox routing file is not valid.',
  enrichment_file_invalid: 'The enrichment file (lookups, rules) is not valid.',
  inbox_not_found: 'No inbox with that id.',
  not_configured: 'This needs configuration that is missing.',
  bad_input: 'That input is not valid.',
  agent_not_mapped:
    'You are not mapped to a Zendesk agent, so yorisoi cannot send replies as you. Ask a lead to run `/yorisoi map @you agent@company.com`, or use the same e-mail address in Slack and Zendesk.',
  agent_not_in_group: 'Your Zendesk agent is not in the support group allowed to send replies.',
  second_approval_required:
    "This customer's care chart asks for a second agent's approval: share the draft and have a colleague approve this version first.",
  draft_not_found: 'That draft no longer exists.',
  draft_name_taken: 'This ticket already has a draft with that name.',
  draft_not_editable: 'This draft is being sent or was sent; start a new draft to change it.',
  reply_empty: 'The reply is empty: write it before sending.',
  reply_placeholder_left: 'A template placeholder is left in the reply: fill it in before sending.',
  send_in_progress: 'A reply to this ticket is already on its way (or this draft was sent).',
  too_late_to_undo: 'Too late to undo: the reply is already being sent.',
  ticket_not_in_thread: 'This message is not in a ticket thread yorisoi knows.',
  voice_filter_invalid: 'That voice filter is not valid.',
  voice_subscription_not_found: 'This channel has no active voice subscription with that id.',
  ticket_has_no_thread: 'That ticket has no support thread in Slack yet, so there is nowhere to ask.',
  volume_args_invalid: '件数グラフの指定を読めませんでした / That volume request is not valid.',
  karte_identifier_invalid:
    "Give an e-mail address, a Zendesk user id or your service's user id, e.g. `/karte hanako@example.com` or `/karte 12345`.",
  karte_customer_not_found: 'No customer with that e-mail address or id, in yorisoi or in Zendesk.',
  care_chart_conflict:
    'Someone else saved this care chart while you were editing. Close this and open it again to see their changes.',
  care_chart_full:
    'The care chart notes are full (3,000 characters). Edit them down, then add the message again.',
  care_chart_not_a_ticket:
    'That message is not in a ticket thread, so yorisoi does not know whose care chart it belongs to.',
  template_not_found: 'No such template.',
  template_editors_only: 'Only template editors can change templates.',
  internal: 'Something went wrong inside yorisoi. The details are in the server log.',
} as const;

export type ErrorCode = keyof typeof errorCatalog;

/** Codes whose words live in the i18n catalog (src/i18n/ja/ops.ts and en/ops.ts, common.ts), so agents read their language. */
const catalogKeys: Partial<Record<ErrorCode, MessageKey>> = {
  zendesk_unavailable: 'error.zendesk_unavailable',
  zendesk_rate_limited: 'error.zendesk_rate_limited',
  zendesk_budget_deferred: 'error.zendesk_unavailable',
  zendesk_not_found: 'error.not_found',
  zendesk_rejected: 'ops.err.zendesk_rejected',
  agent_lookup_failed: 'ops.err.agent_lookup_failed',
  agent_not_mapped: 'ops.err.agent_not_mapped',
  agent_not_in_group: 'ops.err.agent_not_in_group',
  second_approval_required: 'ops.err.second_approval_required',
  send_in_progress: 'ops.err.send_in_progress',
  draft_not_found: 'ops.err.draft_not_found',
  internal: 'ops.err.internal',
  karte_customer_not_found: 'ops.err.karte_customer_not_found',
  karte_identifier_invalid: 'ops.err.karte_identifier_invalid',
};

export class YorisoiError extends Error {
  /**
   * `detail` goes to the log with the message; people see it only when `detailForPeople` (the default for
   * details written for them, such as "(a lead turned sending off for you)"). Details from an API
   * (paths, status codes, response JSON) are for the log only.
   */
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly original?: unknown,
    readonly detailForPeople = true,
  ) {
    super(detail ? `${errorCatalog[code]} ${detail}` : errorCatalog[code]);
    this.name = 'YorisoiError';
  }

  /** What a person may see (English); `userMessageIn` for the reader's language. */
  get userMessage(): string {
    return this.detail && this.detailForPeople ? this.message : errorCatalog[this.code];
  }

  /** The same in the reader's language, through the message catalog (English words where it has none). */
  userMessageIn(t: Translate): string {
    const key = catalogKeys[this.code];
    if (!key) return this.userMessage;
    const text =
      this.code === 'zendesk_rate_limited'
        ? t(key, { seconds: (this as { retryAfterSeconds?: number | null }).retryAfterSeconds ?? 30 })
        : t(key);
    return this.detail && this.detailForPeople ? `${text} ${this.detail}` : text;
  }
}

export function asYorisoiError(error: unknown): YorisoiError {
  return error instanceof YorisoiError ? error : new YorisoiError('internal', undefined, error);
}
