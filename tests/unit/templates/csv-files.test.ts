import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTemplateSource, writeTemplateExport } from '../../../src/cli/template-files.ts';
import { parseCsv, toCsv } from '../../../src/domain/templates/formats/csv.ts';
import type { Template } from '../../../src/domain/templates/template.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'yorisoi-csv-'));
const fileWith = (name: string, bytes: Buffer | string) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};
const template = (over: Partial<Template>): Template => ({
  id: 't-1',
  path: 'A',
  title: 'T',
  body: 'b',
  tags: [],
  product: null,
  author: null,
  version: 1,
  deletedAt: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

describe('CSV files', () => {
  it('reads a Japanese Excel (CP932) file, NEC/IBM extension characters included', () => {
    // "id,title,body,tags\r\njp-1,パスワード再設定,"①髙橋様、㈱山田商事より\r\nご連絡～ありがとうございます。",アカウント\r\n"
    // as Excel's "CSV (comma delimited)" writes it on a Japanese Windows (bytes made by Python's cp932 codec).
    const bytes = Buffer.from(
      '69642c7469746c652c626f64792c746167730d0a6a702d312c83708358838f815b83688dc490dd92e82c228740eee08bb4976c' +
        '8141878a8e5293638fa48e9682e682e80d0a82b29841978d816082a082e882aa82c682a482b282b482a282dc82b78142222c8341' +
        '834a8345839383670d0a',
      'hex',
    );
    const rows = [...readTemplateSource(fileWith('excel-cp932.csv', bytes), 'csv')];
    expect(rows).toEqual([
      {
        at: 'line 2',
        value: {
          id: 'jp-1',
          title: 'パスワード再設定',
          body: '①髙橋様、㈱山田商事より\r\nご連絡\uFF5Eありがとうございます。',
          tags: 'アカウント',
        },
      },
    ]);
  });

  it('refuses bytes that are neither UTF-8 nor CP932 instead of importing mojibake', () => {
    const rows = [
      ...readTemplateSource(
        fileWith('garbage.csv', Buffer.from([0x69, 0x64, 0x2c, 0x82, 0xff, 0xff])),
        'csv',
      ),
    ];
    expect(rows).toEqual([{ at: 'line 1', error: expect.stringMatching(/neither UTF-8 nor Shift_JIS/) }]);
  });

  it('reads a UTF-8 file with a BOM', () => {
    const rows = [...readTemplateSource(fileWith('bom.csv', '\uFEFFid,title,body\n1,件名,本文\n'), 'csv')];
    expect(rows).toEqual([{ at: 'line 2', value: { id: '1', title: '件名', body: '本文' } }]);
  });

  it('reads a bare-CR file (old Mac Excel) and counts its lines', () => {
    const file = fileWith('mac.csv', 'id,title,body\r1,一つ目,"二行の\r本文"\r2,二つ目,短い\r3,three\r');
    expect([...readTemplateSource(file, 'csv')]).toEqual([
      { at: 'line 2', value: { id: '1', title: '一つ目', body: '二行の\r本文' } },
      { at: 'line 4', value: { id: '2', title: '二つ目', body: '短い' } },
      { at: 'line 5', error: 'expected 3 fields, found 2' },
    ]);
  });

  it('reads line endings mixed in one file', () => {
    const rows = [...parseCsv('id,title,body\r\n1,a,b\n2,c,d\r3,e,f')];
    expect(rows.map((r) => (r.value as { id?: string } | undefined)?.id)).toEqual(['1', '2', '3']);
  });

  it('ignores spaces around a field, so 1,T, "x,y" reads x,y', () => {
    expect([...parseCsv('id,title,body\n1,T, "x,y"\n2 , U ,  plain  \n')]).toEqual([
      { at: 'line 2', value: { id: '1', title: 'T', body: 'x,y' } },
      { at: 'line 3', value: { id: '2', title: 'U', body: 'plain' } },
    ]);
  });

  it('neutralises formula cells on export and reads its own export back unchanged', () => {
    const risky = [
      template({ id: 'f-1', title: '=HYPERLINK("http://evil.example","click")', body: '+1 555 0100' }),
      template({ id: 'f-2', title: '-2+3', body: '@SUM(A1:A9)', tags: ['=x'] }),
      template({ id: 'f-3', title: '\tcmd', body: "'=already quoted", product: '\rP' }),
      template({ id: 'f-4', title: "it's fine", body: '  indented\nbody  ' }),
    ];
    const file = path.join(dir, 'export.csv');
    writeTemplateExport(risky, file, 'csv');
    const exported = readFileSync(file, 'utf8');
    const cells = [...parseCsv(exported)].map((r) => r.value ?? {});
    // Every cell as a spreadsheet sees it: none starts with a formula character.
    const rawCells = exported
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .flatMap((line) => line.split(',').map((c) => c.replace(/^"/, '')));
    for (const cell of rawCells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(exported).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(exported).toContain("'+1 555 0100");
    expect(exported).toContain("'@SUM(A1:A9)");
    expect(exported).toContain("'-2+3");
    // Import gives back exactly what was exported.
    expect(cells).toEqual(
      risky.map((t) => ({
        id: t.id,
        path: t.path,
        title: t.title,
        body: t.body,
        tags: t.tags.join(', '),
        product: t.product ?? '',
      })),
    );
  });

  it('exports with the csv header and CRLF line ends', () => {
    expect(toCsv([template({})])).toBe('id,path,title,body,tags,product\r\nt-1,A,T,b,,\r\n');
  });
});
