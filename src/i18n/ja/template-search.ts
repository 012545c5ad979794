/** Template search as an agent sees it: /template, the Find-template modal. */
export const templates = {
  'tplsearch.show': '表示',
  'tplsearch.copy': '下書きにコピー',
  'tplsearch.all_templates': 'すべてのテンプレート',
  'tplsearch.results': ':mag: *{{query}}* に合うテンプレート {{count}} 件',
  'tplsearch.results_text': '「{{query}}」のテンプレート: {{titles}}',
  'tplsearch.browse': 'テンプレートを見る',
  'tplsearch.usage':
    '探したい言葉を入れてください: `/template 保育園 申し込み`。ひらがな・カタカナ・漢字・全角/半角のどれでも探せます。',
  'tplsearch.none': '「{{query}}」— 該当なし。言葉を減らすか変えるか、フォルダから探してください。',
  'tplsearch.loading':
    ':hourglass_flowing_sand: テンプレートを読み込み中です。「{{query}}」の結果はまもなく届きます。',
  'tplsearch.modal_title': 'テンプレートを探す',
  'tplsearch.search': '検索',
  'tplsearch.close': '閉じる',
  'tplsearch.words': '探す言葉',
  'tplsearch.prefilled_hint': 'お客様のメッセージの要点から入れました。変えて「検索」を押せます。',
} as const;
