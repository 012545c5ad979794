import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateSearchIndex } from '../../../src/domain/templates/ports.ts';
import { createTemplateSearchIndex } from '../../../src/search/template-search-index.ts';
import { sampleTemplates } from '../../fixtures/search/kosodate-faq-sample.ts';

let index: TemplateSearchIndex;

beforeAll(async () => {
  index = await createTemplateSearchIndex();
  index.upsertMany(sampleTemplates);
}, 30_000);

const topId = (query: string, filters?: Parameters<TemplateSearchIndex['search']>[1]) =>
  index.search(query, filters)[0]?.id;

describe('search', () => {
  it('finds templates whatever the spelling variant', () => {
    expect(topId('母子手帳 手続')).toBe('kfaq-0001');
    expect(topId('ぼしてちょう')).toBe('kfaq-0001'); // kanji word typed in hiragana
    expect(topId('ﾍﾟｰｼﾞ 空き状況')).toBe('kfaq-0212');
    expect(topId('ようちえん　何歳')).toBe('kfaq-0344');
    expect(topId('最長3年保育が可能です。くわしくは入園を')).toBe('kfaq-0344');
  });
  it('matches English words case-insensitively, next to Japanese', () => {
    expect(topId('SLACK パスワード')).toBe('own-001');
    expect(topId('reset')).toBe('own-001');
  });
  it('returns nothing for an empty query', () => {
    expect(index.search('   ')).toEqual([]);
  });
  it('respects the limit', () => {
    expect(index.search('相談', { limit: 1 })).toHaveLength(1);
  });
});

describe('no match', () => {
  it('answers no match to a nonsense query instead of the least bad templates', () => {
    expect(index.search('xyzzy 宇宙船')).toEqual([]);
    expect(index.search('ドラゴン 召喚 呪文')).toEqual([]);
  });
  it('still answers a real query, and any score with the floor turned off', () => {
    expect(topId('母子手帳 手続')).toBe('kfaq-0001');
    expect(index.search('xyzzy 宇宙船', { floor: 0 }).length).toBeGreaterThan(0);
  });
});

describe('key phrases of a customer message', () => {
  it('keeps the content words, not the greeting, particles or the whole message', () => {
    const message =
      'いつもお世話になっております。母子手帳をなくしてしまったのですが、再発行の手続きはどうすればよいでしょうか。よろしくお願いいたします。';
    const phrases = index.keyPhrases(message);
    expect(phrases).toContain('母子手帳');
    expect(phrases).not.toContain('お世話');
    expect(phrases).not.toContain('です');
    expect(phrases.split(' ').length).toBeLessThanOrEqual(5);
    expect(topId(phrases)).toBe('kfaq-0001');
  });
});

describe('filters', () => {
  it('folder filters by path prefix', () => {
    const ids = index
      .search('教えてください', { limit: 20, filters: { folder: '子育てFAQ/健康・医療' } })
      .map((h) => h.id);
    expect(ids.sort()).toEqual(['kfaq-0307', 'kfaq-1039']);
  });
  it('product and tag filters', () => {
    expect(index.search('パスワード', { filters: { product: 'billing' } }).map((h) => h.id)).toEqual([
      'own-002',
    ]);
    expect(index.search('パスワード', { filters: { tag: 'account' } }).map((h) => h.id)).toEqual(['own-001']);
    expect(index.search('パスワード', { filters: { tag: 'no-such-tag' } })).toEqual([]);
  });
});

describe('snippets', () => {
  it('highlights the matched words as they are written in the body', () => {
    const hit = index.search('お問合せ 幼稚園')[0];
    expect(hit?.id).toBe('kfaq-0344');
    expect(hit?.snippet).toContain('*お問い合わせ*');
    expect(hit?.snippet).toContain('*幼稚園*');
  });
  it('highlights only content words, never particles or polite endings', () => {
    const hits = index.search('母子手帳の手続きを教えてください', { limit: 5 });
    expect(hits[0]?.id).toBe('kfaq-0001'); // a sentence as the query: its content words, not one long word
    expect(hits[0]?.snippet).toContain('*母子手帳*');
    for (const hit of hits) {
      for (const [, marked] of hit.snippet.matchAll(/\*([^*]+)\*/g)) {
        expect(marked).not.toMatch(/^(です|ます|ください|さい|くだ|を|の|は|が)$/);
        expect(marked).not.toMatch(/さい$|ます$|です$/);
      }
    }
    const hit = index
      .search('最終定理 証明 保育園', { floor: 0 })
      .find((h) => h.snippet.includes('ください'));
    if (hit) expect(hit.snippet).not.toContain('くだ*さい*');
  });
  it('highlights a kanji word found through its reading', () => {
    const hit = index.search('いのしし')[0];
    expect(hit?.snippet).toContain('*いのしし*');
    const kanji = index.search('まどぐち')[0];
    expect(kanji?.id).toBe('kfaq-0001');
    expect(kanji?.snippet).toContain('*窓口*');
  });
  it('keeps at most 200 characters of body', () => {
    const long = {
      ...sampleTemplates[0]!,
      id: 'long',
      body: `${'あ'.repeat(300)}母子手帳${'い'.repeat(300)}`,
    };
    const hit = index.search('母子手帳', { limit: 10 }).find((h) => h.id === 'kfaq-0001');
    expect(hit).toBeDefined();
    index.upsert(long);
    const longHit = index.search('母子手帳', { limit: 10 }).find((h) => h.id === 'long');
    index.remove('long');
    const bodyChars = (longHit?.snippet ?? '').replace(/[*…\u200b]/g, '');
    expect(bodyChars.length).toBeLessThanOrEqual(200);
    expect(longHit?.snippet).toContain('*母子手帳*');
  });
});

describe('upsert and remove', () => {
  it('replaces a template with the same id and forgets removed ones', async () => {
    const local = await createTemplateSearchIndex();
    local.upsertMany(sampleTemplates);
    const size = local.size;
    local.upsert({ ...sampleTemplates[0]!, title: '乳幼児健診の日程', body: '健診の日程はこちら' });
    expect(local.size).toBe(size);
    expect(local.search('母子手帳').map((h) => h.id)).not.toContain('kfaq-0001');
    expect(local.search('乳幼児健診')[0]?.id).toBe('kfaq-0001');
    local.remove('kfaq-0001');
    expect(local.size).toBe(size - 1);
    expect(local.search('乳幼児健診').map((h) => h.id)).not.toContain('kfaq-0001');
  });
});

describe('serialize and restore', () => {
  it('a restored index still finds Japanese, readings included', async () => {
    const restored = await createTemplateSearchIndex({ serialized: index.serialize() });
    expect(restored.size).toBe(index.size);
    expect(restored.search('野良犬')[0]?.id).toBe('kfaq-0908');
    expect(restored.search('ほいくえん 空き状況')[0]?.id).toBe('kfaq-0212');
    expect(restored.search('ぼしてちょう')[0]?.id).toBe('kfaq-0001');
  });
  it('rejects a snapshot of another version', async () => {
    await expect(
      createTemplateSearchIndex({ serialized: JSON.stringify({ version: 999, templates: [] }) }),
    ).rejects.toThrow(/version/);
  });
});

describe('near-duplicate guard', () => {
  it('flags a copy that differs only in spelling variants (dev-dup-002)', () => {
    const variant = {
      title: '野良犬についてどこに相談すればいいですか？',
      body: '野良犬の相談はこちらにご相談下さい．\n（自治体・保健所等のHP内関連ページのURL）',
    };
    const dups = index.findNearDuplicates(variant);
    expect(dups[0]?.id).toBe('kfaq-0908');
    expect(dups[0]?.similarity).toBeGreaterThan(0.9);
    // The same wording about wild boars answers a different question.
    expect(dups.map((d) => d.id)).not.toContain('kfaq-0909');
  });
  it('does not flag a template that shares the wording but answers another question (dev-neg-099)', async () => {
    const local = await createTemplateSearchIndex();
    local.upsertMany(sampleTemplates.filter((t) => t.id !== 'kfaq-1039'));
    const other = sampleTemplates.find((t) => t.id === 'kfaq-1039')!;
    expect(local.findNearDuplicates(other).map((d) => d.id)).not.toContain('kfaq-0307');
  });
  it('excludes the template itself', () => {
    const self = sampleTemplates.find((t) => t.id === 'kfaq-0908')!;
    expect(index.findNearDuplicates(self).map((d) => d.id)).not.toContain('kfaq-0908');
  });
  it('groups near-duplicates among indexed templates', async () => {
    const local = await createTemplateSearchIndex();
    const original = sampleTemplates.find((t) => t.id === 'kfaq-0908')!;
    local.upsertMany([
      ...sampleTemplates,
      { ...original, id: 'copy-0908', body: original.body.replace('ください', '下さい') },
    ]);
    expect(local.duplicateGroups()).toEqual([{ ids: ['copy-0908', 'kfaq-0908'] }]);
  });
});
