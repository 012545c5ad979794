import type { SimChannel, SimUser } from './types.ts';

/** `&`, `<` and `>` as Slack sends them in any text it hands to an app. */
export function escapeControlChars(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/y;
const URL_RE = /https?:\/\/[^\s<>]+/y;

/**
 * Slash-command text as Slack sends it. Always: `&<>` escaped. With the manifest's `should_escape: true`
 * also: `@name` of a workspace member → `<@U…|name>`, `#name` of a channel → `<#C…|name>`, e-mail
 * addresses → `<mailto:a@b|a@b>` and URLs → `<https://…>` (Slack's auto-linking). Unknown @names stay as
 * typed. With `should_escape: false` mentions stay as plain text.
 */
export function commandText(
  typed: string,
  shouldEscape: boolean,
  users: readonly SimUser[],
  channels: Iterable<SimChannel>,
): string {
  if (!shouldEscape) return escapeControlChars(typed);
  const channelList = [...channels].filter((c) => !c.is_im);
  let out = '';
  let i = 0;
  while (i < typed.length) {
    const atWordStart = i === 0 || /\s/.test(typed[i - 1] ?? '');
    URL_RE.lastIndex = i;
    const url = atWordStart ? URL_RE.exec(typed) : null;
    if (url) {
      out += `<${escapeControlChars(url[0])}>`;
      i += url[0].length;
      continue;
    }
    EMAIL.lastIndex = i;
    const email = atWordStart ? EMAIL.exec(typed) : null;
    if (email) {
      const e = escapeControlChars(email[0]);
      out += `<mailto:${e}|${e}>`;
      i += email[0].length;
      continue;
    }
    const ch = typed[i] ?? '';
    if (atWordStart && (ch === '@' || ch === '#')) {
      const name = /^[\w.-]+/.exec(typed.slice(i + 1))?.[0].replace(/[.-]+$/, '') ?? '';
      if (ch === '@') {
        const u = users.find((x) => x.name === name && !x.is_bot) ?? users.find((x) => x.name === name);
        if (u && name) {
          out += `<@${u.id}|${u.name}>`;
          i += 1 + name.length;
          continue;
        }
      } else {
        const c = channelList.find((x) => x.name === name);
        if (c && name) {
          out += `<#${c.id}|${c.name}>`;
          i += 1 + name.length;
          continue;
        }
      }
    }
    out += escapeControlChars(ch);
    i += 1;
  }
  return out;
}
