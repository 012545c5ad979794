/** What the writing check tells an agent about one spot in a reply. */
export type WritingRuleId =
  | 'placeholder'
  | 'addressee'
  | 'ra-nuki'
  | 'mixed-style'
  | 'doubled-particle'
  | 'redundant-expression'
  | 'misuse';

/** Only leftover placeholders block a send; everything else is advice. */
export type WritingSeverity = 'blocking' | 'warning';

export interface WritingWarning {
  ruleId: WritingRuleId;
  severity: WritingSeverity;
  message: { ja: string; en: string };
  /** 1-based line and column (UTF-16 code units, as textlint counts). */
  line: number;
  column: number;
  /** 0-based offset into the checked text. */
  index: number;
  /** The line the warning is on, trimmed, so a list of warnings reads without the reply beside it. */
  excerpt: string;
  /** A replacement the rule is sure of (ら抜き → ら入り, a redundant phrase → its short form). */
  fix?: { range: [number, number]; text: string };
}

export interface WritingCheckResult {
  warnings: WritingWarning[];
  /** True when a warning must be fixed before sending (a leftover placeholder). */
  blocking: boolean;
}

/** Our own rules report through textlint with both languages packed into the message. */
export interface BilingualMessage {
  ja: string;
  en: string;
}

export const encodeMessage = (m: BilingualMessage): string => JSON.stringify(m);

export function decodeMessage(raw: string): BilingualMessage | null {
  if (!raw.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<BilingualMessage>;
    return typeof parsed.ja === 'string' && typeof parsed.en === 'string'
      ? { ja: parsed.ja, en: parsed.en }
      : null;
  } catch {
    return null;
  }
}
