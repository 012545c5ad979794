/** Lookups, rules and template suggestions in a ticket's thread (issue 13), Japanese. */
export const enrich = {
  'enrich.facts_title': ':mag: *お客さま情報（自動照会）*',
  'enrich.lookup_ok': ':white_check_mark: *{{name}}*',
  'enrich.lookup_empty': ':information_source: *{{name}}*: 該当するデータはありませんでした',
  'enrich.lookup_no_key':
    ':information_source: *{{name}}*: 照会に使う項目（{{key}}）がこのチケットにありません',
  'enrich.lookup_timeout':
    ':hourglass: *{{name}}*: {{seconds}} 秒以内に応答がなかったため照会を打ち切りました',
  'enrich.lookup_error': ':warning: *{{name}}*: 照会に失敗しました（{{detail}}）',
  'enrich.lookup_refused':
    ':no_entry: *{{name}}*: 設定のクエリが読み取り専用の SELECT 1 文ではないため実行しませんでした（{{detail}}）',
  'enrich.rule_tag': ':label: タグ `{{value}}` を追加しました（ルール {{rule}}）',
  'enrich.rule_flag': ':triangular_flag_on_post: 要確認: {{value}}（ルール {{rule}}）',
  'enrich.rule_route': ':inbox_tray: 推奨インボックス: {{value}}（ルール {{rule}}）',
  'enrich.facts_fallback': 'お客さま情報（自動照会）',
  'enrich.suggest_title': ':bulb: *この問い合わせに合いそうなテンプレート*',
  'enrich.suggest_fallback': 'この問い合わせに合いそうなテンプレートがあります',
  'enrich.suggest_by_rule': 'ルール {{rule}}',
  'enrich.copy_into_draft': '下書きにコピー',
  'enrich.note_title': '[yorisoi] お客さま情報（自動照会）',
  'enrich.note_empty': '{{name}}: 該当データなし',
  'enrich.note_no_key': '{{name}}: 照会キーなし',
  'enrich.note_timeout': '{{name}}: タイムアウト（{{seconds}} 秒）',
  'enrich.note_error': '{{name}}: 照会失敗（{{detail}}）',
  'enrich.note_refused': '{{name}}: クエリを拒否（{{detail}}）',
  'enrich.key_email': 'メールアドレス',
  'enrich.key_zendesk_user_id': 'Zendesk ユーザーID',
  'enrich.key_external_id': '外部ID',
  'enrich.key_custom_field': 'カスタムフィールド',
} as const;
