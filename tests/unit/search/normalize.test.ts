import { describe, expect, it } from 'vitest';
import {
  kanjiNumeralsToDigitsText,
  normalizeJapanese,
  normalizeMapped,
} from '../../../src/search/normalize.ts';

/** Both spellings must normalise to the same string. */
const same = (a: string, b: string) => expect(normalizeJapanese(a)).toBe(normalizeJapanese(b));

describe('normalizeJapanese: character rules', () => {
  it('全角半角(英数字): NFKC and lower case', () => {
    same('ＳＬＡＣＫ １２３', 'slack 123');
    expect(normalizeJapanese('ＵＲＬ')).toBe('url');
  });
  it('半角カナ, カタカナ→ひらがな', () => {
    same('ﾊﾟﾊﾟﾏﾏ', 'パパママ');
    same('ｱﾚﾙｷﾞｰ', 'あれるぎー');
  });
  it('長音記号の字形 and 長音省略', () => {
    same('ページ', 'ペ－ジ');
    same('ページ', 'ペ―ジ');
    same('アートスクール', 'ア‐トスクール');
    same('センター', 'センタ');
  });
  it('keeps a hyphen that is not a long vowel', () => {
    expect(normalizeJapanese('03-1234')).toBe('03-1234');
  });
  it('波ダッシュ, 丸記号, punctuation', () => {
    same('7月下旬～8月上旬', '7月下旬〜8月上旬');
    same('○○市', '〇◯市');
    same('ご相談ください。', 'ご相談ください．');
    same('場合は、新しい', '場合は，新しい');
  });
  it('small kana (ウィルス/ウイルス) and iteration marks', () => {
    same('ウィルス', 'ウイルス');
    same('様々', '様様');
    same('いすゞ', 'いすず');
  });
  it('collapses whitespace, including full-width spaces and newlines', () => {
    expect(normalizeJapanese('給食　 アレルギー\n対応')).toBe('給食 あれるぎ 対応');
  });
});

describe('normalizeJapanese: 表記ゆれ table', () => {
  const families: Array<[string, string[]]> = [
    ['いただく/頂く', ['ご確認いただけます', 'ご確認頂けます']],
    ['あらためて/改めて', ['あらためて申請', '改めて申請']],
    ['ください/下さい', ['ご覧ください', 'ご覧下さい']],
    ['いたします/致します', ['ご案内いたします', 'ご案内致します']],
    ['できる/出来る', ['申請できます', '申請出来ます']],
    ['問い合わせ/問合せ', ['お問い合わせ', 'お問合せ', 'お問合わせ', 'お問い合せ']],
    ['申し込み/申込', ['申し込みの', '申込みの', '申込の']],
    ['申し込む(活用)', ['申し込む', '申込む']],
    ['受付/受け付け', ['受付日', '受け付け日', '受付け日']],
    ['届け出/届出', ['届け出して', '届出して']],
    ['子ども/子供/こども', ['子どもの', '子供の', 'こどもの']],
    ['など/等', ['母子手帳などを', '母子手帳等を']],
    ['こと/事', ['接種されることを', '接種される事を']],
    ['とき/時', ['変わったときは', '変わった時は']],
    ['か月/ヶ月/カ月', ['1か月', '1ヶ月', '1カ月', '1ケ月', '1ヵ月']],
    ['手続き/手続', ['申請手続き', '申請手続']],
    ['あります/有ります', ['必要があります', '必要が有ります']],
    ['ない/無い', ['提出がない場合', '提出が無い場合']],
    ['ため/為', ['経験のために', '経験の為に']],
    ['お子さん/お子様', ['お子さんの', 'お子様の', 'お子さまの']],
    ['詳しく/くわしく', ['詳しくは', 'くわしくは']],
    ['および/及び', ['休日および', '休日及び']],
    ['または/又は', ['電話または', '電話又は']],
    ['わかる/分かる', ['わかるよう', '分かるよう']],
    ['取り扱い/取扱', ['取り扱いを', '取扱を']],
    ['引っ越し/引越し', ['引っ越し先', '引越し先', '引越先']],
    ['預かり/預り', ['お預かり', 'お預り']],
    ['行います/行ないます', ['行います', '行ないます']],
    ['麻しん/麻疹', ['麻しん', '麻疹']],
    ['ごみ/ゴミ', ['粗大ごみ', '粗大ゴミ']],
  ];
  for (const [name, spellings] of families) {
    it(name, () => {
      const [first, ...rest] = spellings;
      for (const other of rest) same(first ?? '', other);
    });
  }
  it('does not rewrite kanji compounds that only contain the kanji (等級, 事業, 時間)', () => {
    expect(normalizeJapanese('等級')).toBe('等級');
    expect(normalizeJapanese('事業')).toBe('事業');
    expect(normalizeJapanese('時間')).toBe('時間');
  });
});

describe('kanji numerals', () => {
  it('漢数字 before a counter become digits', () => {
    expect(kanjiNumeralsToDigitsText('一歳6か月')).toBe('1歳6か月');
    expect(kanjiNumeralsToDigitsText('四回目')).toBe('4回目');
    expect(kanjiNumeralsToDigitsText('十二か月')).toBe('12か月');
    expect(kanjiNumeralsToDigitsText('二十四時間')).toBe('24時間');
  });
  it('leaves words that merely contain a numeral', () => {
    expect(kanjiNumeralsToDigitsText('一緒')).toBe('一緒');
  });
});

describe('normalizeMapped', () => {
  it('maps every output character back to the original text', () => {
    const raw = 'ｾﾝﾀｰへお問い合わせ下さい';
    const { text, sourceIndex } = normalizeMapped(raw);
    expect(text).toBe('せんたへお問合せください');
    expect(raw[sourceIndex[text.indexOf('へ')] ?? -1]).toBe('へ');
    expect(raw[sourceIndex[text.indexOf('問')] ?? -1]).toBe('問');
  });
});
