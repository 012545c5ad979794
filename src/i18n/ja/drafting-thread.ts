/**
 * Drafting in the ticket's thread (channel posts: the workspace language) and the answers one person gets
 * to a click on them (ephemeral: the reader's language).
 */
export const draftThread = {
  'dthread.shared_header':
    ':memo: *レビュー用の下書き — お客様には未送信* · *{{name}}* v{{version}} · 共有 <@{{by}}>',
  'dthread.shared_text': 'レビュー用の下書き（未送信）: {{name}} v{{version}} · 共有 <@{{by}}>',
  'dthread.policy': '*対応方針*',
  'dthread.policy_none': '_（記入なし）_',
  'dthread.policy_line': '• _{{label}}_：{{value}}',
  'dthread.policy_facts': '調べたユーザー情報',
  'dthread.policy_situation': 'ユーザーの状況',
  'dthread.policy_outline': '返信の骨子',
  'dthread.policy_alternatives': '他の対応方針の候補',
  'dthread.reply': '*返信（下書き）*',
  'dthread.reply_sent': '*返信（送信した内容）*',
  'dthread.reply_this_version': '*返信（この v{{version}} の内容。送信したのは v{{sent}}）*',
  'dthread.empty': '_（空）_',
  'dthread.approve': 'v{{version}} を承認',
  'dthread.copy_discussion': '議論を Zendesk にコピー',
  'dthread.open_draft': '下書きを開く',
  'dthread.shared_footer':
    'ここで話し合ってください。このスレッドに書いた内容がお客様に届くことはありません。',
  'dthread.shared_footer_second':
    'ここで話し合ってください。このスレッドに書いた内容がお客様に届くことはありません。 :warning: このお客様はカルテにより、送信前に別の担当者の承認が必要です。',
  'dthread.shared_sent_header':
    ':white_check_mark: *送信済み* · *{{name}}* v{{version}} · <@{{by}}> が {{when}} に送信しました',
  'dthread.shared_sent_other':
    ':white_check_mark: *送信済み（別の版）* · *{{name}}* v{{sent}} を <@{{by}}> が {{when}} に送信しました。この v{{version}} は送られていません',
  'dthread.shared_sent_text': '送信済み: {{name}} v{{version}}（送信 <@{{by}}>）',
  'dthread.shared_sent_footer':
    'この下書きは送信済みです。承認や編集はもうできません。続きは新しい下書きで。',
  'dthread.approved':
    ':white_check_mark: <@{{approver}}> が *{{name}}* v{{version}} を承認しました（作成 <@{{author}}>）',
  'dthread.sent_public': '公開返信を {{sender}} が送信しました',
  'dthread.sent_internal': '社内メモを {{sender}} が送信しました',
  'dthread.sent_header': ':outbox_tray: *{{what}}* · {{when}} · {{name}} v{{version}}{{status}}',
  'dthread.sent_status': ' · ステータス → *{{status}}*',
  'dthread.note_copied':
    ':memo: このスレッドの議論を {{sender}} が Zendesk に社内メモとしてコピーしました · {{when}}',
  'dthread.note_copied_text': '議論を {{sender}} が Zendesk に社内メモとしてコピーしました',
  /** The internal note in Zendesk (plain text): its first line, then one line per Slack message. */
  'dthread.note_header':
    'Slack スレッドでの相談（yorisoi がコピーした社内メモです。お客様には送信されていません）。時刻は {{zone}}:',
  'dthread.note_line': '[{{when}}] {{author}}: {{text}}',
  'dthread.retrying':
    ':hourglass_flowing_sand: *{{name}}* v{{version}} の送信をまだ確認できていません。Zendesk が一時的に応答しないため、yorisoi が確認のうえ自動で送り直します（二重には送りません）。操作は不要です。送信できたらここに表示します。',
  'dthread.retrying_text':
    '返信の送信をまだ確認できていません。yorisoi が自動で送り直します（操作は不要です）',
  'dthread.failed_rejected':
    ':x: *{{name}}* v{{version}} を送信できませんでした。Zendesk が受け付けませんでした（内容や権限の問題）。下書きは残っています。「下書きを開く」で確かめてから、もう一度送信してください。',
  'dthread.failed_not_found':
    ':x: *{{name}}* v{{version}} を送信できませんでした。このチケットは Zendesk で見つかりません（削除または統合された可能性があります）。下書きは残っています。',
  'dthread.failed_gave_up':
    ':x: *{{name}}* v{{version}} を送信できませんでした。Zendesk が何度試しても応答しませんでした。下書きは残っています。しばらくしてから「下書きを開く」でもう一度送信してください。',
  'dthread.failed_text': '返信を送信できませんでした。下書きは残っています',
  'dthread.snooze_time':
    ':alarm_clock: スヌーズが終わりました（{{when}}）— <@{{who}}> さん、このチケットの対応をお願いします。',
  'dthread.snooze_customer':
    ':alarm_clock: スヌーズが終わりました（お客様から返信がありました）— <@{{who}}> さん、このチケットの対応をお願いします。',
  'dthread.ans_self_approval': 'この版はあなたが書いたものです。承認は同僚にしてもらってください。',
  'dthread.ans_already_approved': 'v{{version}} はすでに承認済みです。',
  'dthread.ans_already_sent':
    'この下書きはすでに送信済み（または送信中）です。承認するものはありません。何も変更していません。',
  'dthread.ans_nothing_to_copy': 'このスレッドにはまだ誰も書いていません。コピーするものはありません。',
  'dthread.ans_already_copied': 'この議論はすでに Zendesk にあります。その後の書き込みはありません。',
  'dthread.undone':
    ':leftwards_arrow_with_hook: 取り消しました。何も送信されていません。下書きはまた編集できます。',
  'dthread.err_not_editable': 'この下書きは送信中か送信済みです。変更するには新しい下書きを作ってください。',
  'dthread.err_too_late_to_undo': 'もう取り消せません。返信はすでに送信中です。',
  'dthread.err_name_taken': 'このチケットには同じ名前の下書きがすでにあります。',
  'dthread.err_not_in_thread': 'このメッセージは yorisoi が知っているチケットのスレッドにありません。',
  'dthread.err_bad_input': '入力が正しくありません。',
  'dthread.new_draft_name': '下書き {{n}}',
  'dthread.snooze_title': 'スヌーズ',
  'dthread.snooze_submit': 'スヌーズする',
  'dthread.snooze_back': '戻る',
  'dthread.snooze_intro':
    '#{{id}} {{subject}} をいったん脇に置きます。時間になるか、お客様から返信があるとスレッドでお知らせします。',
  'dthread.snooze_until': 'いつまで',
  'dthread.snooze_or': 'または',
  'dthread.snooze_until_customer': 'お客様から返信があるまで',
  'dthread.snooze_pick': '時間を選ぶか、「お客様から返信があるまで」にチェックを入れてください。',
  'dthread.name_required': '下書きに名前を付けてください。',
  'dthread.preview_stale': 'このプレビューは古くなりました。下書きを開き直してください。',
  'dthread.send_at_past': '未来の時間を選ぶか、空のままにしてすぐに送信してください。',
} as const;
