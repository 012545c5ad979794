/** Every action_id, callback_id and block_id yorisoi uses, in one place (manifest.test keeps them in step). */
export const ActionIds = {
  openInZendesk: 'ticket_open_in_zendesk',
  draftReply: 'ticket_draft_reply',
  findTemplate: 'ticket_find_template',
  careChart: 'ticket_care_chart',
  voiceOpenInZendesk: 'voice_open_in_zendesk',
  voiceRequestFollowUp: 'voice_request_follow_up',
} as const;

export const CallbackIds = {
  voiceFollowUp: 'voice_follow_up',
} as const;

export const BlockIds = {
  voiceFollowUpQuestion: 'voice_follow_up_question',
} as const;

/** action_ids of inputs inside modals. */
export const InputIds = {
  voiceFollowUpQuestion: 'question',
} as const;

export const Commands = {
  yorisoi: '/yorisoi',
  voice: '/voice',
} as const;
