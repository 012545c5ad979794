/**
 * Sample screens of issue 12's split and per-template figures for `npm run render:views`
 * (scripts/render-our-views.ts): the Split confirmation modal and its answers in both languages, a template's
 * Show view with its figures (and while they are counted), and the weekly report's template section.
 */
import type { TemplateFiguresView } from '../src/domain/team/template-figures-service.ts';
import type { Template } from '../src/domain/templates/template.ts';
import { type Locale, translator } from '../src/i18n/index.ts';
import { buildSplitConfirmModal, splitAnswerText } from '../src/views/split.ts';
import { buildTemplateModal } from '../src/views/templates.ts';

const url = (id: string) => `https://example.zendesk.com/agent/tickets/${id}`;

export function splitMetricsJobs() {
  const template: Template = {
    id: 'tpl-refund',
    path: '請求/返金',
    title: '返金のご案内',
    body: '{{お客様名}} 様\n\nお問い合わせありがとうございます。ご返金の手続きを承りました。\n5営業日以内にご指定の口座へお振り込みいたします。',
    tags: ['billing', 'refund'],
    product: null,
    author: 'U0LEAD',
    version: 3,
    deletedAt: null,
    createdAt: new Date('2026-10-01T01:00:00Z'),
    updatedAt: new Date('2026-11-20T05:16:00Z'),
  };
  const figures: TemplateFiguresView = {
    templateId: 'tpl-refund',
    days: 30,
    uses: 14,
    tickets: 12,
    solved: 10,
    reopened: 2,
    reopenRate: 0.2,
    good: 6,
    bad: 1,
    goodRate: 6 / 7,
  };
  const jobs: Array<{ name: string; input: unknown; locale: Locale; channelName?: string }> = [];
  for (const locale of ['ja', 'en'] as const) {
    const t = translator(locale);
    jobs.push({
      name: `split-confirm-${locale}`,
      input: buildSplitConfirmModal(
        {
          ticketZendeskId: '1042',
          requesterName: '山田 花子',
          body: '別件ですが、領収書の宛名を「株式会社ヤマダ」に変更できますか？\n先月分もお願いしたいです。',
          meta: { c: 'C0SUPPORT', ts: '1.2', th: '1.1' },
        },
        t,
      ),
      locale,
    });
    const answers = [
      splitAnswerText({ kind: 'created', sourceZendeskId: '1042', newZendeskId: '1043' }, t, url),
      splitAnswerText({ kind: 'already', sourceZendeskId: '1042', newZendeskId: '1043' }, t, url),
      splitAnswerText({ kind: 'in_doubt', reason: '' }, t, url),
      splitAnswerText({ kind: 'refused', reason: 'not_customer_message' }, t, url),
      splitAnswerText({ kind: 'refused', reason: 'not_ticket_thread' }, t, url),
      splitAnswerText({ kind: 'refused', reason: 'bot_message' }, t, url),
    ];
    jobs.push({
      name: `split-answers-${locale}`,
      input: { messages: answers.map((text) => ({ text, _time: '14:20' })) },
      locale,
    });
    jobs.push({
      name: `template-show-figures-${locale}`,
      input: buildTemplateModal(template, { canEdit: true, ctx: {}, figures: { value: figures, t } }),
      locale,
    });
  }
  const t = translator('ja');
  jobs.push({
    name: 'template-show-counting-ja',
    input: buildTemplateModal(template, { canEdit: false, ctx: {}, figures: { value: null, t } }),
    locale: 'ja',
  });
  jobs.push({
    name: 'template-show-unused-ja',
    input: buildTemplateModal(template, {
      canEdit: false,
      ctx: {},
      figures: { value: { ...figures, uses: 0, tickets: 0, solved: 0, reopened: 0, reopenRate: null }, t },
    }),
    locale: 'ja',
  });
  return jobs;
}

/** Titles for the fixture week's templates (the report service adds them from the catalog). */
export const fixtureTemplateTitles: Record<string, string> = {
  'tpl-refund': '返金のご案内',
  'tpl-greeting': '最初のごあいさつ',
  'tpl-shipping': '配送状況のご案内',
  'tpl-app': 'アプリの再インストール手順',
};
