/** Loading views, plain-word errors and `/yorisoi help` (Japanese). */
export const ops = {
  'ops.loading.title': '読み込み中',
  'ops.loading.text': ':hourglass_flowing_sand: 読み込んでいます…',
  'ops.loading.send_preview': ':hourglass_flowing_sand: 送信内容と送信者を確認しています…',
  'ops.loading.sending': ':hourglass_flowing_sand: 送信の準備をしています…',
  'ops.loading.templates': ':hourglass_flowing_sand: テンプレートを探しています…',
  'ops.loading.karte': ':hourglass_flowing_sand: カルテとチケット履歴を読み込んでいます…',
  'ops.error.title': 'できませんでした',
  'ops.error.back': '閉じると下書きに戻ります。下書きは残っています。',
  'ops.err.agent_lookup_failed':
    'Zendesk からエージェント情報を取得できなかったため、まだ送信できません。少し待ってからもう一度お試しください。',
  'ops.err.zendesk_rejected': 'Zendesk がこの操作を受け付けませんでした。詳しくはサーバーログにあります。',
  'ops.err.agent_not_mapped':
    'あなたの Slack アカウントは Zendesk のエージェントと結び付いていないため、返信を送れません。リーダーに `/yorisoi map @あなた agent@company.com` を頼むか、Slack と Zendesk で同じメールアドレスを使ってください。',
  'ops.err.agent_not_in_group':
    'あなたの Zendesk エージェントは、返信を送れるサポートグループに入っていません。',
  'ops.err.second_approval_required':
    'このお客様のカルテは別の担当者の承認を求めています。下書きを共有し、このバージョンを同僚に承認してもらってください。',
  'ops.err.send_in_progress': 'このチケットへの返信はすでに送信中です（またはこの下書きは送信済みです）。',
  'ops.err.draft_not_found': 'この下書きはもうありません。',
  'ops.err.internal': 'yorisoi の内部で問題が起きました。詳しくはサーバーログにあります。',
  'ops.err.karte_customer_not_found':
    'そのメールアドレスまたは ID のお客様は、yorisoi にも Zendesk にもいません。',
  'ops.err.karte_identifier_invalid':
    'メールアドレス、Zendesk のユーザー ID、またはサービスのユーザー ID を指定してください（例: `/karte hanako@example.com`）。',
  'help.intro': '*yorisoi* は Zendesk のチケットを Slack のスレッドにします。使えるコマンド:',
  'help.status': '`/yorisoi status` — 受信箱、チケット数、Slack への送信待ち',
  'help.help': '`/yorisoi help` — この一覧',
  'help.map':
    '`/yorisoi map @user agent@company.com` — その Slack ユーザーをこの Zendesk エージェントとして送信させる（`off` で停止）',
  'help.report':
    '`/yorisoi report [2026-W48]` — チームの週次レポート（応答時間、再オープン、満足度）を自分だけに表示',
  'help.volume':
    '`/yorisoi volume [all|tag:タグ名|inbox:ID] [24h|7d|4w]` — 問い合わせ件数のグラフをチャンネルに共有',
  'help.template': '`/template 言葉` — 返信テンプレートを検索（自分だけに表示）',
  'help.karte': '`/karte メールアドレス|ID` — お客様のカルテと過去のチケット',
  'help.voice':
    '`/voice subscribe 条件` · `/voice list` · `/voice unsubscribe ID` · `/voice digest` — お客様の声をこのチャンネルに届ける',
  'help.buttons':
    '*返信の下書き*・*テンプレートを探す* — チケットのルートメッセージのボタン、またはスレッドのメッセージショートカット',
} as const;
