import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '../../../src/domain/templates/formats/csv.ts';
import { parseJsonl, toJsonl } from '../../../src/domain/templates/formats/jsonl.ts';
import { parseMarkdownTemplate, toMarkdownFiles } from '../../../src/domain/templates/formats/markdown.ts';
import { macroToRow } from '../../../src/domain/templates/formats/zendesk-macros.ts';
import type { Template } from '../../../src/domain/templates/template.ts';
import { templateRecordSchema } from '../../../src/domain/templates/template.ts';

const template = (over: Partial<Template> = {}): Template => ({
  id: 't-1',
  path: '製品A/アカウント',
  title: 'パスワードの再設定',
  body: 'お問い合わせいただきありがとうございます。\n「パスワードを忘れた」から、"再設定" できます, はい。',
  tags: ['account', 'password'],
  product: 'A',
  author: null,
  version: 1,
  deletedAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

describe('JSONL', () => {
  it('yields one row a line with its line number; bad lines carry the reason', () => {
    const rows = [
      ...parseJsonl(
        '{"id":"a","title":"T","body":"B"}\n\nnot json\n[1,2]\n{"id":"b","title":"T2","body":"B2","tags":["x"]}\n',
      ),
    ];
    expect(rows.map((r) => r.at)).toEqual(['line 1', 'line 3', 'line 4', 'line 5']);
    expect(rows[1]?.error).toMatch(/not valid JSON/);
    expect(rows[2]?.error).toBe('not a JSON object');
    expect(rows[3]?.value).toMatchObject({ id: 'b', tags: ['x'] });
  });
  it('round-trips an export', () => {
    const [row] = [...parseJsonl(toJsonl([template()]))];
    expect(templateRecordSchema.parse(row?.value)).toEqual({
      id: 't-1',
      path: '製品A/アカウント',
      title: 'パスワードの再設定',
      body: template().body,
      tags: ['account', 'password'],
      product: 'A',
    });
  });
});

describe('CSV', () => {
  it('reads quoted commas, quotes and line breaks, reporting each record by the line it starts on', () => {
    const csv =
      'id,path,title,body,tags\r\nc-1,A/B,一つ目,"本文, 一行目\n二行目 ""引用""",x;y\r\nc-2,A,二つ目,短い,\nc-3,A,三つ目\nc-4,A,四つ目,"閉じない\n';
    const rows = [...parseCsv(csv)];
    expect(rows[0]).toEqual({
      at: 'line 2',
      value: { id: 'c-1', path: 'A/B', title: '一つ目', body: '本文, 一行目\n二行目 "引用"', tags: 'x;y' },
    });
    expect(rows[1]).toMatchObject({ at: 'line 4', value: { id: 'c-2' } });
    expect(rows[2]).toEqual({ at: 'line 5', error: 'expected 5 fields, found 3' });
    expect(rows[3]).toEqual({ at: 'line 6', error: 'a quoted field is never closed' });
  });
  it('reports text after a closing quote and carries on with the next record', () => {
    const rows = [...parseCsv('id,title,body\n1,"a"b,c\n2,ok,fine\n')];
    expect(rows[0]).toMatchObject({ at: 'line 2', error: expect.stringMatching(/after a closing quote/) });
    expect(rows[1]).toMatchObject({ at: 'line 3', value: { id: '2' } });
  });
  it('needs a header with id, title and body', () => {
    expect([...parseCsv('foo,bar\n1,2\n')]).toEqual([
      { at: 'line 1', error: 'the header row lacks the column(s) id, title, body' },
    ]);
  });
  it('round-trips an export (tags, product, quotes and commas in the body)', () => {
    const [row] = [...parseCsv(toCsv([template()]))];
    expect(templateRecordSchema.parse(row?.value)).toMatchObject({
      id: 't-1',
      body: template().body,
      tags: ['account', 'password'],
      product: 'A',
    });
  });
});

describe('Markdown', () => {
  it('takes id, title, path and tags from front matter', () => {
    const row = parseMarkdownTemplate(
      'x/y.md',
      '---\nid: md-1\ntitle: 見出し\npath: 製品B/請求\ntags: [a, b]\n---\n本文です。\n',
    );
    expect(row.value).toEqual({
      id: 'md-1',
      path: '製品B/請求',
      title: '見出し',
      body: '本文です。\n',
      tags: ['a', 'b'],
      product: null,
    });
  });
  it('falls back to a # heading for the title, the file path for the id and the folder for the path', () => {
    const row = parseMarkdownTemplate(
      '製品A/アカウント/reset.md',
      '# パスワード再設定\n\n手順は次の通りです。',
    );
    expect(row.value).toMatchObject({
      id: '製品A/アカウント/reset',
      path: '製品A/アカウント',
      title: 'パスワード再設定',
      body: '手順は次の通りです。',
    });
  });
  it('reports broken front matter', () => {
    expect(parseMarkdownTemplate('a.md', '---\ntitle: [unclosed\n---\nbody').error).toMatch(
      /front matter is not valid YAML/,
    );
    expect(parseMarkdownTemplate('b.md', '---\ntitle: x\nbody').error).toMatch(/never ends/);
  });
  it('round-trips an export, keeping unusual ids and folder names', () => {
    const files = toMarkdownFiles([template({ id: 'a/b:c', path: '../上/下' })]);
    expect(files[0]?.file).toBe('_../上/下/a_b_c.md');
    const row = parseMarkdownTemplate(files[0]!.file, files[0]!.content);
    expect(templateRecordSchema.parse(row.value)).toMatchObject({
      id: 'a/b:c',
      path: '../上/下',
      body: template().body,
    });
  });
});

describe('Zendesk macros', () => {
  it('title :: parts become the folder, comment_value the body', () => {
    const row = macroToRow({
      id: 42,
      title: '製品A::アカウント::復旧方法',
      actions: [
        { field: 'status', value: 'solved' },
        { field: 'comment_value', value: '復旧の手順です。' },
      ],
    });
    expect(row).toEqual({
      at: 'macro 42',
      value: {
        id: 'zendesk-macro-42',
        path: '製品A/アカウント',
        title: '復旧方法',
        body: '復旧の手順です。',
        tags: ['zendesk-macro'],
        product: null,
      },
    });
  });
  it('reads legacy [channel, text] values and HTML comments', () => {
    expect(
      macroToRow({ id: 1, title: 'T', actions: [{ field: 'comment_value', value: ['channel:all', '本文'] }] })
        .value,
    ).toMatchObject({ body: '本文', path: '' });
    expect(
      macroToRow({
        id: 2,
        title: 'T',
        actions: [{ field: 'comment_value_html', value: '<p>一行目</p><p>A &amp; B</p>' }],
      }).value,
    ).toMatchObject({ body: '一行目\nA & B' });
  });
  it('keeps link URLs and decodes named and numeric entities in an HTML comment', () => {
    const html =
      '<p>お問い合わせありがとうございます&#12290;</p>' +
      '<p>手順は<a href="https://help.example.com/hc/ja/articles/123?lang=ja&amp;v=2">ヘルプセンター</a>をご覧ください&hellip;</p>' +
      '<ul><li>A &amp; B</li><li>&copy; 2024&nbsp;&#x3042;&#12356; &lt;tag&gt; &quot;q&quot; &#39;s&#39;</li></ul>' +
      '<p><a href="https://status.example.com">https://status.example.com</a></p>';
    expect(
      macroToRow({ id: 5, title: 'T', actions: [{ field: 'comment_value_html', value: html }] }).value,
    ).toMatchObject({
      body:
        'お問い合わせありがとうございます。\n' +
        '手順はヘルプセンター [https://help.example.com/hc/ja/articles/123?lang=ja&v=2]をご覧ください…\n' +
        '- A & B\n' +
        '- © 2024 あい <tag> "q" \'s\'\n\n' +
        'https://status.example.com',
    });
  });
  it('a macro that writes no comment is a bad record', () => {
    expect(
      macroToRow({ id: 3, title: 'Close', actions: [{ field: 'status', value: 'closed' }] }).error,
    ).toMatch(/no comment text/);
  });
});

describe('record validation', () => {
  it('normalises paths and tags and names what is wrong', () => {
    expect(
      templateRecordSchema.parse({
        id: 7,
        path: ' A / /B/ ',
        title: ' T ',
        body: 'x\r\ny  ',
        tags: 'a, b、a',
      }),
    ).toEqual({ id: '7', path: 'A/B', title: 'T', body: 'x\ny', tags: ['a', 'b'], product: null });
    const bad = templateRecordSchema.safeParse({ id: '', title: '', body: ' ' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path[0]).sort()).toEqual(['body', 'id', 'title']);
  });
});
