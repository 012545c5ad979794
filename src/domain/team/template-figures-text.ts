import type { Translate } from '../../i18n/index.ts';
import { formatPercent } from './report-text.ts';
import type { TemplateFigures, TemplateRanking } from './template-metrics.ts';

/**
 * The words of the per-template figures, shared by the template's Show view, the weekly report's Slack
 * message and the CLI table. Titles are plain text: the views escape them.
 */
export function templateFigureLines(f: TemplateFigures, t: Translate) {
  return {
    uses: t('tplfig.uses', { uses: f.uses, tickets: f.tickets }),
    reopen: t('tplfig.reopen', {
      rate: formatPercent(f.reopenRate, t),
      solved: f.solved,
      reopened: f.reopened,
    }),
    satisfaction: t('tplfig.satisfaction', { rate: formatPercent(f.goodRate, t), good: f.good, bad: f.bad }),
  };
}

/** One line of the weekly report's best/worst list: `返金のご案内 — 使用 3回・再オープン率 50%・良い 1／悪い 1`. */
export function templateRankLine(f: TemplateFigures, t: Translate): string {
  return t('tplfig.report.line', {
    title: f.title ?? t('tplfig.report.deleted', { id: f.templateId }),
    uses: f.uses,
    rate: formatPercent(f.reopenRate, t),
    good: f.good,
    bad: f.bad,
  });
}

export function templateRankingLines(r: TemplateRanking, t: Translate) {
  return {
    section: t('tplfig.report.section', { count: r.used.length }),
    top: r.top.map((f) => templateRankLine(f, t)),
    bottom: r.bottom.map((f) => templateRankLine(f, t)),
    none: t('tplfig.report.none'),
  };
}
