/** Split a customer message into a new ticket (Japanese). */
export const split = {
  'split.shortcut': '新しいチケットに分ける',
  'split.modal.title': 'チケットを分ける',
  'split.modal.submit': '分ける',
  'split.modal.close': 'やめる',
  'split.modal.intro':
    '{{requester}} さんのこのメッセージで新しいチケットを作ります。#{{ticket}} と新しいチケットには、互いを指す社内メモが付きます。',
  'split.modal.after': '新しいチケットはお客様からの問い合わせとして作られ、自分のスレッドを持ちます。',
  'split.done':
    ':scissors: #{{ticket}} のメッセージから新しいチケット <{{url}}|#{{new}}> を作りました。新しいチケットのスレッドもこのあと立ちます。',
  'split.already': 'このメッセージはすでに <{{url}}|#{{new}}> に分けられています。',
  'split.in_progress': 'このメッセージを分けているところです。少し待ってからもう一度お試しください。',
  'split.in_doubt':
    ':warning: Zendesk から返事がありませんでした。もう一度「新しいチケットに分ける」を選んでください（二重には作られません）。',
  'split.failed': ':warning: Zendesk が新しいチケットを作れませんでした: {{reason}}',
  'split.not_ticket_thread':
    'ここは yorisoi のチケットのスレッドではありません。チケットのスレッドにあるお客様のメッセージで使ってください。',
  'split.not_customer_message':
    '分けられるのはお客様のメッセージだけです（チケットの一行目、担当者の返信、社内メモ、Slack での会話は分けられません）。',
  'split.bot_message': 'ボットのメッセージは分けられません。お客様のメッセージで使ってください。',
  'split.note.new':
    '#{{source}}（{{sourceUrl}}）のお客様メッセージから分けたチケットです。分けた人: {{by}}（Slack、yorisoi）',
  'split.note.source':
    'お客様のメッセージを新しいチケット #{{new}}（{{newUrl}}）に分けました。分けた人: {{by}}（Slack、yorisoi）',
  'split.subject': '{{subject}}（#{{source}} から分割）',
} as const;
