// 宛名の誤り: a reply that opens 「佐藤様」 to 山田 花子 is the classic mis-send (a template or a previous
// reply copied with the wrong name). The rule reads the salutation at the top of the reply and every
// other 〜様 in it, and compares the names with the ticket's requester.
import type { TextlintRuleModule } from '@textlint/types';
import { encodeMessage } from './warning.ts';

export interface AddresseeOptions {
  /** The ticket requester's display name as Zendesk holds it: 「山田 花子」, 「山田花子」, "Jane Smith". */
  requesterName?: string | null;
}

export interface AddresseeFinding {
  kind: 'wrong-name' | 'other-name' | 'honorific' | 'missing-honorific' | 'missing-addressee';
  index: number;
  length: number;
  found: string;
}

const NAME_CHARS = '\\p{Script=Han}\\p{Script=Katakana}ー々A-Za-zＡ-Ｚａ-ｚ';
// 〜様 / 〜さま / 〜殿 / 〜さん / 〜御中 after a name; 様 in 様々 / 様子 / 様式 / 様相 / 様態 is not an honorific.
const SALUTATION = new RegExp(
  `([${NAME_CHARS}]+(?:[ 　][${NAME_CHARS}]+)?)[ 　]*(様(?![々子式相態])|さま|殿|さん|御中)`,
  'gu',
);
// Words before 様 that are not a person's name: お客様, 皆様, ご担当者様, ご利用者様, 同様, 仕様, 模様 …
// A run ending in 者/客/同/仕 … is never a surname (「上記同様」, 「システム仕様」); 子 or 奥 alone is (お子様, 奥様),
// but 「花子」 ends with 子.
const NOT_A_NAME = /(?:者|客|皆|同|仕|模|有|家族|会員|各位|貴)$|^(?:子|王|神|殿|奥|各)$/u;
const COMPANY = /株式会社|有限会社|合同会社|御中|\(株\)|（株）|Inc\.|Ltd\.|Co\./u;

const compact = (s: string) => s.normalize('NFKC').replace(/\s+/gu, '');

/** Every way of writing the requester that addresses the right person: full name, family or given name. */
export function acceptedNames(requesterName: string): string[] {
  const parts = requesterName.normalize('NFKC').trim().split(/\s+/u).filter(Boolean);
  const names = new Set<string>([parts.join('')]);
  for (const p of parts) names.add(p);
  return [...names].filter((n) => n.length > 0);
}

function nameMatches(candidate: string, accepted: string[]): boolean {
  const c = compact(candidate);
  return accepted.some((a) => {
    const n = compact(a);
    // 「山田花子」 written without a space: 「山田」 is a prefix; a longer run such as 「先日山田」 ends with it.
    return c === n || c.endsWith(n) || (accepted.length === 1 && n.startsWith(c) && c.length >= 2);
  });
}

export function findAddresseeProblems(text: string, requesterName: string): AddresseeFinding[] {
  const accepted = acceptedNames(requesterName);
  if (accepted.length === 0 || requesterName.includes('@')) return [];
  const findings: AddresseeFinding[] = [];
  const lines: { text: string; index: number }[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line, index: offset });
    offset += line.length + 1;
  }
  // The salutation: the first non-empty line, or the one after a company line 「株式会社○○」.
  const opening = lines.filter((l) => l.text.trim() !== '').slice(0, 3);
  let salutationLine: { text: string; index: number } | undefined;
  for (const line of opening) {
    if (COMPANY.test(line.text) && !/様|さま/u.test(line.text)) continue;
    salutationLine = line;
    break;
  }
  let salutationMatched = false;
  if (salutationLine) {
    const m = [...salutationLine.text.matchAll(SALUTATION)].find((x) => !NOT_A_NAME.test(x[1]!));
    if (m) {
      salutationMatched = true;
      const [whole, name, honorific] = m as unknown as [string, string, string];
      const index = salutationLine.index + m.index!;
      if (!nameMatches(name, accepted)) {
        findings.push({ kind: 'wrong-name', index, length: whole.length, found: whole });
      } else if (honorific !== '様' && honorific !== 'さま') {
        findings.push({ kind: 'honorific', index, length: whole.length, found: whole });
      }
    } else {
      const bare = salutationLine.text.trim();
      // 「山田 花子」 alone on the first line: the name without 様.
      if (!/[。、！？!?]/u.test(bare) && bare.length <= 20 && nameMatches(bare, accepted)) {
        salutationMatched = true;
        const index = salutationLine.index + salutationLine.text.indexOf(bare);
        findings.push({ kind: 'missing-honorific', index, length: bare.length, found: bare });
      }
    }
  }
  if (!salutationMatched) {
    const first = opening[0];
    const index = first ? first.index + (first.text.length - first.text.trimStart().length) : 0;
    findings.push({ kind: 'missing-addressee', index, length: 1, found: first?.text.trim() ?? '' });
  }
  // Another name with 様 in the body: often a previous customer's reply reused (third parties are fine).
  for (const m of text.matchAll(SALUTATION)) {
    const [whole, name, honorific] = m as unknown as [string, string, string];
    if (NOT_A_NAME.test(name) || honorific === '御中') continue;
    if (
      salutationLine &&
      m.index >= salutationLine.index &&
      m.index < salutationLine.index + salutationLine.text.length
    )
      continue;
    if (!nameMatches(name, accepted))
      findings.push({ kind: 'other-name', index: m.index, length: whole.length, found: whole });
  }
  return findings;
}

function describe(f: AddresseeFinding, requesterName: string): { ja: string; en: string } {
  // Japanese names are written family name first; a Latin name is kept whole (「Jane Smith様」).
  const parts = requesterName.trim().split(/\s+/u);
  const family = /^[\x20-\x7e]+$/u.test(requesterName) ? requesterName.trim() : (parts[0] ?? requesterName);
  switch (f.kind) {
    case 'wrong-name':
      return {
        ja: `宛名「${f.found}」がチケットの依頼者「${requesterName}」と一致しません。`,
        en: `The addressee 「${f.found}」 does not match the ticket's requester 「${requesterName}」.`,
      };
    case 'other-name':
      return {
        ja: `本文の「${f.found}」は依頼者「${requesterName}」と別の名前です。別のお客様宛ての文面が残っていないか確認してください。`,
        en: `「${f.found}」 in the body is not the requester 「${requesterName}」: check that no other customer's reply was reused.`,
      };
    case 'honorific':
      return {
        ja: `「${f.found}」の敬称は「様」にしてください。`,
        en: `Address the customer with 様, not as 「${f.found}」.`,
      };
    case 'missing-honorific':
      return {
        ja: `宛名「${f.found}」に敬称「様」がありません。`,
        en: `The addressee 「${f.found}」 has no honorific: write 「${f.found}様」.`,
      };
    case 'missing-addressee':
      return {
        ja: `冒頭に宛名（${family}様）がありません。`,
        en: `The reply does not open with the customer's name (${family}様).`,
      };
  }
}

export const addresseeRule: TextlintRuleModule<AddresseeOptions> = (context, options) => ({
  [context.Syntax.Document](node) {
    const requesterName = options?.requesterName?.trim();
    if (!requesterName) return;
    const text = context.getSource(node);
    for (const f of findAddresseeProblems(text, requesterName)) {
      context.report(
        node,
        new context.RuleError(encodeMessage(describe(f, requesterName)), {
          padding: context.locator.range([f.index, f.index + f.length]),
        }),
      );
    }
  },
});
