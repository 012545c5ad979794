/** `yorisoi demo`: the narration printed to the terminal (the workspace language, YORISOI_LOCALE). */
export const demo = {
  'demo.language': 'ワークスペースの言語 (YORISOI_LOCALE): {{locale}}',
  'demo.title': 'yorisoi デモ — シミュレーター {{sim}}/_sim/ 、yorisoi {{app}}',
  'demo.setup': '1. zendesk setup: Webhook {{webhook}} → {{endpoint}} 、トリガー {{trigger}}',
  'demo.ticket_opened':
    '2. お客様 hanako@example.com が Zendesk でチケット #{{id}} を作成（ブランド photos）。Zendesk が署名付き Webhook を送信',
  'demo.slack_shows': '   Slack の #support-photos にはこう表示されます:',
  'demo.follow_up': '3. お客様が Zendesk で追記を送信',
  'demo.status_changed': '4. 担当者が Zendesk でチケットを保留中・優先度「高」にし、Aiko Sato に割り当て',
  'demo.voice_subscribe':
    '5. プロダクト担当の Sora が #product-voice で `/voice subscribe product:photos tag:upload` と入力',
  'demo.voice_shows': '   #product-voice にはお客様の言葉がそのまま、個人情報は伏せて表示されます:',
  'demo.volume_history':
    '6. 4 週間分の 1 時間ごとのチケット数（生成した履歴）を読み込み、そのあと数分のうちに 14 人のお客様が問い合わせ:',
  'demo.chart_saved':
    '   グラフ {{name}} を files.uploadV2 でアラートのスレッドにアップロード。コピーを {{path}} に保存',
  'demo.recovery': '7. 2 時間後（アラートの時計を進めて）、急増が収まりました:',
  'demo.checks': '{{step}}. チェック（シミュレーターから読み戻した結果）:',
  'demo.failed': 'デモ失敗: {{message}}',
  'demo.check.thread': '振り分け先のチャンネルにチケットのスレッドができた',
  'demo.check.follow_up': '追記が同じスレッドに届いた',
  'demo.check.root_edited': 'ステータスの変更でルートメッセージがその場で更新された',
  'demo.check.one_thread': 'チケット 1 件につきスレッドは 1 つ',
  'demo.check.voice': 'お客様の声がそのまま、個人情報を伏せて投稿された',
  'demo.check.alert': 'アラートは 1 件、PNG のグラフ付き',
  'demo.check.recovery': 'アラート 1 件と回復 1 件だけ',
  'demo.care.old_ticket':
    'C1. hanako さんの 2025 年のチケット #{{id}} は Zendesk にだけあります（yorisoi 導入前）',
  'demo.care.saved':
    'C2. Aiko が `/karte hanako@example.com` でカルテを保存: 「要配慮」フラグ、プラン、言語、メモ',
  'demo.care.returning':
    'C3. hanako さんから再びお問い合わせ（#{{id}}）。#support-photos のルートにはクリックなしで表示されます:',
  'demo.care.first_block': '    先頭のブロック: {{text}}',
  'demo.care.history': 'C4. Kenji がルートの「カルテと履歴」を押すと、モーダルに新しい順で並びます:',
  'demo.care.languages': 'C5. Aiko（Slack は日本語）が同じボタンを押すと、同じモーダルが彼女の言語で開きます',
  'demo.care.kenji_sees': '    Kenji の画面: 「{{title}}」 · {{button}}',
  'demo.care.aiko_sees': '    Aiko の画面:  「{{title}}」 · {{button}}',
  'demo.check.care_flag': 'リピーター: ルートの先頭ブロックに要配慮フラグと理由',
  'demo.check.care_prior': 'リピーター: ルートに過去のチケット数（2 件、うち 1 件は Zendesk にだけある）',
  'demo.check.care_history': '履歴モーダルに Zendesk にだけあるチケットが載っている',
  'demo.check.care_languages':
    'カルテのモーダルは読む人の言語（Kenji は en-US で英語、Aiko は ja-JP で日本語）',
  'demo.draft.opened':
    '{{step}}. Aiko がスレッドのルートで「返信を書く」を押すと、Zendesk から読んだ問い合わせがモーダルに表示されます',
  'demo.draft.inserted':
    '{{step}}. 対応方針を書き、「アップロード android」でテンプレートを探して 1 つ挿入しました:',
  'demo.draft.shared':
    '{{step}}. 「レビューを依頼」で下書きがチケットのスレッドに「未送信」として投稿されました:',
  'demo.draft.approved': '{{step}}. Kenji がスレッドでコメント（お客様には届きません）して承認:',
  'demo.draft.preview':
    '{{step}}. 「送信…」でプレビューが開きます: チケット #{{id}}、宛先 hanako@example.com、送信者 Aiko Sato。彼女は「公開返信、解決済みにする」を選択',
  'demo.draft.sent': '{{step}}. 取り消し期間のあと返信が Zendesk に送られ、スレッドにはこう表示されます:',
  'demo.draft.read_back':
    '{{step}}. Zendesk シミュレーターから読み戻すと: チケット #{{id}} は {{status}}、Aiko の公開コメントは {{count}} 件',
  'demo.check.draft_opened': '下書きモーダルが問い合わせ付きで開いた',
  'demo.check.draft_template': '返信にテンプレートが挿入された',
  'demo.check.draft_approved': '下書きがスレッドで共有され承認された',
  'demo.check.draft_preview': 'プレビューにチケットと宛先が出ている',
  'demo.check.draft_one_reply': 'Zendesk の公開返信はちょうど 1 件、対応する担当者から',
  'demo.check.draft_thread_private': 'スレッドに書いたことは Zendesk に届いていない',
  'demo.check.draft_root_updated': '送信後にルートメッセージが更新された',
} as const;
