/** What yorisoi sees per reply template: uses, reopen rate, satisfaction (Japanese). */
export const templateFigures = {
  'tplfig.title': '*このテンプレートの成果*（過去{{days}}日）',
  'tplfig.uses': '使用 {{uses}}回（チケット {{tickets}}件）',
  'tplfig.reopen': '再オープン率 {{rate}}（解決 {{solved}}件のうち {{reopened}}件）',
  'tplfig.satisfaction': '満足度 {{rate}}（良い {{good}}・悪い {{bad}}）',
  'tplfig.unused': 'この期間に送信された返信では使われていません。',
  'tplfig.loading': '成果を集計中です。もう一度開くと表示されます。',
  'tplfig.note': '送信した返信に含まれたテンプレートを数えています。再オープンと満足度は Zendesk から。',
  'tplfig.report.section': '*テンプレート別の成果*（使用 {{count}}種類）',
  'tplfig.report.top': '*よく効いたテンプレート*',
  'tplfig.report.bottom': '*見直し候補*',
  'tplfig.report.line': '{{title}} — 使用 {{uses}}回・再オープン率 {{rate}}・良い {{good}}／悪い {{bad}}',
  'tplfig.report.none': '解決したチケットのあるテンプレートはまだありません',
  'tplfig.report.deleted': '（削除済み {{id}}）',
} as const;
