/**
 * What a message would make Slack notify or link: live `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`,
 * `<!subteam^…>` tokens in its `text`, in mrkdwn texts of its blocks and in its attachments (text, pretext,
 * fields, blocks). Escaped forms (`&lt;!channel&gt;`) show literally and notify nobody. plain_text objects
 * are never parsed for mentions. The simulator records these per message (`would_notify`) so tests can
 * prove customer text pings nobody.
 */
const MENTION = /<(!channel|!here|!everyone|@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+)(?:\|[^>]*)?>/g;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function mrkdwnTexts(value: unknown, out: string[]) {
  if (Array.isArray(value)) {
    for (const v of value) mrkdwnTexts(v, out);
    return;
  }
  if (!isObj(value)) return;
  if (value.type === 'mrkdwn' && typeof value.text === 'string') out.push(value.text);
  // Rich text: user / usergroup / broadcast elements are live mentions.
  if (value.type === 'user' && typeof value.user_id === 'string') out.push(`<@${value.user_id}>`);
  if (value.type === 'broadcast' && typeof value.range === 'string') out.push(`<!${value.range}>`);
  if (value.type === 'usergroup' && typeof value.usergroup_id === 'string')
    out.push(`<!subteam^${value.usergroup_id}>`);
  for (const [key, v] of Object.entries(value)) {
    if (key === 'text' && typeof v === 'string') continue;
    mrkdwnTexts(v, out);
  }
}

/** Live mention tokens of a message, as Slack would notify them (`!channel`, `@U123` …), deduplicated. */
export function liveMentions(message: { text?: string; blocks?: unknown; attachments?: unknown }): string[] {
  const texts: string[] = [message.text ?? ''];
  mrkdwnTexts(message.blocks, texts);
  if (Array.isArray(message.attachments)) {
    for (const a of message.attachments) {
      if (!isObj(a)) continue;
      for (const key of ['text', 'pretext', 'fallback', 'title', 'footer', 'author_name']) {
        const v = a[key];
        if (typeof v === 'string') texts.push(v);
      }
      if (Array.isArray(a.fields))
        for (const f of a.fields) if (isObj(f) && typeof f.value === 'string') texts.push(f.value);
      mrkdwnTexts(a.blocks, texts);
    }
  }
  const found = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(MENTION)) found.add(m[1] ?? '');
  return [...found];
}

/** Live links to hosts outside Slack in a message's mrkdwn (`<https://evil.example|label>`). */
export function liveLinks(message: { text?: string; blocks?: unknown; attachments?: unknown }): string[] {
  const texts: string[] = [message.text ?? ''];
  mrkdwnTexts(message.blocks, texts);
  mrkdwnTexts(message.attachments, texts);
  const found = new Set<string>();
  for (const t of texts)
    for (const m of t.matchAll(/<((?:https?|mailto):[^|>]+)(?:\|[^>]*)?>/g)) found.add(m[1] ?? '');
  return [...found];
}
