/** Phrases that open or close a customer's message and say nothing about what they need. */
const COURTESY = [
  /お世話になって(おり|い)ます/,
  /いつも.*(ありがとうございます|お世話)/,
  /^(こんにちは|こんばんは|おはようございます|はじめまして|初めまして|突然のご連絡)/,
  /(よろしく|宜しく)お願い(いた|致)?します/,
  /^(hi|hello|dear|thanks|thank you|best regards|regards)\b/i,
];

/**
 * Words to prefill a template search from a customer's message: the first sentences that are not
 * greetings, up to `max` characters. The search ranks by how much of the query a template covers,
 * so a sentence of the customer's own words works better than a guessed keyword.
 */
export function suggestTemplateQuery(message: string, max = 60): string {
  const text = message
    .replace(/<[^>]+>/g, ' ') // Slack links, mentions
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ');
  const sentences = text
    .split(/(?<=[。！？!?])|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '' && !COURTESY.some((c) => c.test(s)));
  let out = '';
  for (const s of sentences) {
    if (out !== '' && out.length + s.length > max) break;
    out = out ? `${out} ${s}` : s;
  }
  return Array.from(out).slice(0, max).join('').trim();
}
