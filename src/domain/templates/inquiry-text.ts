// What of a customer's message is about their question: greetings, sign-offs and polite filler
// (お世話になっております, よろしくお願いします) are the same in every message, so they are removed
// before the message is matched against templates.

/** Phrases that say nothing about what the customer needs, matched anywhere in the message. */
const STOP_PHRASES: RegExp[] = [
  /いつも(大変)?お世話になって(おり|い)ます/g,
  /(大変)?お世話になって(おり|い)ます/g,
  /いつも(ご利用|ご愛顧)?いただき(誠に|まことに)?ありがとうございます/g,
  /(何卒|なにとぞ|どうぞ)?(よろしく|宜しく)お願い(いた|致|申し上げ)?(し)?ます/g,
  /(お忙しい|ご多忙の)ところ(恐れ入りますが|恐縮ですが|すみませんが|申し訳ありませんが|申し訳ございませんが)?/g,
  /(突然の)?(ご連絡|メール|お問い合わせ)(を)?(失礼|申し訳ございません|すみません)(いた|致)?(し)?(ます|ません)?/g,
  /^(こんにちは|こんばんは|おはようございます|はじめまして|初めまして|すみません|すいません)[。、!！\s]*/gm,
  /(ご回答|お返事|ご返信|ご連絡)(を)?お待ちして(おり|い)ます/g,
  /(ありがとうございます|ありがとうございました)/g,
  /^(hi|hello|dear [^\n,]*|thanks|thank you|best regards|regards|kind regards)\b[^\n]*$/gim,
];

/** The message without greetings, sign-offs, Slack markup and links. */
export function stripCourtesy(message: string): string {
  let text = message
    .replace(/<[^>]+>/g, ' ') // Slack links, mentions
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/:[a-z0-9_+-]+:/g, ' ');
  for (const phrase of STOP_PHRASES) text = text.replace(phrase, ' ');
  // What a removed phrase leaves behind (its punctuation, an empty line) goes too.
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]+/g, ' ')
        .replace(/^[\s、。,.!！…]+/, '')
        .trim(),
    )
    .filter((line) => /[\p{L}\p{N}]/u.test(line))
    .join('\n');
}
