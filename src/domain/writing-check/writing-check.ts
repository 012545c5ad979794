// The Japanese writing check an agent sees before a reply goes to the customer: textlint with the
// maintained textlint-ja rules (ら抜き, です・ます/である, doubled particles, redundant and misused
// expressions) plus our own addressee and placeholder rules. Rules are loaded in-process, never from a
// .textlintrc, so the check behaves the same in the bot, the CLI and the tests.
//
// The first check in a process loads kuromoji's dictionary (~1–3 s); later checks take tens of ms
// (see `npm run bench:writing`). Callers that care can call `warmUp()` at start.
import { TextlintKernel } from '@textlint/kernel';
import textPlugin from '@textlint/textlint-plugin-text';
import type { TextlintMessage, TextlintPluginCreator, TextlintRuleModule } from '@textlint/types';
import jaNoAbusage from 'textlint-rule-ja-no-abusage';
import jaNoRedundantExpression from 'textlint-rule-ja-no-redundant-expression';
import noDoubledJoshi from 'textlint-rule-no-doubled-joshi';
import noDroppingTheRa from 'textlint-rule-no-dropping-the-ra';
import noMixDearuDesumasu from 'textlint-rule-no-mix-dearu-desumasu';
import { addresseeRule } from './addressee-rule.ts';
import { placeholderRule } from './placeholder-rule.ts';
import {
  decodeMessage,
  type WritingCheckResult,
  type WritingRuleId,
  type WritingWarning,
} from './warning.ts';

export type { WritingCheckResult, WritingRuleId, WritingWarning } from './warning.ts';

export interface WritingCheckOptions {
  /** The ticket requester's name (「山田 花子」); without it the addressee rule is skipped. */
  requesterName?: string | null;
}

export interface WritingChecker {
  check(text: string, options?: WritingCheckOptions): Promise<WritingCheckResult>;
  /** Loads the dictionary now, so the first real check is fast. */
  warmUp(): Promise<void>;
}

// CommonJS rule packages arrive as the rule itself or as `{ default: rule }`.
function unwrap<T>(mod: unknown): T {
  const m = mod as { default?: unknown };
  return (typeof m === 'object' && m !== null && 'default' in m ? m.default : mod) as T;
}

const PACKAGE_RULES: { id: WritingRuleId; rule: TextlintRuleModule; options?: Record<string, unknown> }[] = [
  { id: 'ra-nuki', rule: unwrap(noDroppingTheRa) },
  // Support replies are written in です・ます: say so, rather than letting the majority decide.
  { id: 'mixed-style', rule: unwrap(noMixDearuDesumasu), options: { preferInBody: 'ですます' } },
  { id: 'doubled-particle', rule: unwrap(noDoubledJoshi) },
  { id: 'redundant-expression', rule: unwrap(jaNoRedundantExpression) },
  { id: 'misuse', rule: unwrap(jaNoAbusage) },
];

const firstLine = (s: string) => s.split('\n')[0]!.trim();

/** The word a ら抜き warning points into: 「見れる」 from the れ the rule reports. */
function raNukiWord(text: string, index: number): { word: string; start: number } {
  let start = index;
  if (
    start > 0 &&
    /\p{Script=Hiragana}/u.test(text[start - 1]!) &&
    start > 1 &&
    /\p{Script=Han}/u.test(text[start - 2]!)
  )
    start -= 1; // 食べ|れる
  while (start > 0 && /\p{Script=Han}/u.test(text[start - 1]!)) start -= 1;
  if (start === index && start > 0) start -= 1; // これる (来れる in kana)
  const rest = text.slice(index).match(/^れ[るれなまた]?/u)?.[0] ?? 'れ';
  return { word: text.slice(start, index) + rest, start };
}

/** Japanese and English wording for a message of one of the textlint-ja packages. */
function describePackageMessage(id: WritingRuleId, raw: string, text: string, index: number) {
  switch (id) {
    case 'ra-nuki': {
      const { word } = raNukiWord(text, index);
      const fixed = word.replace(/れ/u, 'られ');
      return {
        ja: `ら抜き言葉です：「${word}」→「${fixed}」`,
        en: `「${word}」 drops ら (ら抜き言葉): write 「${fixed}」.`,
      };
    }
    case 'mixed-style': {
      const spot = raw.match(/箇所があります: "([^"]+)"/u)?.[1] ?? firstLine(raw);
      return {
        ja: `です・ます調の文章に、である調の「${spot}」が混ざっています。`,
        en: `Plain style 「${spot}」 in a polite (です・ます) reply: keep one style.`,
      };
    }
    case 'doubled-particle': {
      const particle = raw.match(/助詞 "([^"]+)"/u)?.[1] ?? '';
      return {
        ja: `一文に助詞「${particle}」が二回以上使われています。語順を変えるか文を分けてください。`,
        en: `The particle 「${particle}」 appears twice in one sentence: reorder or split it.`,
      };
    }
    case 'redundant-expression': {
      const m = raw.match(/"([^"]+)"は冗長な表現です。"([^"]+)"を省き/u);
      const ja = firstLine(raw).replace(/^【[^】]*】\s*/u, '');
      return {
        ja,
        en: m ? `Redundant 「${m[1]}」: drop 「${m[2]}」.` : `Redundant expression: ${ja}`,
      };
    }
    default: {
      const ja = firstLine(raw);
      const m = ja.match(/(\S+)\s*=>\s*(\S+)/u);
      return {
        ja: m ? `誤用の可能性があります：「${m[1]}」→「${m[2]}」` : ja,
        en: m ? `Likely misuse: 「${m[1]}」 → 「${m[2]}」.` : `Likely misuse of a word or phrase: ${ja}`,
      };
    }
  }
}

function toWarning(text: string, message: TextlintMessage): WritingWarning {
  const ruleId = message.ruleId as WritingRuleId;
  const own = decodeMessage(message.message);
  const lineText = text.split('\n')[message.line - 1] ?? '';
  const warning: WritingWarning = {
    ruleId,
    severity: ruleId === 'placeholder' ? 'blocking' : 'warning',
    message: own ?? describePackageMessage(ruleId, message.message, text, message.index),
    line: message.line,
    column: message.column,
    index: message.index,
    excerpt: lineText.trim(),
  };
  if (ruleId === 'ra-nuki') warning.fix = { range: [message.index, message.index], text: 'ら' };
  else if (message.fix)
    warning.fix = { range: [message.fix.range[0], message.fix.range[1]], text: message.fix.text };
  return warning;
}

export function createWritingChecker(): WritingChecker {
  const kernel = new TextlintKernel();
  const plugin = unwrap<TextlintPluginCreator>(textPlugin);
  const check = async (text: string, options: WritingCheckOptions = {}): Promise<WritingCheckResult> => {
    // Line endings from Slack inputs or Windows files: textlint counts lines on \n.
    const normalized = text.replace(/\r\n?/gu, '\n');
    const result = await kernel.lintText(normalized, {
      ext: '.txt',
      plugins: [{ pluginId: 'text', plugin }],
      rules: [
        { ruleId: 'placeholder', rule: placeholderRule },
        {
          ruleId: 'addressee',
          rule: addresseeRule,
          options: { requesterName: options.requesterName ?? null },
        },
        ...PACKAGE_RULES.map((r) => ({
          ruleId: r.id,
          rule: r.rule,
          ...(r.options ? { options: r.options } : {}),
        })),
      ],
    });
    const warnings = result.messages
      .map((m) => toWarning(normalized, m))
      .sort((a, b) => a.index - b.index || (a.severity === 'blocking' ? -1 : 1));
    return { warnings, blocking: warnings.some((w) => w.severity === 'blocking') };
  };
  return {
    check,
    async warmUp() {
      await check('山田様\n\nお問い合わせいただきありがとうございます。');
    },
  };
}
