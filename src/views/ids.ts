/** Every action_id, callback_id and block_id yorisoi uses, in one place (manifest.test keeps them in step). */
export const ActionIds = {
  openInZendesk: 'ticket_open_in_zendesk',
  draftReply: 'ticket_draft_reply',
  findTemplate: 'ticket_find_template',
  takeTicket: 'ticket_take',
  /** "Assign…" on a ticket's root: opens the assign modal (value: the ticket id). */
  assignTicket: 'ticket_assign',
  careChart: 'ticket_care_chart',
  careHistoryPage: 'care_history_page',
  careEdit: 'care_chart_edit_open',
  careRevisions: 'care_chart_revisions',
  voiceOpenInZendesk: 'voice_open_in_zendesk',
  voiceRequestFollowUp: 'voice_request_follow_up',
  /** "Remove" beside a subscription in `/voice list`. */
  voiceUnsubscribe: 'voice_unsubscribe',
  // Templates. Button values are JSON parsed by parseTemplateButtonValue (views/templates.ts).
  templateShow: 'template_show',
  /** "Copy into draft": value {id, c?: channel, th?: thread_ts}. The drafting feature may take this over. */
  templateCopyIntoDraft: 'template_copy_into_draft',
  templateBrowse: 'template_browse',
  templateOpenFolder: 'template_open_folder',
  templateNew: 'template_new',
  templateEdit: 'template_edit',
  templateMove: 'template_move',
  templateDelete: 'template_delete',
  templateRestore: 'template_restore',
  templateHistory: 'template_history',
  templateFolderMove: 'template_folder_move',
  templateFolderDelete: 'template_folder_delete',
  // Drafting (modal and thread)
  draftSelect: 'draft_select',
  draftNew: 'draft_new',
  draftAddPart: 'draft_add_part',
  draftPolicyToggle: 'draft_policy_toggle',
  draftSave: 'draft_save',
  draftShare: 'draft_share',
  draftSend: 'draft_send',
  draftSnooze: 'draft_snooze',
  draftTyping: 'draft_typing',
  draftTemplateSearch: 'draft_template_search',
  draftTemplateInsert: 'draft_template_insert',
  draftApprove: 'draft_approve',
  draftOpenFromShare: 'draft_open_from_share',
  sendUndo: 'send_undo',
  copyDiscussion: 'thread_copy_discussion',
  /** App Home: available ↔ away (value "on" | "off": the state to switch to); the assignment feature listens. */
  homeAvailabilityToggle: 'home_availability_toggle',
} as const;

export const Commands = {
  yorisoi: '/yorisoi',
  karte: '/karte',
  voice: '/voice',
  template: '/template',
} as const;

/** Shortcuts (manifest `shortcuts[].callback_id`). */
export const ShortcutIds = {
  addToCareChart: 'add_to_care_chart',
  /** Message shortcut "Find template": search prefilled with that message's words, in its thread. */
  findTemplate: 'template_find',
  /** Global shortcut "Browse templates". */
  browseTemplates: 'templates_browse',
  /** Global shortcut "New template" (editors). */
  newTemplate: 'template_new_shortcut',
  /** Message shortcut "Draft reply", on any message of a ticket's thread. */
  draftReply: 'draft_reply_shortcut',
  /** Message shortcut "Copy discussion to Zendesk". */
  copyDiscussion: 'copy_discussion_shortcut',
  /** Message shortcut "Split into a new ticket", on a customer's message in a ticket's thread. */
  splitTicket: 'split_ticket_shortcut',
} as const;

/** Modal callback_ids. */
export const ViewIds = {
  /** "Split into a new ticket": the confirmation modal. */
  splitConfirm: 'split_ticket_confirm',
  careHistory: 'care_history',
  careEdit: 'care_chart_edit',
  careRevisions: 'care_chart_revisions_view',
  voiceFollowUp: 'voice_follow_up',
  templateSearch: 'template_search',
  templateShow: 'template_show_view',
  templateEditor: 'template_editor',
  templateMove: 'template_move_view',
  templateHistory: 'template_history_view',
  templateBrowser: 'template_browser',
  templateFolderMove: 'template_folder_move_view',
  templateNotice: 'template_notice',
  draftEditor: 'draft_editor',
  sendPreview: 'draft_send_preview',
  sendQueued: 'draft_send_queued',
  snooze: 'draft_snooze_modal',
  assignTicket: 'ticket_assign_modal',
  /** A modal opened at once while its content loads (see views/loading.ts). */
  loading: 'yorisoi_loading',
  /** What replaces a loading view when the work failed: the reason in plain words. */
  problem: 'yorisoi_problem',
} as const;

/** Input block_ids of the care chart edit modal. */
export const CareBlockIds = {
  notes: 'care_notes',
  flag: 'care_flag',
  flagReason: 'care_flag_reason',
  facts: 'care_facts',
} as const;

/** block_ids of template modal inputs (view_submission state is keyed by them). */
export const TemplateBlocks = {
  query: 'tpl_query',
  title: 'tpl_title',
  folder: 'tpl_folder',
  body: 'tpl_body',
  tags: 'tpl_tags',
  product: 'tpl_product',
  force: 'tpl_force',
  from: 'tpl_from',
  to: 'tpl_to',
} as const;

/** The assign modal's input (block_id / action_id). */
export const AssignBlocks = {
  target: 'assign_target',
  targetInput: 'assign_target_select',
} as const;

export const BlockIds = {
  voiceFollowUpQuestion: 'voice_follow_up_question',
} as const;

/** action_ids of inputs inside modals. */
export const InputIds = {
  voiceFollowUpQuestion: 'question',
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
