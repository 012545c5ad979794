import type { templateFigures as ja } from '../ja/template-outcomes.ts';

/** What yorisoi sees per reply template: uses, reopen rate, satisfaction (English). */
export const templateFigures: Record<keyof typeof ja, string> = {
  'tplfig.title': '*How this template does* (last {{days}} days)',
  'tplfig.uses': 'Used {{uses}} times ({{tickets}} tickets)',
  'tplfig.reopen': 'Reopen rate {{rate}} ({{reopened}} of {{solved}} solved)',
  'tplfig.satisfaction': 'Satisfaction {{rate}} ({{good}} good, {{bad}} bad)',
  'tplfig.unused': 'No reply sent in this period used it.',
  'tplfig.loading': 'Still counting; open it again to see the figures.',
  'tplfig.note': 'Counts the templates in sent replies. Reopens and ratings come from Zendesk.',
  'tplfig.report.section': '*Templates* ({{count}} used)',
  'tplfig.report.top': '*Worked best*',
  'tplfig.report.bottom': '*Worth a second look*',
  'tplfig.report.line': '{{title}} — used {{uses}}×, reopen rate {{rate}}, {{good}} good / {{bad}} bad',
  'tplfig.report.none': 'No template has a solved ticket yet',
  'tplfig.report.deleted': '(deleted {{id}})',
};
