/** Response-target reminders: the thread ping (step 1) and the inbox channel's escalation (step 2) (Japanese). */
export const reminders = {
  'reminder.kind.first': '初回返信',
  'reminder.kind.next': '次の返信',
  'reminder.kind.unassigned': '担当割り当て',
  'reminder.root.past_target': ':alarm_clock: *{{kind}}の目標超過*',
  'reminder.thread.assigned':
    ':alarm_clock: *{{kind}}の目標（{{target}}）を過ぎました*（超過 {{late}}）。{{assignee}} さん、お客さまへの返信をお願いします。',
  'reminder.thread.unassigned':
    ':alarm_clock: *{{kind}}の目標（{{target}}）を過ぎました*（超過 {{late}}）。:warning: *担当者がいません* — どなたか引き受けてください。',
  'reminder.thread.assignee_unmapped':
    ':alarm_clock: *{{kind}}の目標（{{target}}）を過ぎました*（超過 {{late}}）。担当: {{assignee}} — お客さまへの返信をお願いします。',
  'reminder.channel.text':
    ':rotating_light: {{ticket}} が *{{kind}}の目標（{{target}}）を過ぎています*（超過 {{late}}）。{{lead}}',
  'reminder.channel.lead': '<@{{lead}}> さん、確認をお願いします。',
  'reminder.channel.inbox': '受信箱: {{inbox}}',
  'reminder.channel.assignee': '担当: {{assignee}}',
  'reminder.channel.unassigned': ':warning: *担当者なし*',
  'reminder.channel.zendesk_link': 'Zendeskで開く',
  'reminder.due': '期限 {{due}} · 営業時間で数えています（時間外・休日は止まります）',
  'reminder.late_moment': '1分未満',
} as const;
