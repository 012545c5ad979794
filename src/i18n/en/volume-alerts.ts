import type { volume as ja } from '../ja/volume-alerts.ts';

/** Volume alerts, recoveries, `/yorisoi volume` and the App Home counts (English). */
export const volume: Record<keyof typeof ja, string> = {
  'volume.scope_all': 'all tickets',
  'volume.scope_tag': 'tag {{name}}',
  'volume.scope_inbox': 'inbox {{name}}',
  'volume.window_hours': '{{n}} h',
  'volume.window_minutes': '{{n}} min',
  'volume.alert_title': ':rotating_light: Ticket volume alert: {{scope}}',
  'volume.alert_text':
    'Ticket volume alert: {{scope}} — {{count}} tickets in the last {{window}} (alerts at {{level}}{{usual}})',
  'volume.alert_text_usual': ', usual {{baseline}}',
  'volume.field_last': '*Last {{window}}*\n{{count}} tickets',
  'volume.field_usual':
    '*Usual for this hour*\n{{baseline}} (median of the same hour, {{weeks}} previous weeks)',
  'volume.field_threshold': '*Threshold*\n{{threshold}} tickets per {{window}}',
  'volume.field_level': '*Alerts at*\n{{level}} or more',
  'volume.field_rule': '*Rule*\n{{rule}}',
  'volume.top_tags': '*Top tags*\n{{tags}}',
  'volume.samples': '*Sample subjects*\n{{samples}}',
  'volume.no_tags': '_no tags_',
  'volume.none': '_none_',
  'volume.alert_footer':
    'Since {{since}} · the trend chart (24 hours, 4 weeks) is in the thread · one alert per episode; a recovery message closes it',
  'volume.recovery':
    ':white_check_mark: Recovered: {{scope}} is back to {{count}} tickets in the last {{window}} (alerts at {{level}}). The episode lasted {{minutes}} min ({{from}} → {{to}}), peak {{peak}}.',
  'volume.chart_alt':
    'Trend chart of {{scope}}: {{count}} in the last {{window}}, last 24 hours and last 4 weeks',
  'volume.asked_by': '(asked by <@{{user}}>)',
  'volume.invite_first': 'Invite yorisoi to this channel first, then ask again.',
  'volume.home_title': 'yorisoi — ticket volume today',
  'volume.home_totals': '*{{total}}* new tickets {{day}} · *{{lastHour}}* in the last hour',
  'volume.home_by_inbox': '*By inbox*',
  'volume.home_top_tags': '*Top tags today*\n{{tags}}',
  'volume.home_none_yet': '_none yet_',
  'volume.home_alerts': '*Alerts*\n{{alerts}}',
  'volume.home_alert_line': ':rotating_light: {{scope}} since {{since}} (peak {{peak}})',
  'volume.home_no_alert': ':white_check_mark: No volume alert in progress.',
  'volume.home_charts': 'Charts on demand: `/yorisoi volume [tag|inbox] [24h|7d|4w]`',
} as const;
