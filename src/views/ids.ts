/** Every action_id, callback_id and block_id yorisoi uses, in one place (manifest.test keeps them in step). */
export const ActionIds = {
  openInZendesk: 'ticket_open_in_zendesk',
  draftReply: 'ticket_draft_reply',
  findTemplate: 'ticket_find_template',
  careChart: 'ticket_care_chart',
  careHistoryPage: 'care_history_page',
  careEdit: 'care_chart_edit_open',
  careRevisions: 'care_chart_revisions',
  voiceOpenInZendesk: 'voice_open_in_zendesk',
  voiceRequestFollowUp: 'voice_request_follow_up',
} as const;

export const Commands = {
  yorisoi: '/yorisoi',
  karte: '/karte',
  voice: '/voice',
} as const;

/** Shortcuts (manifest `shortcuts[].callback_id`). */
export const ShortcutIds = {
  addToCareChart: 'add_to_care_chart',
} as const;

/** Modal callback_ids. */
export const ViewIds = {
  careHistory: 'care_history',
  careEdit: 'care_chart_edit',
  careRevisions: 'care_chart_revisions_view',
  voiceFollowUp: 'voice_follow_up',
} as const;

/** Input block_ids of the care chart edit modal. */
export const CareBlockIds = {
  notes: 'care_notes',
  flag: 'care_flag',
  flagReason: 'care_flag_reason',
  facts: 'care_facts',
} as const;

export const BlockIds = {
  voiceFollowUpQuestion: 'voice_follow_up_question',
} as const;

/** action_ids of inputs inside modals. */
export const InputIds = {
  voiceFollowUpQuestion: 'question',
} as const;
