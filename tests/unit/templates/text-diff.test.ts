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
  it('a diff too large to compute shows the changed middle whole instead of hanging or running out of memory', () => {
    // 70,000 different lines on each side: an n·m table would need 4.9 billion cells.
    const before = Array.from({ length: 70_000 }, (_, i) => `old line ${i}`);
    const after = Array.from({ length: 70_000 }, (_, i) => `new line ${i}`);
    const ops = diffSequences(['head', ...before, 'tail'], ['head', ...after, 'tail']);
    expect(ops).toHaveLength(140_002);
    expect(ops[0]).toEqual({ op: 'same', text: 'head' });
    expect(ops.slice(1, 70_001).every((o) => o.op === 'removed')).toBe(true);
    expect(ops.slice(70_001, 140_001).every((o) => o.op === 'added')).toBe(true);
    expect(ops.at(-1)).toEqual({ op: 'same', text: 'tail' });
  });
  it('a long body with a few scattered edits still gets an exact line diff', () => {
    const before = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    const after = [...before];
    after[10] = 'changed 10';
    after[50_000] = 'changed 50000';
    after.splice(90_000, 1);
    // No wall-clock stop here: the edit cap alone decides, so a busy machine cannot change the answer.
    const changed = diffSequences(before, after, { maxEdits: 2_000, timeoutMs: 3_600_000 }).filter(
      (o) => o.op !== 'same',
    );
    expect(changed).toEqual([
      { op: 'removed', text: 'line 10' },
      { op: 'added', text: 'changed 10' },
      { op: 'removed', text: 'line 50000' },
      { op: 'added', text: 'changed 50000' },
      { op: 'removed', text: 'line 90000' },
    ]);
  });
  it('marks a very long, wholly rewritten line as replaced, keeping its common start and end', () => {
    const a = `前置き${'あ'.repeat(5_000)}。`;
    const b = `前置き${'い'.repeat(5_000)}。`;
    expect(inlineDiff(a, b)).toBe(`前置き[-${'あ'.repeat(5_000)}-]{+${'い'.repeat(5_000)}+}。`);
  });
});
