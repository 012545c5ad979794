/** Assignment (issue 12): the root's assignee with their badge, "Assign…" and its modal, availability. */
export const assign = {
  'assign.root.held': '担当 {{badge}} *{{name}}*',
  'assign.root.unassigned': ':raising_hand: *未割り当て*',
  'assign.root.unassigned_group': ':raising_hand: *未割り当て*（{{group}}）',
  'assign.root.button': '割り当て…',
  'assign.modal.title': '担当を決める',
  'assign.modal.submit': '割り当てる',
  'assign.modal.intro': '*#{{id}}* の担当者またはグループを選んでください。',
  'assign.modal.current': '現在: {{holder}}',
  'assign.modal.current_nobody': '現在: 未割り当て',
  'assign.modal.label': '担当',
  'assign.modal.placeholder': '担当者またはグループを選択',
  'assign.modal.agents': '担当者',
  'assign.modal.groups': 'グループ（担当者なし）',
  'assign.modal.nobody': '未割り当てに戻す',
  'assign.modal.away': '{{name}}（不在）',
  'assign.modal.more':
    '担当者が多いため最初の {{shown}} 人だけを表示しています（全 {{total}} 人）。ほかの人は Zendesk で割り当ててください。',
  'assign.modal.pick': '担当者かグループを選んでください。',
  'assign.failed':
    ':warning: #{{id}} を {{target}} に割り当てられませんでした。チケットは元のままです。{{reason}}',
  'assign.take_failed': ':warning: #{{id}} を担当にできませんでした。チケットは元のままです。{{reason}}',
  'assign.target.nobody': '未割り当て',
  'assign.availability.failed': ':warning: 受付状態を変えられませんでした。{{reason}}',
} as const;
