import { beforeEach, describe, expect, it } from 'vitest';
import { stripCourtesy } from '../../../src/domain/templates/inquiry-text.ts';
import type { TemplateSearchIndex } from '../../../src/domain/templates/ports.ts';
import { createTemplateSearchIndex } from '../../../src/search/template-search-index.ts';
import { devTemplateSubset } from '../../fixtures/search/dev-template-subset.ts';

// Suggestions from a customer's own words, on 70 real templates (the floor and weights are the shipped,
// calibrated ones: see npm run eval:suggest).

let index: TemplateSearchIndex;
let snapshot: string | undefined;
beforeEach(async () => {
  if (snapshot === undefined) {
    const built = await createTemplateSearchIndex();
    built.upsertMany(devTemplateSubset);
    snapshot = built.serialize();
  }
  index = await createTemplateSearchIndex({ serialized: snapshot });
}, 30_000);

const ids = (message: string, limit?: number) =>
  index.suggest(message, limit === undefined ? {} : { limit }).map((h) => h.id);

const twins =
  'お世話になっております。双子なので同じ保育園に入れたいんですが、別々の園になっちゃうこともありますか？よろしくお願いします。';
const deadCat = '家の前の道路で猫が車にひかれて死んでいます…どこに連絡すれば片付けてもらえますか？';
const deadCatLater =
  '駐車場で猫がひかれて死んでるのを見つけました。片付けてもらうにはどこに連絡したらいいですか';

describe('template suggestions', () => {
  it('finds the template a chatty, polite message asks about, best first, with a 0..1 score', () => {
    const hits = index.suggest(twins);
    expect(hits[0]).toMatchObject({ id: 'kfaq-0226', path: '子育てFAQ/保育/保育園の入園申込' });
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('suggests nothing when no template answers the message', () => {
    expect(
      ids('今度の選挙、当日は子どもの運動会で行けないので期日前投票したいです。どこでできますか？'),
    ).toEqual([]);
    expect(ids('3月末で引っ越すので水道を止めたいです')).toEqual([]);
    expect(ids('お世話になっております。よろしくお願いいたします。')).toEqual([]);
    expect(ids('')).toEqual([]);
  });

  it('returns at most limit suggestions', () => {
    expect(ids(twins, 1)).toEqual(['kfaq-0226']);
    expect(index.suggest(twins, { limit: 0 })).toEqual([]);
    expect(index.suggest(twins, { floor: 0, limit: 3 }).length).toBeLessThanOrEqual(3);
  });

  it('a template agents sent for an inquiry rises for a similar later inquiry', () => {
    // Before: nothing fits well enough (the nearest template is about stray cats, not dead animals).
    expect(ids(deadCatLater)).not.toContain('kfaq-0896');
    expect(index.learnSent('kfaq-0896', deadCat)).toBe(true);
    expect(ids(deadCatLater)[0]).toBe('kfaq-0896');
    // An unrelated message is not pulled towards it.
    expect(ids(twins)[0]).toBe('kfaq-0226');
    expect(ids('3月末で引っ越すので水道を止めたいです')).toEqual([]);
  });

  it('what was learned survives an edit and a delete-and-restore of the template; unknown ids are refused', () => {
    index.learnSent('kfaq-0896', deadCat);
    const t = devTemplateSubset.find((x) => x.id === 'kfaq-0896')!;
    const edited = { ...t, body: `${t.body}\n（受付時間は平日のみ）` };
    index.upsert(edited);
    expect(ids(deadCatLater)[0]).toBe('kfaq-0896');
    index.remove('kfaq-0896');
    expect(ids(deadCatLater)).not.toContain('kfaq-0896');
    index.upsert(edited);
    expect(ids(deadCatLater)[0]).toBe('kfaq-0896');
    expect(index.learnSent('no-such-template', deadCat)).toBe(false);
  });
});

describe('stripCourtesy', () => {
  it('drops greetings, sign-offs and polite filler but keeps the question', () => {
    expect(
      stripCourtesy(
        'いつもお世話になっております。\n保育園の見学はできますか？\nお忙しいところ恐れ入りますが、よろしくお願いいたします。',
      ),
    ).toBe('保育園の見学はできますか？');
    expect(stripCourtesy('Hello,\nIs there help in English?\nBest regards')).toBe(
      'Is there help in English?',
    );
  });
});
