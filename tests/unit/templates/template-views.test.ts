import { describe, expect, it } from 'vitest';
import type { Template, TemplateVersion } from '../../../src/domain/templates/template.ts';
import { validateMessageBlocks, validateView } from '../../../src/sim/slack/block-kit.ts';
import {
  buildTemplateBrowserModal,
  buildTemplateEditorModal,
  buildTemplateHistoryModal,
  buildTemplateModal,
  buildTemplateResultsMessage,
  buildTemplateSearchModal,
  describeDuplicates,
} from '../../../src/views/templates.ts';

// Slack's limits hold by construction, whatever the data: longest fields, many results, big folders.

const long = (n: number, unit = 'あ') => unit.repeat(n);
const template = (i: number, over: Partial<Template> = {}): Template => ({
  id: `t-${i}-${long(150, 'x')}`,
  path: long(450, 'フ'),
  title: long(300, 'タ'),
  body: long(20_000, '本'),
  tags: Array.from({ length: 30 }, (_, k) => `tag-${k}`),
  product: long(100, 'p'),
  author: 'U0LEAD',
  version: 3,
  deletedAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});
const ctx = { c: 'C0SUPPORT', th: '1700000000.000100' };
const modalOk = (view: unknown) => {
  expect(validateView(view, 'modal')).toEqual([]);
  expect((view as { blocks: unknown[] }).blocks.length).toBeLessThanOrEqual(100);
  expect((view as { private_metadata?: string }).private_metadata?.length ?? 0).toBeLessThanOrEqual(3000);
  expect(JSON.stringify(view).length).toBeLessThan(250_000);
};

describe('template views stay within Slack limits', () => {
  it('search results: ≤ 50 blocks, valid, however many and however long the hits', () => {
    const hits = Array.from({ length: 40 }, (_, i) => ({
      id: template(i).id,
      title: long(300),
      path: long(450),
      score: 1,
      evidence: 1,
      snippet: long(200, '*字*'),
    }));
    const message = buildTemplateResultsMessage(long(3000, 'q'), hits, ctx);
    expect(message.blocks!.length).toBeLessThanOrEqual(50);
    expect(validateMessageBlocks(message.blocks)).toEqual([]);
    modalOk(buildTemplateSearchModal(long(3000, 'q'), hits, ctx));
  });
  it('a template with the longest fields and a 20,000-character body', () => {
    modalOk(buildTemplateModal(template(1), { canEdit: true, ctx, note: long(4000) }));
    modalOk(buildTemplateModal(template(1, { deletedAt: new Date(0) }), { canEdit: true, ctx }));
    modalOk(buildTemplateEditorModal({ template: template(1), ctx }));
    modalOk(buildTemplateEditorModal({ folder: long(450), ctx }));
  });
  it('a folder with hundreds of subfolders and templates is paged', () => {
    const listing = {
      folder: long(450, 'フ'),
      subfolders: Array.from({ length: 300 }, (_, i) => ({
        path: `${long(400)}/${i}`,
        name: long(200, 'n'),
        count: i,
      })),
      templates: Array.from({ length: 300 }, (_, i) => template(i)),
    };
    for (const page of [0, 7, 14]) modalOk(buildTemplateBrowserModal(listing, { canEdit: true, ctx, page }));
  });
  it('history with 500 versions and a long diff', () => {
    const versions: TemplateVersion[] = Array.from({ length: 500 }, (_, i) => ({
      ...template(1),
      templateId: 't',
      version: i + 1,
      change: 'edited',
    }));
    modalOk(
      buildTemplateHistoryModal(template(1), versions, ctx, {
        from: 1,
        to: 500,
        lines: Array.from({ length: 2000 }, () => `- ${long(100)}`),
      }),
    );
    const single = buildTemplateHistoryModal(template(1), versions.slice(0, 1), ctx);
    modalOk(single);
    expect(single).not.toHaveProperty('submit');
  });
  it('the duplicate warning fits a field error', () => {
    expect(
      describeDuplicates(
        Array.from({ length: 5 }, (_, i) => ({
          id: `d${i}`,
          title: long(300),
          path: long(400),
          similarity: 0.9,
        })),
      ).length,
    ).toBeLessThanOrEqual(300);
  });
});
