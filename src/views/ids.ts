/** Every action_id, callback_id and block_id yorisoi uses, in one place (manifest.test keeps them in step). */
export const ActionIds = {
  openInZendesk: 'ticket_open_in_zendesk',
  draftReply: 'ticket_draft_reply',
  findTemplate: 'ticket_find_template',
  careChart: 'ticket_care_chart',
  // Drafting (modal and thread)
  draftSelect: 'draft_select',
  draftNew: 'draft_new',
  draftAddPart: 'draft_add_part',
  draftSave: 'draft_save',
  draftShare: 'draft_share',
  draftSend: 'draft_send',
  draftSnooze: 'draft_snooze',
  draftTyping: 'draft_typing',
  templateSearch: 'template_search',
  templateInsert: 'template_insert',
  draftApprove: 'draft_approve',
  draftOpenFromShare: 'draft_open_from_share',
  sendUndo: 'send_undo',
  copyDiscussion: 'thread_copy_discussion',
} as const;

/** Modal callback_ids. */
export const ViewIds = {
  draftEditor: 'draft_editor',
  sendPreview: 'draft_send_preview',
  sendQueued: 'draft_send_queued',
  snooze: 'draft_snooze_modal',
} as const;

/** Message shortcuts (manifest.yml declares each). */
export const ShortcutIds = {
  draftReply: 'draft_reply_shortcut',
  copyDiscussion: 'copy_discussion_shortcut',
} as const;

/**
 * Input block ids of the draft editor. Inputs the app must overwrite (template insert, switching drafts)
 * get a revision suffix `__r<n>`: Slack keeps what the user typed for an unchanged block_id and ignores a
 * new initial_value, so a changed id is the only way to replace the text.
 */
export const DraftBlocks = {
  name: 'draft_name',
  facts: 'policy_facts',
  situation: 'policy_situation',
  outline: 'policy_outline',
  alternatives: 'policy_alternatives',
  replyPart: (i: number) => `reply_${i}`,
  count: 'reply_count',
  templateQuery: 'template_query',
  sendVisibility: 'send_visibility',
  sendStatus: 'send_status',
  sendAt: 'send_at',
  snoozeUntil: 'snooze_until',
  snoozeCustomer: 'snooze_customer',
} as const;

export const Commands = {
  yorisoi: '/yorisoi',
} as const;
