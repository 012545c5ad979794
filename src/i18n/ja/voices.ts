/** Voice of the customer: /voice, voice threads, digests, follow-up requests (Japanese). */
export const voice = {
  'voice.empty_message': '（本文なし）',
  'voice.part': ' · {{n}}/{{total}}',
  'voice.no_tags': '_タグなし_',
  'voice.customer_wrote': 'お客様のメッセージ',
  'voice.continued': '続き',
  'voice.request_follow_up': 'フォローアップを依頼',
  'voice.message_text': '顧客の声 #{{id}}{{part}}: {{body}}',
  'voice.help':
    '*/voice* — お客様の声をこのチャンネルにそのまま届けます（チケットごとに 1 スレッド、個人情報はマスク）。\n' +
    '• `/voice subscribe product:photos tag:bug` — 条件に合うお客様のメッセージをここで受け取ります。条件: `product:`（受信箱またはブランド）、`tag:`、`form:`、`keyword:`（または単語。"引用符" で語句）。種類の違う条件はすべて満たすもの、同じ種類の繰り返しはどれか一つ。`/voice subscribe all` ですべて受け取ります。\n' +
    '• `/voice list` — このチャンネルの購読一覧（ボタンで解除できます）\n' +
    '• `/voice unsubscribe ID` — 購読を 1 つ解除\n' +
    '• `/voice digest` — 今日の声をタグ別に（毎日の終わりにも前日分のまとめが投稿されます）',
  'voice.subscribed':
    ':loudspeaker: <#{{channel}}> で `{{filter}}` に合うお客様の声を受け取ります（購読 `{{id}}`）。メッセージは原文のまま、個人情報をマスクして、チケットごとに 1 スレッドで届きます。',
  'voice.list_heading': '*<#{{channel}}> の声の購読*',
  'voice.list_item': '`{{id}}` {{filter}}\n作成: {{who}} · {{when}}',
  'voice.list_more': '…ほか {{count}} 件（`/voice unsubscribe ID` で解除）',
  'voice.list_empty':
    '<#{{channel}}> に声の購読はありません。`/voice subscribe product:photos tag:bug` のように始めます。',
  'voice.remove': '解除',
  'voice.remove_confirm_title': '購読を解除しますか？',
  'voice.remove_confirm_text': '「{{filter}}」に合う声はこのチャンネルに届かなくなります。',
  'voice.removed': ':white_check_mark: 購読 `{{id}}`（{{filter}}）を解除しました。',
  'voice.unsubscribe_which': 'どの購読ですか？ `/voice unsubscribe ID`（`/voice list` で確認できます）。',
  'voice.unsubscribed': '<#{{channel}}> の声の購読 `{{id}}` を解除しました。',
  'voice.no_subscriptions_yet': '<#{{channel}}> にはまだ声の購読がありません。',
  'voice.unknown_subcommand': '`/voice {{sub}}` は分かりません。`/voice help` をご覧ください。',
  'voice.filter_too_long': '条件が長すぎます。',
  'voice.cannot_post_hidden':
    'yorisoi はこのチャンネルに投稿できません。`/invite @yorisoi` で招待してから、もう一度 `/voice subscribe` してください。',
  'voice.cannot_post_archived': 'このチャンネルはアーカイブされているため、yorisoi は投稿できません。',
  'voice.digest_title': '{{day}} のお客様の声 — {{count}} 件',
  'voice.digest_subscription': '購読 `{{id}}`: {{filter}}',
  'voice.digest_none': '_この日に条件に合うメッセージはありませんでした。_',
  'voice.digest_no_tag': '（タグなし）',
  'voice.digest_omitted': '…ほか {{count}} セクションは 1 つのメッセージに収まりませんでした。',
  'voice.follow_up_title': 'フォローアップを依頼',
  'voice.follow_up_submit': 'サポートに送る',
  'voice.follow_up_intro': 'チケット *#{{id}}*{{subject}}。質問はこのチケットのサポートスレッドに届きます。',
  'voice.follow_up_label': 'サポートに確認・質問してほしいこと',
  'voice.follow_up_out_of_date': 'このフォームは古くなっています。もう一度ボタンを押してください。',
  'voice.follow_up_request':
    ':raising_hand: <#{{channel}}> の <@{{user}}> さんからフォローアップの依頼:\n{{question}}',
  'voice.follow_up_note':
    ':outbox_tray: <@{{user}}> さんがサポートにフォローアップを依頼しました: {{question}}',
} as const;
