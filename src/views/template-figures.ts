import type { TemplateFiguresView } from '../domain/team/template-figures-service.ts';
import { templateFigureLines, templateRankingLines } from '../domain/team/template-figures-text.ts';
import type { TemplateRanking } from '../domain/team/template-metrics.ts';
import type { Translate } from '../i18n/index.ts';
import { context, divider, type KnownBlock, section } from './block-kit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/**
 * The template's Show view block: uses, reopen rate and satisfaction of the tickets answered with it.
 * `null` figures = still being counted (the service did not answer within the modal's time).
 */
export function templateFiguresBlocks(figures: TemplateFiguresView | null, t: Translate): KnownBlock[] {
  if (!figures) return [context(`:hourglass_flowing_sand: ${escapeMrkdwn(t('tplfig.loading'))}`)];
  const title = t('tplfig.title', { days: figures.days });
  if (figures.uses === 0) return [section(`${title}\n${escapeMrkdwn(t('tplfig.unused'))}`)];
  const l = templateFigureLines(figures, t);
  // One figure a line: two columns wrap the Japanese mid-phrase in a modal's width.
  return [
    section(
      [
        title,
        `:outbox_tray: ${escapeMrkdwn(l.uses)}`,
        `:repeat: ${escapeMrkdwn(l.reopen)}`,
        `:slightly_smiling_face: ${escapeMrkdwn(l.satisfaction)}`,
      ].join('\n'),
    ),
    context(escapeMrkdwn(t('tplfig.note'))),
  ];
}

/** The weekly report's section: the templates that worked best and those worth a second look. */
export function templateRankingBlocks(ranking: TemplateRanking, t: Translate): KnownBlock[] {
  if (ranking.used.length === 0) return [];
  const l = templateRankingLines(ranking, t);
  const list = (rows: string[]) =>
    rows.length ? rows.map((r) => `• ${escapeMrkdwn(r)}`).join('\n') : l.none;
  return [
    divider(),
    section(l.section),
    section(`${t('tplfig.report.top')}\n${list(l.top)}`),
    ...(l.bottom.length ? [section(`${t('tplfig.report.bottom')}\n${list(l.bottom)}`)] : []),
  ];
}
