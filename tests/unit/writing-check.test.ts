import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWritingChecker, type WritingChecker } from '../../src/domain/writing-check/writing-check.ts';

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'writing-check', name), 'utf8');
const REQUESTER = '山田 花子';

let checker: WritingChecker;
// The first check loads kuromoji's dictionary (seconds on a busy machine).
beforeAll(async () => {
  checker = createWritingChecker();
  await checker.warmUp();
}, 60_000);

const ids = async (text: string, requesterName: string | null = REQUESTER) =>
  (await checker.check(text, { requesterName })).warnings.map((w) => w.ruleId);

describe('writing check: clean replies pass', () => {
  it.each(['clean-reply.txt', 'clean-reply-2.txt'])('%s has zero warnings', async (name) => {
    const result = await checker.check(fixture(name), { requesterName: REQUESTER });
    expect(result.warnings).toEqual([]);
    expect(result.blocking).toBe(false);
  });

  it('does not take お客様, 皆様, ご担当者様, 仕様 or 同様 for a wrong name', async () => {
    const text =
      '山田様\n\nお客様のアカウントでは、皆様に同じ仕様が適用されます。\n上記同様、ご担当者様にもお伝えください。\n';
    expect(await ids(text)).toEqual([]);
  });

  it('does not take an instruction in brackets, a real link or a heading for a placeholder', async () => {
    const text =
      '山田様\n\n再設定画面を開いてください（パスワードを入力してください）。\n詳細はヘルプ（https://help.example.com/articles/1）をご覧ください。\n【注文番号】12345\n';
    expect(await ids(text)).toEqual([]);
  });

  it('accepts the full name, the family name and a Latin name', async () => {
    expect(await ids('山田 花子様\n\nお問い合わせありがとうございます。\n')).toEqual([]);
    expect(await ids('山田花子様\n\nお問い合わせありがとうございます。\n')).toEqual([]);
    expect(await ids('山田様\n\nお問い合わせありがとうございます。\n', '山田花子')).toEqual([]);
    expect(await ids('Jane Smith様\n\nお問い合わせありがとうございます。\n', 'Jane Smith')).toEqual([]);
    expect(await ids('株式会社サンプル\n山田様\n\nお問い合わせありがとうございます。\n')).toEqual([]);
  });

  it('skips the addressee rule when the requester is unknown', async () => {
    expect(await ids(fixture('wrong-name.txt'), null)).toEqual([]);
  });
});

describe('writing check: mistakes are flagged', () => {
  it('flags a wrong customer name in the salutation as a warning, not a block', async () => {
    const result = await checker.check(fixture('wrong-name.txt'), { requesterName: REQUESTER });
    expect(result.blocking).toBe(false);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      ruleId: 'addressee',
      severity: 'warning',
      line: 1,
      column: 1,
      excerpt: '佐藤様',
    });
    expect(result.warnings[0]!.message.ja).toContain('佐藤様');
    expect(result.warnings[0]!.message.ja).toContain('山田 花子');
    expect(result.warnings[0]!.message.en).toContain("does not match the ticket's requester");
  });

  it('flags another customer named in the body, a missing 様, a casual さん and a missing salutation', async () => {
    const other = await checker.check('山田様\n\n先日は佐藤様のご注文を確認いたしました。\n', {
      requesterName: REQUESTER,
    });
    expect(other.warnings.map((w) => [w.ruleId, w.line])).toEqual([['addressee', 3]]);
    const bare = await checker.check('山田 花子\n\nお問い合わせありがとうございます。\n', {
      requesterName: REQUESTER,
    });
    expect(bare.warnings.map((w) => w.message.ja)).toEqual(['宛名「山田 花子」に敬称「様」がありません。']);
    expect(
      (await checker.check('山田さん\n\nご連絡ありがとうございます。\n', { requesterName: REQUESTER }))
        .warnings[0]!.message.en,
    ).toContain('様');
    expect(await ids('お問い合わせありがとうございます。\n')).toEqual(['addressee']);
  });

  it('blocks on leftover placeholders: ○○, （…URL）, {{…}}, 【お客様名】', async () => {
    const result = await checker.check(fixture('leftover-placeholder.txt'), { requesterName: REQUESTER });
    expect(result.blocking).toBe(true);
    expect(result.warnings.map((w) => [w.ruleId, w.severity, w.line, w.column])).toEqual([
      ['placeholder', 'blocking', 6, 1],
      ['placeholder', 'blocking', 7, 1],
      ['placeholder', 'blocking', 8, 5],
    ]);
    expect(result.warnings[0]!.message.ja).toContain('○○');
    const label = await checker.check(
      '【お客様名】様\n\nお問い合わせありがとうございます。××までにご返信ください。\n',
    );
    expect(label.warnings.filter((w) => w.ruleId === 'placeholder').map((w) => w.line)).toEqual([1, 3]);
  });

  it('flags ら抜き言葉 (見れる, 来れる) with a fix that puts ら back', async () => {
    const text = fixture('ra-nuki.txt');
    const result = await checker.check(text, { requesterName: REQUESTER });
    expect(result.blocking).toBe(false);
    expect(result.warnings.map((w) => [w.ruleId, w.line])).toEqual([
      ['ra-nuki', 4],
      ['ra-nuki', 5],
    ]);
    expect(result.warnings.map((w) => w.message.ja)).toEqual([
      'ら抜き言葉です：「見れる」→「見られる」',
      'ら抜き言葉です：「来れる」→「来られる」',
    ]);
    let fixed = text;
    for (const w of [...result.warnings].reverse()) {
      fixed = fixed.slice(0, w.fix!.range[0]) + w.fix!.text + fixed.slice(w.fix!.range[1]);
    }
    expect(fixed).toContain('見られるようになります');
    expect(fixed).toContain('来られる場合');
    expect(await ids(fixed)).toEqual([]);
  });

  it('flags である in a です・ます reply', async () => {
    const result = await checker.check(fixture('mixed-style.txt'), { requesterName: REQUESTER });
    expect(result.warnings.map((w) => [w.ruleId, w.line, w.excerpt])).toEqual([
      ['mixed-style', 5, 'この設定は管理者のみが変更可能である。'],
    ]);
  });

  it('flags a doubled particle, a redundant expression and a misused word', async () => {
    const result = await checker.check(
      '山田様\n\n私は彼は担当者だと思います。\n管理画面から変更することができます。\nこの規約を適応いたします。\n',
      { requesterName: REQUESTER },
    );
    expect(result.warnings.map((w) => [w.ruleId, w.line])).toEqual([
      ['doubled-particle', 3],
      ['redundant-expression', 4],
      ['misuse', 5],
    ]);
    expect(result.warnings[0]!.message.en).toContain('「は」');
    expect(result.warnings[1]!.fix).toBeDefined();
  });
});
