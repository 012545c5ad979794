import { describe, expect, it } from 'vitest';
import type { TemplateVersion } from '../../../src/domain/templates/template.ts';
import { diffSequences, diffVersions, inlineDiff } from '../../../src/domain/templates/text-diff.ts';

const version = (n: number, over: Partial<TemplateVersion>): TemplateVersion => ({
  templateId: 't',
  version: n,
  path: 'A',
  title: 'T',
  body: '',
  tags: [],
  product: null,
  author: null,
  change: 'edited',
  createdAt: new Date(0),
  ...over,
});

describe('diffs', () => {
  it('marks removed and added lines, removed first', () => {
    expect(diffSequences(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
  });
  it('shows a one-kana spelling change inside the line', () => {
    expect(inlineDiff('ご確認いただけましたら', 'ご確認いただきましたら')).toBe(
      'ご確認いただ[-け-]{+き+}ましたら',
    );
  });
  it('a version diff lists changed fields, then the body with context and … for skipped lines', () => {
    const body = ['一', '二', '三', '四', '五', '六', '七', '八'];
    const changed = [...body];
    changed[6] = '七（改めて）';
    const lines = diffVersions(
      version(1, { body: body.join('\n'), tags: ['a'] }),
      version(2, { title: 'T2', path: 'A/B', body: changed.join('\n'), tags: ['a', 'b'] }),
    );
    expect(lines).toEqual([
      'title: T → T2',
      'folder: A → A/B',
      'tags: a → a, b',
      'body:',
      '  …',
      '  五',
      '  六',
      '- 七',
      '+ 七（改めて）',
      '  ~ 七{+（改めて）+}',
      '  八',
    ]);
  });
  it('identical versions have no diff', () => {
    expect(diffVersions(version(1, { body: 'x' }), version(2, { body: 'x' }))).toEqual([]);
  });
});
