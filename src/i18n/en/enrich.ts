import type { enrich as ja } from '../ja/enrich.ts';

/** Lookups, rules and template suggestions in a ticket's thread (issue 13), English. */
export const enrich: Record<keyof typeof ja, string> = {
  'enrich.facts_title': ':mag: *Customer facts (looked up)*',
  'enrich.lookup_ok': ':white_check_mark: *{{name}}*',
  'enrich.lookup_empty': ':information_source: *{{name}}*: no matching record',
  'enrich.lookup_no_key': ':information_source: *{{name}}*: this ticket has no {{key}} to look up',
  'enrich.lookup_timeout': ':hourglass: *{{name}}*: no answer within {{seconds}} s, lookup abandoned',
  'enrich.lookup_error': ':warning: *{{name}}*: lookup failed ({{detail}})',
  'enrich.lookup_refused':
    ':no_entry: *{{name}}*: not run, the configured query is not a single read-only SELECT ({{detail}})',
  'enrich.rule_tag': ':label: Added tag `{{value}}` (rule {{rule}})',
  'enrich.rule_flag': ':triangular_flag_on_post: Check: {{value}} (rule {{rule}})',
  'enrich.rule_route': ':inbox_tray: Suggested inbox: {{value}} (rule {{rule}})',
  'enrich.facts_fallback': 'Customer facts (looked up)',
  'enrich.suggest_title': ':bulb: *Templates that may fit this inquiry*',
  'enrich.suggest_fallback': 'Templates that may fit this inquiry',
  'enrich.suggest_by_rule': 'rule {{rule}}',
  'enrich.copy_into_draft': 'Copy into draft',
  'enrich.note_title': '[yorisoi] Customer facts (looked up)',
  'enrich.note_empty': '{{name}}: no matching record',
  'enrich.note_no_key': '{{name}}: no lookup key',
  'enrich.note_timeout': '{{name}}: timed out ({{seconds}} s)',
  'enrich.note_error': '{{name}}: lookup failed ({{detail}})',
  'enrich.note_refused': '{{name}}: query refused ({{detail}})',
  'enrich.key_email': 'e-mail address',
  'enrich.key_zendesk_user_id': 'Zendesk user id',
  'enrich.key_external_id': 'external id',
  'enrich.key_custom_field': 'custom field',
};
