import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonl } from '../../../src/domain/templates/formats/jsonl.ts';
import {
  createTemplateCatalog,
  type TemplateCatalog,
} from '../../../src/domain/templates/template-catalog.ts';
import { createLogger } from '../../../src/logger.ts';
import { createTemplateSearchIndex } from '../../../src/search/template-search-index.ts';
import { type Db, openDatabase } from '../../../src/storage/database.ts';
import { createTemplateIndexFile } from '../../../src/storage/template-index-file.ts';
import { createTemplateStore } from '../../../src/storage/template-store.ts';
import { sampleTemplates } from '../../fixtures/search/kosodate-faq-sample.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-tpl-'));
const logs: string[] = [];
const logger = createLogger({ level: 'debug', sink: (l) => logs.push(l) });
let db: Db;
const snapshotFile = path.join(dir, 'index.snapshot');
const newCatalog = () =>
  createTemplateCatalog({
    store: createTemplateStore(db),
    createIndex: createTemplateSearchIndex,
    snapshots: createTemplateIndexFile(snapshotFile),
    logger,
  });
let catalog: TemplateCatalog;

const jsonl = (records: unknown[]) =>
  records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const kfaq0344 = sampleTemplates.find((t) => t.id === 'kfaq-0344')!;

beforeAll(async () => {
  db = await openDatabase(`file:${path.join(dir, 'catalog.db')}`);
  catalog = newCatalog();
  await catalog.ready();
}, 30_000);
afterAll(async () => {
  await db?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe('import', () => {
  it("creates by the records' own ids and reports every bad record with its line; the rest still imports", async () => {
    const [a, b, ...others] = sampleTemplates;
    const text = jsonl([
      a,
      b,
      '{"id":"broken",',
      ...others.slice(0, 2),
      { id: 'no-body', title: 'x', body: '' },
      ...others.slice(2),
      { ...a, title: 'again' },
    ]);
    const report = await catalog.importRows(parseJsonl(text), 'test');
    expect(report).toMatchObject({
      created: sampleTemplates.length,
      updated: 0,
      unchanged: 0,
      total: sampleTemplates.length + 3,
    });
    expect(report.skipped).toEqual([
      { at: 'line 3', reason: expect.stringMatching(/not valid JSON/) },
      { at: 'line 6', reason: 'body: body is empty' },
      { at: `line ${sampleTemplates.length + 3}`, reason: 'id kfaq-0001 already appeared at line 1' },
    ]);
    expect((await catalog.search('ぼしてちょう'))[0]?.id).toBe('kfaq-0001');
  });

  it('is idempotent: a re-import creates nothing; a changed record becomes a new version', async () => {
    const again = await catalog.importRows(parseJsonl(jsonl(sampleTemplates)), 'test');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: sampleTemplates.length, skipped: [] });
    const changed = {
      ...kfaq0344,
      body: kfaq0344.body.replace(
        '詳しくは入園を希望する幼稚園へお問い合わせください。',
        '詳しくは各幼稚園へ直接お問い合わせください。',
      ),
    };
    const report = await catalog.importRows(parseJsonl(jsonl([changed])), 'test');
    expect(report).toMatchObject({ created: 0, updated: 1 });
    const t = await catalog.get('kfaq-0344');
    expect(t?.version).toBe(2);
    const diff = await catalog.diff('kfaq-0344', 1, 2);
    expect(diff?.lines).toContain(
      '- 私立幼稚園の場合、原則として3歳児から最長3年保育が可能です。詳しくは入園を希望する幼稚園へお問い合わせください。',
    );
    expect(diff?.lines).toContain(
      '+ 私立幼稚園の場合、原則として3歳児から最長3年保育が可能です。詳しくは各幼稚園へ直接お問い合わせください。',
    );
    expect((await catalog.search('各幼稚園へ直接'))[0]?.id).toBe('kfaq-0344');
  });
});

describe('near-duplicate guard', () => {
  /** The stored template with 表記ゆれ applied: 〇/○, お問合せ/お問い合わせ, くわしく/詳しく, half-width ?. */
  const variantOf = (body: string) => ({
    path: '子育てFAQ/学校・教育/幼稚園',
    title: '幼稚園は何歳からですか?',
    body: body.replace(/○○/g, '〇〇').replace('お問い合わせ', 'お問合せ').replace('詳しくは', 'くわしくは'),
    tags: [],
    product: null,
  });

  it('editing a template is not blocked by the template itself', async () => {
    const t = (await catalog.get('kfaq-0344'))!;
    const r = await catalog.update(t.id, { ...t, body: `${t.body}\n（受付時間：平日9時～17時）` }, 'U0LEAD');
    expect(r.status).toBe('saved');
  });

  it('creating a copy that differs only in spelling shows the original; forcing saves it', async () => {
    const variant = variantOf((await catalog.get('kfaq-0344'))!.body);
    const blocked = await catalog.create(variant, 'U0LEAD');
    expect(blocked.status).toBe('duplicates');
    if (blocked.status !== 'duplicates') return;
    expect(blocked.duplicates[0]).toMatchObject({
      id: 'kfaq-0344',
      title: '幼稚園は何歳からですか？',
      path: '子育てFAQ/学校・教育/幼稚園',
    });
    const forced = await catalog.create(variant, 'U0LEAD', { force: true });
    expect(forced.status).toBe('saved');
    const groups = await catalog.duplicateGroups();
    expect(
      groups.some(
        (g) => g.ids.includes('kfaq-0344') && forced.status === 'saved' && g.ids.includes(forced.template.id),
      ),
    ).toBe(true);
  });

  it('a template with the same shape but another question is not a duplicate', async () => {
    const dog = sampleTemplates.find((t) => t.id === 'kfaq-0908')!;
    const r = await catalog.create(
      {
        ...dog,
        title: 'からすについてどこに相談すればいいですか？',
        body: dog.body.replace(/野良犬/g, 'からす'),
      },
      'U0LEAD',
    );
    expect(r.status).toBe('saved');
  });
});

describe('folders, moves and soft delete', () => {
  it('move, rename and delete keep search in step; history is kept', async () => {
    const moved = await catalog.move('kfaq-0307', '子育てFAQ/医療/小児科', 'U0LEAD');
    expect(moved.status === 'saved' && moved.template.path).toBe('子育てFAQ/医療/小児科');
    expect(
      (await catalog.search('小児科', { filters: { folder: '子育てFAQ/医療' } })).map((h) => h.id),
    ).toContain('kfaq-0307');

    expect(await catalog.moveFolder('子育てFAQ/医療', '病院案内', 'U0LEAD')).toBe(1);
    expect((await catalog.get('kfaq-0307'))?.path).toBe('病院案内/小児科');
    const root = await catalog.browse('');
    expect(root.subfolders.map((f) => f.name)).toEqual(expect.arrayContaining(['病院案内', '子育てFAQ']));

    expect(await catalog.deleteFolder('病院案内', 'U0LEAD')).toBe(1);
    expect((await catalog.search('小児科')).map((h) => h.id)).not.toContain('kfaq-0307');
    const history = await catalog.versions('kfaq-0307');
    expect(history.map((v) => v.change)).toEqual(['imported', 'moved', 'moved', 'deleted']);

    // a deleted template is not resurrected by a re-import
    const report = await catalog.importRows(
      parseJsonl(jsonl([sampleTemplates.find((t) => t.id === 'kfaq-0307')])),
      'test',
    );
    expect(report.skipped[0]?.reason).toMatch(/deleted in yorisoi/);

    await catalog.restore('kfaq-0307', 'U0LEAD');
    expect((await catalog.search('小児科')).map((h) => h.id)).toContain('kfaq-0307');
  });
});

describe('the persisted index', () => {
  it('a second process loads the snapshot and catches up with writes made elsewhere', async () => {
    expect(await catalog.saveSnapshot(true)).toBe(true);
    logs.length = 0;
    const other = newCatalog();
    await other.ready();
    expect(logs.some((l) => l.includes('loaded from snapshot'))).toBe(true);
    expect(logs.some((l) => l.includes('rebuilt'))).toBe(false);
    expect(other.indexSize).toBe(catalog.indexSize);

    // the CLI (another process) writes; the running bot's index catches up from updatedAt
    await other.create(
      {
        path: 'CLI',
        title: 'チャットボットの使い方',
        body: 'チャットボットは画面右下のアイコンから開けます。',
        tags: [],
        product: null,
      },
      'cli',
      { force: true },
    );
    await catalog.refresh();
    expect((await catalog.search('チャットボット'))[0]?.title).toBe('チャットボットの使い方');
  });

  it('a snapshot that does not match the database is rebuilt', async () => {
    await db.template.update({
      where: { id: 'own-001' },
      data: { deletedAt: new Date(0), updatedAt: new Date(0) },
    });
    logs.length = 0;
    const other = newCatalog();
    await other.ready();
    expect(logs.some((l) => l.includes('does not match the database'))).toBe(true);
    expect(other.indexSize).toBe(await db.template.count({ where: { deletedAt: null } }));
  });
});
