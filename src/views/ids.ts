/** Every action_id, callback_id and block_id yorisoi uses, in one place (manifest.test keeps them in step). */
export const ActionIds = {
  openInZendesk: 'ticket_open_in_zendesk',
  draftReply: 'ticket_draft_reply',
  findTemplate: 'ticket_find_template',
  careChart: 'ticket_care_chart',
} as const;

export const Commands = {
  yorisoi: '/yorisoi',
} as const;
