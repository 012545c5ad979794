/**
 * Every user-visible word of yorisoi in Japanese, the workspace default. Keys are grouped by screen;
 * `{{name}}` is filled by the translator (values are escaped by the views, never by the catalog).
 * messages-en.ts must hold the same keys (the compiler and tests/unit/i18n.test.ts check it).
 */
export const ja = {
  'status.new': '新規',
  'status.open': 'オープン',
  'status.pending': '保留中',
  'status.hold': '待機中',
  'status.solved': '解決済み',
  'status.closed': '終了',
  'status.deleted': '削除済み',
  'priority.urgent': '緊急',
  'priority.high': '高',
  'priority.normal': '通常',
  'priority.low': '低',
  'priority.none': 'なし',
  'common.unassigned': '未割り当て',
  'common.unknown': '不明',
  'common.open_in_zendesk': 'Zendeskで開く',
  'common.cancel': 'キャンセル',
  'common.close': '閉じる',
  'common.save': '保存',
  'error.generic': 'うまくいきませんでした。少し待ってからもう一度お試しください。',
  'error.zendesk_unavailable': 'Zendesk に接続できませんでした。少し待ってからもう一度お試しください。',
  'error.zendesk_rate_limited':
    'Zendesk が混み合っています。{{seconds}} 秒ほど待ってからもう一度お試しください。',
  'error.slack_unavailable': 'Slack への送信に失敗しました。自動で再試行します。',
  'error.not_found': '対象が見つかりません（削除されたか、存在しません）。',
  'error.gone': 'この下書き・チケットはもうありません。',
} as const;

export type MessageKey = keyof typeof ja;
