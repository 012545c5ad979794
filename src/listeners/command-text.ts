/**
 * Slash-command text as Slack sends it, back to what the user typed. Slack always escapes `&`, `<`, `>`
 * (`&amp;` `&lt;` `&gt;`); for a command with `should_escape: true` it also sends mentions as
 * `<@U…|name>`, channels as `<#C…|name>`, e-mail addresses as `<mailto:a@b|a@b>` and URLs as `<https://…>`.
 */

/** `&lt;` `&gt;` `&amp;` back to `<` `>` `&` (amp last, so `&amp;lt;` stays `&lt;`). */
export function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** The text as the user saw it: links and mentions in their visible form, entities decoded. */
export function commandPlainText(text: string): string {
  const visible = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1) : undefined;
    if (target.startsWith('mailto:')) return target.slice('mailto:'.length);
    if (target.startsWith('@')) return label ? `@${label}` : target;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
    return target;
  });
  return unescapeSlack(visible);
}

/** A Slack user id from `<@U…|name>`, `<@U…>` or a bare id; null otherwise. */
export function slackUserIdOf(token: string): string | null {
  const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token);
  if (mention?.[1]) return mention[1];
  return /^[UW][A-Z0-9]+$/.test(token) ? token : null;
}

/** An e-mail address from `<mailto:a@b|a@b>` or as typed (entities decoded); null when it is not one. */
export function emailOf(token: string): string | null {
  const linked = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(token)?.[1];
  const email = unescapeSlack(linked ?? token).trim();
  return /^[^@\s<>|]+@[^@\s<>|]+\.[^@\s<>|]+$/.test(email) ? email : null;
}
