/**
 * Text as Slack counts it. Slack's docs give every Block Kit limit in "characters"; the published Block Kit
 * JSON schema states them as JSON-Schema `maxLength`, which counts Unicode code points (an emoji or 𠮷 is
 * one, a ZWJ family emoji is seven). yorisoi counts the same unit everywhere (and so does the simulator,
 * src/sim/slack/block-kit.ts `slackLength`), and never cuts inside a grapheme (Intl.Segmenter), an escaped
 * entity (`&amp;`) or a `<…>` token (link, mention, date).
 */
export function slackLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// C0 controls other than tab and line breaks, and DEL: invisible, and some clients refuse them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Customer text made safe to send: lone surrogates become U+FFFD, invisible control characters go. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(CONTROL, '');
}

/** Slack mrkdwn needs &, < and > escaped; everything else is shown as typed (customers' words verbatim). */
export function escapeMrkdwn(text: string): string {
  return wellFormed(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Runs of code points that may form one grapheme: a base with combining marks, variation selectors, skin
 * tones, tag characters or ZWJ joins; flag pairs; CR LF; Hangul jamo. Only these go through Intl.Segmenter
 * (which decides exactly); any other code point is a grapheme by itself. Intl.Segmenter alone takes seconds
 * on a 50,000-character message, which would hold up acknowledgements.
 */
const CLUSTER =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists extenders, each matched alone
  /\r\n|\p{RI}\p{RI}|[\uac00-\ud7a3]?[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]+|[\s\S](?:[\p{M}\ufe0e\ufe0f\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]|\u200d[\s\S]?)+/gu;

function graphemes(text: string, out: string[]) {
  let last = 0;
  for (const m of text.matchAll(CLUSTER)) {
    for (const cp of text.slice(last, m.index)) out.push(cp);
    for (const { segment } of graphemeSegmenter.segment(m[0])) out.push(segment);
    last = m.index + m[0].length;
  }
  for (const cp of text.slice(last)) out.push(cp);
}

/** The graphemes of a text (what a reader sees as one character), fast on long texts. */
export function graphemesOf(text: string): string[] {
  const out: string[] = [];
  graphemes(text, out);
  return out;
}

/** The pieces of mrkdwn that must never be cut: entities, `<…>` tokens, graphemes. */
function atoms(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/&(?:amp|lt|gt);|<[^<>\n]{1,500}>/g)) {
    graphemes(text.slice(last, m.index), out);
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  graphemes(text.slice(last), out);
  return out;
}

/** An atom longer than the whole budget (a grapheme of 500 combining marks) is cut by code points. */
function fitAtoms(list: string[], max: number): string[] {
  if (list.every((a) => slackLength(a) <= max)) return list;
  return list.flatMap((a) => {
    const cps = Array.from(a);
    if (cps.length <= max) return [a];
    const parts: string[] = [];
    for (let i = 0; i < cps.length; i += max) parts.push(cps.slice(i, i + max).join(''));
    return parts;
  });
}

/** Cuts mrkdwn or plain text to at most `max` characters (Slack's count), adding … when cut. */
export function truncate(text: string, max: number): string {
  if (slackLength(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const atom of fitAtoms(atoms(text), Math.max(1, max - 1))) {
    const n = slackLength(atom);
    if (used + n > max - 1) break;
    out += atom;
    used += n;
  }
  return `${out}…`;
}

/** Greedy split of atoms into pieces of at most `max`, preferring a line break in the second half. */
function splitAtoms(list: string[], cost: (atom: string) => number, max: number): string[][] {
  const pieces: string[][] = [];
  let current: string[] = [];
  let used = 0;
  let lastBreak = -1;
  for (const atom of list) {
    const n = cost(atom);
    if (used + n > max && current.length > 0) {
      if (lastBreak > current.length / 2) {
        pieces.push(current.slice(0, lastBreak));
        current = current.slice(lastBreak + 1); // the line break itself is dropped
      } else {
        pieces.push(current);
        current = [];
      }
      used = current.reduce((s, a) => s + cost(a), 0);
      lastBreak = current.lastIndexOf('\n');
    }
    if (atom === '\n' || atom === '\r\n') lastBreak = current.length;
    current.push(atom);
    used += n;
  }
  if (current.length > 0 || pieces.length === 0) pieces.push(current);
  return pieces;
}

/**
 * Splits mrkdwn into pieces of at most `max` characters, preferring line breaks, never inside an entity,
 * a `<…>` token or a grapheme, so a long message becomes several section blocks instead of being cut.
 */
export function splitText(text: string, max: number): string[] {
  return splitAtoms(fitAtoms(atoms(text), max), slackLength, max).map((p) => p.join(''));
}

/**
 * Customer text split BEFORE escaping (each grapheme costs what its escaped form costs), then escaped: every
 * piece is valid mrkdwn of at most `max` characters and shows the text verbatim.
 */
export function splitEscaped(raw: string, max: number): string[] {
  const list: string[] = [];
  graphemes(wellFormed(raw), list);
  // The text is already well formed: a grapheme costs its escaped length (& → &amp; …).
  const cost = (g: string) => (g === '&' ? 5 : g === '<' || g === '>' ? 4 : slackLength(g));
  return splitAtoms(fitAtoms(list, Math.floor(max / 5)), cost, max).map((p) => escapeMrkdwn(p.join('')));
}

/**
 * A mrkdwn link `<url|label>` with the label escaped. Build links only here, after escaping the text
 * around them: escaping a built link shows its `<…|…>` as text.
 */
export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;
}

/** A working mailto link showing the address. */
export function mailtoLink(email: string): string {
  return link(`mailto:${email}`, email);
}

/**
 * A time every reader sees in their own time zone: Slack's `<!date^…>` token, with `fallback` (an ISO-like
 * UTC text) for clients that cannot render it. `format` uses Slack's tokens ({date_short_pretty}, {time} …).
 */
export function slackDate(at: Date, format = '{date_short_pretty} {time}', fallback?: string): string {
  const seconds = Math.floor(at.getTime() / 1000);
  const text = fallback ?? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${seconds}^${format}|${escapeMrkdwn(text)}>`;
}
