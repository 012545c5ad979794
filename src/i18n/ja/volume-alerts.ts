/** Volume alerts, recoveries, `/yorisoi volume` and the App Home counts (Japanese). */
export const volume = {
  'volume.scope_all': 'すべてのチケット',
  'volume.scope_tag': 'タグ {{name}}',
  'volume.scope_inbox': '受信箱 {{name}}',
  'volume.window_hours': '{{n}} 時間',
  'volume.window_minutes': '{{n}} 分',
  'volume.alert_title': ':rotating_light: 問い合わせ急増: {{scope}}',
  'volume.alert_text':
    '問い合わせ急増: {{scope}} — 直近 {{window}}で {{count}} 件（通知の基準 {{level}} 件{{usual}}）',
  'volume.alert_text_usual': '、通常 {{baseline}} 件',
  'volume.field_last': '*直近 {{window}}*\n{{count}} 件',
  'volume.field_usual': '*この時間帯の通常*\n{{baseline}} 件（過去 {{weeks}} 週の同じ時間帯の中央値）',
  'volume.field_threshold': '*しきい値*\n{{window}}あたり {{threshold}} 件',
  'volume.field_level': '*通知の基準*\n{{level}} 件以上',
  'volume.field_rule': '*ルール*\n{{rule}}',
  'volume.top_tags': '*多いタグ*\n{{tags}}',
  'volume.samples': '*件名の例*\n{{samples}}',
  'volume.no_tags': '_タグなし_',
  'volume.none': '_なし_',
  'volume.alert_footer':
    '{{since}} から · 推移グラフ（24 時間・4 週間）はスレッドにあります · 1 回の急増に通知は 1 つ、収まると回復の連絡で閉じます',
  'volume.recovery':
    ':white_check_mark: 回復: {{scope}}は直近 {{window}}で {{count}} 件に戻りました（通知の基準 {{level}} 件）。急増は {{minutes}} 分続きました（{{from}} → {{to}}）、ピーク {{peak}} 件。',
  'volume.chart_alt':
    '{{scope}} の問い合わせ件数の推移: 直近 {{window}}で {{count}} 件。直近 24 時間と直近 4 週間のグラフ',
  'volume.asked_by': '（<@{{user}}> さんの依頼）',
  'volume.invite_first': 'このチャンネルに yorisoi を招待してから、もう一度お試しください。',
  'volume.home_title': 'yorisoi — 今日の問い合わせ件数',
  'volume.home_totals': '{{day}} の新規チケット *{{total}}* 件 · 直近 1 時間 *{{lastHour}}* 件',
  'volume.home_by_inbox': '*受信箱別*',
  'volume.home_top_tags': '*今日の多いタグ*\n{{tags}}',
  'volume.home_none_yet': '_まだありません_',
  'volume.home_alerts': '*急増の通知*\n{{alerts}}',
  'volume.home_alert_line': ':rotating_light: {{scope}} {{since}} から（ピーク {{peak}} 件）',
  'volume.home_no_alert': ':white_check_mark: 進行中の急増はありません。',
  'volume.home_charts': 'グラフはいつでも: `/yorisoi volume [タグ|受信箱] [24h|7d|4w]`',
} as const;
