/** Slack mrkdwn needs &, < and > escaped; everything else is shown as typed (customers' words verbatim). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts at a code-point boundary so no surrogate pair is split; adds … when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * Splits long text into pieces of at most `max` characters, preferring line breaks, so a long customer
 * message becomes several section blocks instead of being cut.
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (Array.from(rest).length > max) {
    const head = Array.from(rest).slice(0, max).join('');
    const cut = head.lastIndexOf('\n');
    const piece = cut > max / 2 ? head.slice(0, cut) : head;
    out.push(piece);
    rest = rest.slice(piece.length).replace(/^\n/, '');
  }
  if (rest.length > 0 || out.length === 0) out.push(rest);
  return out;
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
