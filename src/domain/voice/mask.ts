/**
 * Masks personal data in a customer's words before they leave the support team: e-mail addresses, phone
 * numbers, postal addresses, card-like numbers and configured names. Everything else stays exactly as the
 * customer wrote it (never summarised or trimmed). Full-width (全角) forms are recognised as well, because
 * Japanese customers type them.
 */

export const MaskTokens = {
  email: '[email]',
  phone: '[phone]',
  card: '[card]',
  address: '[address]',
  name: '[name]',
} as const;

const D = '[0-9０-９]';
const DASH = '[-‐‑‒–—−－ー]';
const SPACE = '[ \\u3000]';
const ALNUM = 'A-Za-z0-9Ａ-Ｚａ-ｚ０-９';

const email = new RegExp(`[${ALNUM}._%+\\-＿．－]+[@＠][${ALNUM}\\-－]+(?:[.．][${ALNUM}\\-－]+)+`, 'g');

/** 13–19 digits in groups separated by single spaces or dashes: a payment card or something like one. */
const card = new RegExp(`(?<![0-9０-９])(?:${D}(?:${SPACE}|${DASH})?){12,18}${D}(?![0-9０-９])`, 'g');

/** A run of digits, separators and brackets; whether it is a phone number is decided by `isPhone`. */
const phoneCandidate = new RegExp(
  `(?<![${ALNUM}])(?:[+＋]${SPACE}?)?[(（]?${D}(?:${D}|${DASH}|${SPACE}|[()（）])*${D}(?![${ALNUM}])`,
  'g',
);
const dottedPhone = /(?<![\w.])\(?\d{3}\)?\.\d{3}\.\d{4}(?![\w.])/g;

function digitCount(s: string) {
  return (s.match(/[0-9０-９]/g) ?? []).length;
}

function isPhone(run: string) {
  const digits = digitCount(run);
  if (/^[+＋]/.test(run)) return digits >= 8 && digits <= 15;
  if (digits < 10 || digits > 11) return false;
  // A bare 10–11 digit number is an id unless it looks dialled: a leading 0 (Japan) or separators.
  return /^[0０(（]/.test(run) || /[-‐‑‒–—−－ー ()（）\u3000]/.test(run);
}

const PREFECTURE = '(?:北海道|東京都|京都府|大阪府|\\p{Script=Han}{2,3}県)';
const JP_ADDR_CHAR = `[\\p{Script=Han}\\p{Script=Katakana}ヶケ々ー0-9０-９\\-‐−－の]`;
const JP_POSTAL = `〒${SPACE}?${D}{3}${DASH}${D}{4}`;
const jpAddress = new RegExp(
  `(?:${JP_POSTAL}${SPACE}*)?(?:${PREFECTURE}${JP_ADDR_CHAR}*|\\p{Script=Han}{1,6}[市区町村郡]${JP_ADDR_CHAR}*)` +
    `(?:${SPACE}?[\\p{Script=Katakana}\\p{Script=Han}A-Za-zＡ-Ｚａ-ｚー・]{1,20}${SPACE}?${D}{1,4}号室)?`,
  'gu',
);
const jpPostal = new RegExp(`${JP_POSTAL}|(?<=郵便番号[:：]?${SPACE}*)${D}{3}${DASH}${D}{4}`, 'g');
/** A Japanese address needs a house number: 「東京都に住んでいます」 is not an address. */
const hasHouseNumber = (s: string) => /[0-9０-９]|[一二三四五六七八九十]+(?:丁目|番|号)/.test(s);

const STREET =
  '(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|Highway|Hwy|Square|Sq)';
const enAddress = new RegExp(
  `\\b\\d{1,6}[A-Za-z]?\\s+(?:[A-Z][A-Za-z'’.-]*\\s+){1,4}${STREET}\\b\\.?` +
    `(?:,?\\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\\.?\\s*[A-Za-z0-9-]+)?` +
    `(?:,\\s*[A-Z][a-z]+(?:\\s+[A-Z][a-z]+){0,2})?` +
    `(?:,?\\s*[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?)?` +
    `(?:,?\\s*[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}\\b)?`,
  'g',
);
const poBox = /\bP\.?\s?O\.?\s+Box\s+\d+\b/gi;
const ukPostcode = /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/g;

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names to hide for one message: configured ones plus the requester's full name and its parts. */
export function namesToMask(configured: readonly string[], requesterName?: string | null): string[] {
  const names = new Set<string>();
  for (const n of [...configured, requesterName ?? '']) {
    const full = n.trim();
    if (!full) continue;
    names.add(full);
    for (const part of full.split(/[\s\u3000]+/)) if (Array.from(part).length >= 2) names.add(part);
  }
  // Longest first, so 「山田 花子」 is one [name], not two.
  return [...names].sort((a, b) => b.length - a.length);
}

function maskNames(text: string, names: readonly string[]) {
  let out = text;
  for (const name of names) {
    const latin = /^[\p{Script=Latin}\s.'-]+$/u.test(name);
    const re = latin
      ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu')
      : new RegExp(escapeRegExp(name), 'gu');
    out = out.replace(re, MaskTokens.name);
  }
  return out;
}

export interface MaskOptions {
  /** Names to hide (see namesToMask). */
  names?: readonly string[];
}

/** Returns the text with personal data replaced by tokens such as [email]; nothing else changes. */
export function maskPersonalData(text: string, options: MaskOptions = {}): string {
  let out = text.replace(email, MaskTokens.email);
  out = out.replace(card, MaskTokens.card);
  out = out.replace(dottedPhone, MaskTokens.phone);
  out = out.replace(phoneCandidate, (run) => (isPhone(run) ? MaskTokens.phone : run));
  out = out.replace(jpAddress, (m) => (hasHouseNumber(m) ? MaskTokens.address : m));
  out = out.replace(jpPostal, MaskTokens.address);
  out = out.replace(enAddress, MaskTokens.address);
  out = out.replace(poBox, MaskTokens.address);
  out = out.replace(ukPostcode, MaskTokens.address);
  if (options.names?.length) out = maskNames(out, options.names);
  return out;
}
