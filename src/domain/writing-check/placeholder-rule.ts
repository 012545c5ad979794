// Template fill-ins left in a reply: the one mistake the writing check blocks on, because a customer who
// receives 「○○日までにご連絡ください」 or 「{{ticket.requester.name}}様」 has been sent a form, not an answer.
import type { TextlintRuleModule } from '@textlint/types';
import { encodeMessage } from './warning.ts';

export interface PlaceholderMatch {
  index: number;
  length: number;
  text: string;
}

// Two or more marks used as blanks: ○○ 〇〇 ●● ◯◯ ×× ＊＊ □□, or XX / ＸＸ standing alone.
const MARKS = /[○〇●◯×✕□■＊]{2,}|(?<![A-Za-z0-9])(?:XX+|ＸＸ+|xxx+)(?![A-Za-z0-9])/gu;
// Template variables: Zendesk {{ticket.requester.name}}, ${name}.
const VARIABLES = /\{\{[^{}\n]*\}\}|\$\{[^{}\n]*\}/gu;
// A bracket whose content tells the writer what to put there: （ヘルプ記事のURL）, 【ここに日付を記入】, [TODO].
const BRACKETS =
  /（[^（）\n]{1,40}）|\([^()\n]{1,40}\)|【[^【】\n]{1,40}】|［[^［］\n]{1,40}］|\[[^[\]\n]{1,40}\]|＜[^＜＞\n]{1,40}＞|<[^<>\n]{1,40}>|〔[^〔〕\n]{1,40}〕/gu;
// Only words a writer leaves for themselves: 「（パスワードを入力してください）」 is an instruction to the customer.
const INSTRUCTION = /ここに|記入$|挿入$|差し?替え$|要確認|要修正|TODO|TBD|FIXME|未定|※要/iu;
// 「（ヘルプ記事のURL）」 names a link that is missing; 「（下記URLをご参照ください）」 does not.
const URL_LABEL = /(?:URL|ＵＲＬ|リンク先?)$/iu;
// A bare label in 【】 or [] used inline (「【お客様名】様」, 「【日付】までに」); as a heading (「【注文番号】12345」,
// or alone on its line) it is legitimate.
const LABEL =
  /^(?:お?客様名|氏名|名前|会社名|担当者名?|日付|日時|期日|期限|金額|商品名|製品名|サービス名|プラン名|注文番号|チケット番号|番号|URL|ＵＲＬ)$/u;
const INLINE_AFTER = /^[\s　]*(?:様|さま|の|を|に|は|が|で|と|まで|から|より|、|。|）|\))/u;

export function findPlaceholders(text: string): PlaceholderMatch[] {
  const found: PlaceholderMatch[] = [];
  for (const re of [MARKS, VARIABLES]) {
    for (const m of text.matchAll(re)) found.push({ index: m.index, length: m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(BRACKETS)) {
    const inner = m[0].slice(1, -1).trim();
    if (/https?:\/\//iu.test(inner)) continue; // a real link in brackets
    if (found.some((f) => f.index >= m.index && f.index < m.index + m[0].length)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
    const isFillIn =
      INSTRUCTION.test(inner) ||
      (URL_LABEL.test(inner) && !/[0-9０-９]/u.test(inner)) ||
      (LABEL.test(inner) && /^[【［[]/u.test(m[0]) && INLINE_AFTER.test(after));
    if (isFillIn) found.push({ index: m.index, length: m[0].length, text: m[0] });
  }
  return found.sort((a, b) => a.index - b.index);
}

export const placeholderRule: TextlintRuleModule = (context) => ({
  [context.Syntax.Document](node) {
    const text = context.getSource(node);
    for (const p of findPlaceholders(text)) {
      context.report(
        node,
        new context.RuleError(
          encodeMessage({
            ja: `テンプレートの穴埋め「${p.text}」が残っています。送信前に書き換えてください。`,
            en: `Template placeholder 「${p.text}」 left in the reply: fill it in before sending.`,
          }),
          { padding: context.locator.range([p.index, p.index + p.length]) },
        ),
      );
    }
  },
});
