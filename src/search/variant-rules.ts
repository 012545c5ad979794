// 表記ゆれ: spellings of the same word that agents and template authors mix freely. Each rule
// rewrites every spelling to one canonical form; documents and queries go through the same
// rules, so only consistency matters, not which form is canonical. Rules run after the
// character-level pass (NFKC, katakana→hiragana, …), so they only see hiragana, never katakana.
//
// Rules are general (okurigana dropped, kanji function words spelt in kana), not lists of the
// phrases in the evaluation data. Readings (readings.ts) catch what the table misses.

export interface VariantRule {
  /** The variant family, named as in the evaluation data where it has one. */
  name: string;
  pattern: RegExp;
  replacement: string;
}

const HAN = '\\p{Script=Han}';
/** A kanji used as a function word only when it is not part of a kanji compound. */
const standalone = (kanji: string) => new RegExp(`(?<!${HAN})${kanji}(?!${HAN})`, 'gu');

/** Compound verbs/nouns written with or without okurigana: 申し込み = 申込み = 申込. */
const okuriganaCompounds: Array<[string, string, string, string]> = [
  // [first kanji, its optional okurigana, second kanji, its optional okurigana]
  ['申', 'し', '込', 'み'],
  ['振', 'り', '込', 'み'],
  ['払', 'い', '込', 'み'],
  ['取', 'り', '扱', 'い'],
  ['取', 'り', '消', 'し'],
  ['取', 'り', '下', 'げ'],
  ['引', 'っ', '越', 'し'],
  ['受', 'け', '付', 'け'],
  ['届', 'け', '出', ''],
  ['問', 'い', '合', 'わ'],
  ['貸', 'し', '出', 'し'],
  ['見', '', '積', 'もり'],
  ['申', 'し', '立', 'て'],
  ['立', 'て', '替', 'え'],
  ['切', 'り', '替', 'え'],
  ['書', 'き', '込', 'み'],
  ['売', 'り', '上', 'げ'],
  ['割', 'り', '引', 'き'],
  ['繰', 'り', '越', 'し'],
  ['手', '', '続', 'き'],
];

function compoundRule([k1, o1, k2, o2]: [string, string, string, string]): VariantRule {
  const opt = (s: string) => (s === '' ? '' : `(?:${s})?`);
  return {
    name: `${k1}${o1}${k2}${o2}/${k1}${k2}`,
    pattern: new RegExp(`${k1}${opt(o1)}${k2}${opt(o2)}`, 'g'),
    replacement: `${k1}${k2}`,
  };
}

export const VARIANT_RULES: readonly VariantRule[] = [
  ...okuriganaCompounds.map(compoundRule),
  { name: '預かり/預り', pattern: /預か(?=り)/g, replacement: '預' },
  // 問い合わせ/問合せ: the compound rule leaves 問合 + せ.
  { name: 'ください/下さい', pattern: /下さ(?=[いるれらっ])/g, replacement: 'くださ' },
  { name: 'いただく/頂く', pattern: /頂(?=[きくけいかこ])/g, replacement: 'いただ' },
  { name: '致します/いたします', pattern: /致(?=[しすさせ])/g, replacement: 'いた' },
  { name: 'できる/出来る', pattern: /出来/g, replacement: 'でき' },
  { name: 'あらためて/改めて', pattern: /改め(?=て)/g, replacement: 'あらため' },
  { name: 'あります/有ります', pattern: /有(?=[りるれっ])/g, replacement: 'あ' },
  { name: 'ない/無い', pattern: /無(?=[いくかけ])/g, replacement: 'な' },
  { name: 'わかる/分かる', pattern: /分か(?=[るりらっれろ])/g, replacement: 'わか' },
  { name: '詳しく/くわしく', pattern: /詳し(?=[いくけかさ])/g, replacement: 'くわし' },
  { name: '行います/行ないます', pattern: /(?:行な|おこな)(?=[いうえわっお])/g, replacement: '行' },
  { name: 'あわせて/併せて', pattern: /併せ/g, replacement: 'あわせ' },
  { name: 'および/及び', pattern: /及び/g, replacement: 'および' },
  { name: 'または/又は', pattern: /又は/g, replacement: 'または' },
  { name: 'ならびに/並びに', pattern: /並びに/g, replacement: 'ならびに' },
  { name: 'ただし/但し', pattern: /但し/g, replacement: 'ただし' },
  { name: 'すでに/既に', pattern: /既に/g, replacement: 'すでに' },
  { name: 'すぐに/直ぐに', pattern: /直ぐ/g, replacement: 'すぐ' },
  { name: 'なお/尚', pattern: standalone('尚'), replacement: 'なお' },
  { name: 'ため/為', pattern: standalone('為'), replacement: 'ため' },
  { name: 'こと/事', pattern: standalone('事'), replacement: 'こと' },
  { name: 'もの/物', pattern: /(?<=[のなるたいう])物(?!\p{Script=Han})/gu, replacement: 'もの' },
  { name: 'とき/時', pattern: /(?<![\p{Script=Han}0-9○])時(?!\p{Script=Han})/gu, replacement: 'とき' },
  { name: 'ところ/所', pattern: /(?<=[るたのな])所(?!\p{Script=Han})/gu, replacement: 'ところ' },
  // 等 ends kanji compounds too (申込方法等), so only the kanji after it matters.
  { name: 'など/等', pattern: /等(?!\p{Script=Han})/gu, replacement: 'など' },
  { name: 'ように/様に', pattern: /(?<!\p{Script=Han})様(?=に|な)/gu, replacement: 'よう' },
  { name: 'お子さん/お子様', pattern: /お子(?:様|さま)/g, replacement: 'お子さん' },
  { name: 'さまざま/様々', pattern: /様様/g, replacement: 'さまざま' },
  { name: '子ども/子供/こども', pattern: /子(?:ども|供)/g, replacement: 'こども' },
  { name: 'いっしょ/一緒', pattern: /一緒/g, replacement: 'いっしょ' },
  { name: 'ごと/毎', pattern: /(?<=[のる])毎(?=[にの])/g, replacement: 'ごと' },
  { name: '麻しん/麻疹', pattern: /疹/g, replacement: 'しん' },
  // ヶ月/ケ月/カ月/箇月 after a number; katakana is already hiragana (ゖ, ゕ, け, か) here.
  {
    name: 'か月/ヶ月/カ月',
    pattern: /(?<=[0-9一二三四五六七八九十百何数])[かがけゖゕ箇個]月/g,
    replacement: 'か月',
  },
  {
    name: 'か所/ヶ所/箇所',
    pattern: /(?<=[0-9一二三四五六七八九十百何数])[かがけゖゕ箇]所/g,
    replacement: 'か所',
  },
];
