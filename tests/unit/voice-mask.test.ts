import { describe, expect, it } from 'vitest';
import { MaskTokens, maskPersonalData, namesToMask } from '../../src/domain/voice/mask.ts';

/** Each sample is written into a sentence; the personal part must disappear and the token appear. */
const samples: Record<keyof typeof MaskTokens, string[]> = {
  email: [
    'hanako.yamada@example.co.jp',
    'taro+support@example.com',
    'ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｃｏｍ',
    'j.smith_99@mail.example.org',
    'USER-01@EXAMPLE.NET',
  ],
  phone: [
    '090-1234-5678',
    '03-1234-5678',
    '0120-123-456',
    '09012345678',
    '０９０－１２３４－５６７８',
    '(03) 1234-5678',
    '+81 90-1234-5678',
    '+81 3 1234 5678',
    '+1 (415) 555-0132',
    '(415) 555-0132',
    '415-555-0132',
    '415.555.0132',
    '+44 20 7946 0958',
  ],
  card: [
    '4242 4242 4242 4242',
    '4111-1111-1111-1111',
    '5555555555554444',
    '３７８２ ８２２４６３ １０００５',
    '6011 0009 9013 9424',
  ],
  address: [
    '〒100-0001 東京都千代田区千代田1-1',
    '東京都渋谷区神南1丁目2番3号',
    '大阪府大阪市北区梅田3-1-1 グランフロント201号室',
    '神奈川県横浜市中区山下町１０番地',
    '北海道札幌市中央区北1条西2丁目',
    '札幌市中央区北一条西二丁目',
    '郵便番号：150-0041',
    '123 Main Street, Springfield, IL 62704',
    '742 Evergreen Terrace',
    '1600 Pennsylvania Avenue NW',
    '221B Baker Street, London NW1 6XE',
    '10 Downing St, London SW1A 2AA',
    'PO Box 4521',
  ],
  name: ['山田 花子', '山田', 'Hanako Yamada', 'Yamada'],
};

const ordinary = [
  '昨日からアプリで写真をアップロードすると「エラーが発生しました」と表示されます。',
  '2024年1月15日の10時頃から、iOS 17.4 で同期できません。',
  'バージョン 3.2.1 に更新したら、アルバムが 12 枚しか表示されません。',
  'エラーコード 500、注文 #4471 の件です。',
  '東京都に住んでいますが、地図の表示がずれます。',
  'I was charged $19.99 twice on 2024-03-01 for the Family plan.',
  'The upload fails at 45% on Android 15; I tried 3 times.',
  'My order ID is 1234567890 and the app version is 10.2.0 (build 4521).',
  'https://example.com/help/articles/360012345 did not help.',
  '請求書は 2 月分と 3 月分の 2 通です。料金は 1,980 円でした。',
];

describe('maskPersonalData', () => {
  for (const [kind, list] of Object.entries(samples) as Array<[keyof typeof MaskTokens, string[]]>) {
    for (const sample of list) {
      it(`masks ${kind}: ${sample}`, () => {
        const names =
          kind === 'name' ? namesToMask([], '山田 花子').concat(namesToMask(['Hanako Yamada'])) : [];
        for (const sentence of [`連絡先は ${sample} です。`, `Please contact ${sample} today.`, sample]) {
          const masked = maskPersonalData(sentence, { names });
          expect(masked).toContain(MaskTokens[kind]);
          expect(masked).not.toContain(sample);
          // Nothing of the personal part survives: no digits left where it was, and no @.
          expect(masked.replace(/\[(email|phone|card|address|name)\]/g, '')).not.toMatch(/[@＠0-9０-９]/);
        }
      });
    }
  }

  for (const text of ordinary) {
    it(`leaves ordinary text untouched: ${text}`, () => {
      expect(maskPersonalData(text, { names: namesToMask(['Sato'], '山田 花子') })).toBe(text);
    });
  }

  it('keeps the rest of the message byte for byte', () => {
    const text =
      '山田です。電話は090-1234-5678、メールは hanako@example.com です。\n\n  よろしくお願いします！';
    expect(maskPersonalData(text, { names: namesToMask([], '山田 花子') })).toBe(
      '[name]です。電話は[phone]、メールは [email] です。\n\n  よろしくお願いします！',
    );
  });
});
