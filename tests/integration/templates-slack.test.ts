import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateMessageBlocks } from '../../src/sim/slack/block-kit.ts';
import { ActionIds, ShortcutIds, TemplateBlocks } from '../../src/views/ids.ts';
import { sampleTemplates } from '../fixtures/search/kosodate-faq-sample.ts';
import { repliesTo, rootsOf, startTestSandbox, type TestSandbox, waitFor } from './helpers.ts';

// Reply templates through the real Bolt app and the Slack simulator: /template, Show, Copy into draft,
// the ticket's Find template button and message shortcut, the folder browser, and editing restricted to
// the editors group (the sandbox makes U0LEAD the only editor).

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>;
  accessory?: { action_id?: string };
  element?: { initial_value?: string };
};
type ControlView = {
  id: string;
  user: string;
  position: number;
  view: { callback_id: string; title: { text: string }; private_metadata: string; blocks: Block[] };
  errors: Record<string, string> | null;
};
type CommandResult = {
  acked: boolean;
  responses: Array<{ kind: string; body: { response_type?: string; text: string; blocks: Block[] } }>;
};

let s: TestSandbox;
beforeAll(async () => {
  s = await startTestSandbox();
  await s.features.templates.catalog.ready(); // one index load for this file (kuromoji ~1 s)
  await s.features.templates.catalog.importRows(
    sampleTemplates.map((t, i) => ({ at: `line ${i + 1}`, value: t })),
    'test',
  );
});
afterAll(async () => {
  await s?.close();
});

const command = async (user: string, text: string) =>
  (
    await s.api<CommandResult>('POST', '/_sim/slack/commands', {
      user,
      channel: 'C0SUPPORT',
      command: '/template',
      text,
      wait_ms: 10_000,
    })
  ).body;
const views = async (user: string) =>
  (await s.api<{ views: ControlView[] }>('GET', `/_sim/slack/views?user=${user}`)).body.views;
const topView = async (user: string, callbackId?: string) =>
  waitFor(`a ${callbackId ?? ''} view for ${user}`, async () => {
    const top = (await views(user)).sort((a, b) => b.position - a.position)[0];
    return top && (!callbackId || top.view.callback_id === callbackId) ? top : undefined;
  });
const closeAll = async (user: string) => {
  for (const v of await views(user)) await s.api('POST', `/_sim/slack/views/${v.id}/close`, { all: true });
};
const actionIds = (blocks: Block[]) =>
  blocks
    .flatMap((b) => [...(b.elements ?? []).map((e) => e.action_id), b.accessory?.action_id])
    .filter(Boolean);
const allText = (blocks: Block[]) => JSON.stringify(blocks);
const ephemerals = async (user: string) =>
  (
    await s.api<{
      ephemerals: Array<{ ts: string; channel: string; text: string; thread_ts?: string; blocks?: Block[] }>;
    }>('GET', `/_sim/slack/ephemerals?user=${user}`)
  ).body.ephemerals;

describe('/template', () => {
  it('answers ephemerally with the best matches, each with Show and Copy into draft, within Block Kit limits', async () => {
    const r = await command('U0AGENT1', 'ほいくえん 空き状況');
    expect(r.acked).toBe(true);
    const reply = r.responses[0]?.body;
    expect(reply?.response_type).toBe('ephemeral');
    const blocks = reply!.blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(validateMessageBlocks(blocks)).toEqual([]);
    expect(blocks[1]?.text?.text).toContain('保育園の空き状況は分かりますか？');
    expect(blocks[1]?.text?.text).toContain('子育てFAQ/保育/保育園の入園申込');
    expect(blocks[2]?.elements?.map((e) => e.text?.text)).toEqual(['表示', '下書きにコピー']); // Aiko reads Japanese
    expect(JSON.parse(blocks[2]!.elements![0]!.value!)).toEqual({ id: 'kfaq-0212', c: 'C0SUPPORT' });
  });

  it('an empty query explains how to search; a query without matches says so', async () => {
    const empty = (await command('U0AGENT1', '   ')).responses[0]?.body;
    expect(empty?.text).toContain('/template 保育園 申し込み');
    expect(actionIds(empty!.blocks)).toEqual([ActionIds.templateBrowse]);
    const none = (await command('U0AGENT1', 'xyzzyquux')).responses[0]?.body;
    expect(none?.text).toBe('「xyzzyquux」— 該当なし。言葉を減らすか変えるか、フォルダから探してください。');
    expect(validateMessageBlocks(none!.blocks)).toEqual([]);
    const english = (await command('U0AGENT2', 'xyzzyquux')).responses[0]?.body;
    expect(english?.text).toBe(
      'No template matches "xyzzyquux". Try fewer or other words, or browse the folders.',
    );
  });

  it('a nonsense query answers "no match" (該当なし) instead of the least bad templates', async () => {
    const none = (await command('U0AGENT1', 'xyzzy 宇宙船')).responses[0]?.body;
    expect(none?.text).toContain('該当なし');
    expect(actionIds(none!.blocks)).toEqual([ActionIds.templateBrowse]);
  });

  // A sentence typed as the query counts by its content words (母子手帳, 手続き), not as one long word.
  it('highlights only the content words of the query, never particles or polite endings', async () => {
    const r = (await command('U0AGENT1', '母子手帳の手続きを教えてください')).responses[0]?.body;
    const snippet = r!.blocks[1]?.text?.text ?? '';
    const marked = [...snippet.matchAll(/\u200b\*([^*]+)\*\u200b/g)].map((m) => m[1]);
    expect(marked).toContain('母子手帳');
    for (const m of marked) expect(m).not.toMatch(/^(ください|さい|です|ます|を|の|教え)$/);
  });

  it('Show opens the template; Copy into draft gives the agent its text', async () => {
    await command('U0AGENT1', '母子手帳');
    const results = (await ephemerals('U0AGENT1'))
      .filter((e) => e.text.startsWith('「母子手帳」のテンプレート'))
      .at(-1)!;
    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0AGENT1',
      channel: 'C0SUPPORT',
      message_ts: results.ts,
      action_id: ActionIds.templateShow,
      block_id: 'tpl_hit_0',
    });
    const shown = await topView('U0AGENT1', 'template_show_view');
    expect(allText(shown.view.blocks)).toContain('母子手帳を受け取りたいのですが');
    expect(actionIds(shown.view.blocks)).toEqual([
      ActionIds.templateCopyIntoDraft,
      ActionIds.templateHistory,
    ]); // not an editor
    await closeAll('U0AGENT1');

    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0AGENT1',
      channel: 'C0SUPPORT',
      message_ts: results.ts,
      action_id: ActionIds.templateCopyIntoDraft,
      block_id: 'tpl_hit_0',
    });
    const copy = await waitFor('the template text', async () =>
      (await ephemerals('U0AGENT1')).find((e) => e.text.startsWith('窓口で妊娠届をご記入いただき')),
    );
    expect(copy.channel).toBe('C0SUPPORT');
  });
});

describe('from a ticket thread', () => {
  it("the root message button and the message shortcut open the search prefilled with the customer's words; answers go to the thread", async () => {
    const ticket = await s.openTicket({
      subject: '保育園について',
      body: 'お世話になっております。\n保育園の空き状況を知りたいです。',
      brand: 'billing',
    });
    const root = await waitFor('root', async () => rootsOf(await s.messages('C0BILLING'), ticket.id)[0]);
    expect(actionIds(root.blocks as Block[])).toContain(ActionIds.findTemplate);

    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0AGENT2',
      channel: 'C0BILLING',
      message_ts: root.ts,
      action_id: ActionIds.findTemplate,
    });
    const search = await topView('U0AGENT2', 'template_search');
    // The key phrases of the customer's message, not the whole message.
    expect(search.view.blocks[0]?.element?.initial_value).toBe('保育園 空き状況');
    expect(search.view.blocks[1]?.text?.text).toContain('保育園の空き状況は分かりますか？');
    const hitValue = JSON.parse(search.view.blocks[2]!.elements![1]!.value!);
    expect(hitValue).toEqual({ id: 'kfaq-0212', c: 'C0BILLING', th: root.ts });

    // searching again from the modal
    const again = await s.api<{ applied: string }>('POST', `/_sim/slack/views/${search.id}/submit`, {
      user: 'U0AGENT2',
      values: { [TemplateBlocks.query]: 'いのしし' },
    });
    expect(again.body.applied).toBe('update');
    expect(allText((await topView('U0AGENT2', 'template_search')).view.blocks)).toContain(
      'いのししについてどこに相談すればいいですか？',
    );
    const empty = await s.api<{ applied: string }>('POST', `/_sim/slack/views/${search.id}/submit`, {
      user: 'U0AGENT2',
      values: { [TemplateBlocks.query]: '  ' },
    });
    expect(empty.body.applied).toBe('errors');

    // Copy into draft from the modal opens the ticket's draft editor on top, the template in the reply,
    // and saves it: reopening the draft later shows the same text.
    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0AGENT2',
      view_id: search.id,
      action_id: ActionIds.templateCopyIntoDraft,
      block_id: 'tpl_hit_0',
    });
    const editor = await topView('U0AGENT2', 'draft_editor');
    expect(editor.position).toBeGreaterThan(search.position);
    expect(JSON.stringify(editor.view.blocks)).toContain('いのししの相談はこちらにご相談ください。');
    expect(allText(editor.view.blocks)).toContain('Inserted template'); // Kenji reads English
    const draft = await s.db.draft.findFirstOrThrow({
      where: { ticketZendeskId: String(ticket.id) },
    });
    expect(JSON.stringify(draft)).toContain('いのししの相談はこちらにご相談ください。');
    expect(await ephemerals('U0AGENT2').then((e) => e.filter((x) => x.thread_ts === root.ts))).toHaveLength(
      0,
    );
    await closeAll('U0AGENT2');

    // the message shortcut on the customer's message in the thread
    const customer = await waitFor('customer message', async () =>
      repliesTo(await s.messages('C0BILLING'), root.ts).find((m) => m.text.includes('空き状況')),
    );
    await s.api('POST', '/_sim/slack/shortcuts', {
      user: 'U0AGENT2',
      channel: 'C0BILLING',
      message_ts: customer.ts,
      callback_id: ShortcutIds.findTemplate,
      wait_ms: 2000,
    });
    const fromShortcut = await topView('U0AGENT2', 'template_search');
    expect(fromShortcut.view.blocks[0]?.element?.initial_value).toBe('保育園 空き状況');
    expect(JSON.parse(fromShortcut.view.private_metadata)).toEqual({ c: 'C0BILLING', th: root.ts });
    await closeAll('U0AGENT2');
  });
});

describe('browsing and editing', () => {
  it('the browser walks the folder tree', async () => {
    await s.api('POST', '/_sim/slack/shortcuts', {
      user: 'U0AGENT1',
      callback_id: ShortcutIds.browseTemplates,
      wait_ms: 2000,
    });
    const top = await topView('U0AGENT1', 'template_browser');
    expect(top.view.title.text).toBe('テンプレート'); // Aiko reads Japanese
    expect(allText(top.view.blocks)).toContain('すべてのテンプレート');
    expect(allText(top.view.blocks)).toContain('子育てFAQ');
    expect(actionIds(top.view.blocks)).not.toContain(ActionIds.templateNew); // agents do not edit
    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0AGENT1',
      view_id: top.id,
      action_id: ActionIds.templateOpenFolder,
      value: JSON.stringify({ folder: '子育てFAQ', page: 0 }),
    });
    const folder = await waitFor('the 子育てFAQ folder', async () => {
      const v = await topView('U0AGENT1', 'template_browser');
      return allText(v.view.blocks).includes('健康・医療') ? v : undefined;
    });
    expect(folder.view.blocks.length).toBeLessThanOrEqual(100);
    expect(allText(folder.view.blocks)).toContain('"開く"');
    await closeAll('U0AGENT1');
  });

  it('only editors may create: others are told so; an editor sees near-duplicates first, then saves, edits and compares versions', async () => {
    await s.api('POST', '/_sim/slack/shortcuts', {
      user: 'U0AGENT2',
      callback_id: ShortcutIds.newTemplate,
      wait_ms: 2000,
    });
    const refused = await topView('U0AGENT2', 'template_notice');
    expect(refused.view.title.text).toBe('Editors only'); // Kenji reads English
    expect(allText(refused.view.blocks)).toContain('Only template editors');
    await closeAll('U0AGENT2');
    await s.api('POST', '/_sim/slack/shortcuts', {
      user: 'U0AGENT1',
      callback_id: ShortcutIds.newTemplate,
      wait_ms: 2000,
    });
    const refusedJa = await topView('U0AGENT1', 'template_notice');
    expect(refusedJa.view.title.text).toBe('編集者のみ'); // Aiko reads Japanese
    expect(allText(refusedJa.view.blocks)).toContain('テンプレート編集者だけ');
    await closeAll('U0AGENT1');

    await s.api('POST', '/_sim/slack/shortcuts', {
      user: 'U0LEAD',
      callback_id: ShortcutIds.newTemplate,
      wait_ms: 2000,
    });
    const editor = await topView('U0LEAD', 'template_editor');
    expect(editor.view.title.text).toBe('新しいテンプレート'); // the lead reads Japanese
    expect(allText(editor.view.blocks)).toContain('既存のテンプレートと似ていても保存する');
    expect(allText(editor.view.blocks)).not.toMatch(/Title|Folder|Near-duplicates/);
    const original = sampleTemplates.find((t) => t.id === 'kfaq-0212')!;
    const values = {
      [TemplateBlocks.title]: '保育園の空き状況は分かりますか?',
      [TemplateBlocks.folder]: '子育てFAQ / 保育 / 保育園の入園申込',
      [TemplateBlocks.body]: original.body
        .replace('ください', '下さい')
        .replace('検討した上で', '検討したうえで'),
      [TemplateBlocks.tags]: '保育, 空き状況',
    };
    const blocked = await s.api<{ applied: string }>('POST', `/_sim/slack/views/${editor.id}/submit`, {
      user: 'U0LEAD',
      values,
    });
    expect(blocked.body.applied).toBe('errors');
    const errors = (await topView('U0LEAD', 'template_editor')).errors;
    expect(errors?.[TemplateBlocks.body]).toMatch(
      /^「保育園の空き状況は分かりますか？」\(子育てFAQ\/保育\/保育園の入園申込, \d+%\)と表記が違うだけのようです/,
    );

    const forced = await s.api<{ applied: string }>('POST', `/_sim/slack/views/${editor.id}/submit`, {
      user: 'U0LEAD',
      values: { ...values, [TemplateBlocks.force]: ['force'] },
    });
    expect(forced.body.applied).toBe('update');
    const saved = await topView('U0LEAD', 'template_show_view');
    expect(allText(saved.view.blocks)).toContain('バージョン 1 として保存しました');
    expect(saved.view.title.text).toBe('テンプレート');
    expect(actionIds(saved.view.blocks)).toEqual(
      expect.arrayContaining([ActionIds.templateEdit, ActionIds.templateMove, ActionIds.templateDelete]),
    );
    const id = JSON.parse(saved.view.private_metadata).id as string;
    expect((await s.features.templates.catalog.get(id))?.path).toBe('子育てFAQ/保育/保育園の入園申込');

    // edit → version 2
    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0LEAD',
      view_id: saved.id,
      action_id: ActionIds.templateEdit,
    });
    const edit = await topView('U0LEAD', 'template_editor');
    const edited = await s.api<{ applied: string }>('POST', `/_sim/slack/views/${edit.id}/submit`, {
      user: 'U0LEAD',
      values: {
        ...values,
        [TemplateBlocks.body]: `${values[TemplateBlocks.body]}\n見学も受け付けています。`,
        [TemplateBlocks.force]: ['force'],
      },
    });
    expect(edited.body.applied).toBe('update');
    const v2 = await topView('U0LEAD', 'template_show_view');
    expect(allText(v2.view.blocks)).toContain('バージョン 2 として保存しました');

    // history: compare v1 → v2
    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0LEAD',
      view_id: v2.id,
      action_id: ActionIds.templateHistory,
    });
    const history = await topView('U0LEAD', 'template_history_view');
    expect(history.view.title.text).toBe('履歴');
    expect(allText(history.view.blocks)).toContain('*v2* 編集');
    expect(allText(history.view.blocks)).toContain('比較元のバージョン');
    const compared = await s.api<{ applied: string }>('POST', `/_sim/slack/views/${history.id}/submit`, {
      user: 'U0LEAD',
      values: { [TemplateBlocks.from]: '1', [TemplateBlocks.to]: '2' },
    });
    expect(compared.body.applied).toBe('update');
    expect(allText((await topView('U0LEAD', 'template_history_view')).view.blocks)).toContain(
      '+ 見学も受け付けています。',
    );
    await closeAll('U0LEAD');

    // the new template is searchable at once
    const found = (await command('U0AGENT1', '見学も受け付けて')).responses[0]?.body;
    expect(allText(found!.blocks)).toContain(id);
  });

  it("an agent's Show has no edit buttons", async () => {
    await command('U0AGENT2', 'いのしし');
    const results = (await ephemerals('U0AGENT2'))
      .filter((e) => e.text.startsWith('Templates for "いのしし"'))
      .at(-1)!;
    await s.api('POST', '/_sim/slack/actions', {
      user: 'U0AGENT2',
      channel: 'C0SUPPORT',
      message_ts: results.ts,
      action_id: ActionIds.templateShow,
      block_id: 'tpl_hit_0',
    });
    const shown = await topView('U0AGENT2', 'template_show_view');
    expect(actionIds(shown.view.blocks)).not.toContain(ActionIds.templateEdit);
    await closeAll('U0AGENT2');
  });
});
