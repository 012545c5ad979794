// Slack mrkdwn → HTML, as the Slack desktop client shows it: *bold*, _italic_, ~strike~, `code`, ```pre```,
// > quotes, <url|text> links, <@U…> / <#C…> / <!here> mentions, <!date^…> times, :emoji: shortcodes.
// Slack's own escapes (&amp; &lt; &gt;) are decoded once, then everything is HTML-escaped.

export interface RenderContext {
  /** Locale for <!date^…> tokens: 'ja' shows 2026年11月30日 14:16, as Slack does for a Japanese user. */
  locale: string;
  timeZone: string;
  /** Display names for <@U…> mentions; unknown ids render as @U… */
  users: Record<string, string>;
  channels: Record<string, string>;
  /** "Now" for {date_pretty} (today / yesterday). */
  now: Date;
}

export const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const decodeSlack = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// The shortcodes our views use, and Slack's most common ones; anything else stays as :text:.
const EMOJI: Record<string, string> = {
  warning: '⚠️',
  white_check_mark: '✅',
  hourglass_flowing_sand: '⏳',
  outbox_tray: '📤',
  memo: '📝',
  file_folder: '📁',
  open_file_folder: '📂',
  clipboard: '📋',
  x: '❌',
  speech_balloon: '💬',
  rotating_light: '🚨',
  small_red_triangle: '🔺',
  loudspeaker: '📢',
  wastebasket: '🗑️',
  thread: '🧵',
  repeat: '🔁',
  scissors: '✂️',
  slightly_smiling_face: '🙂',
  raising_hand: '🙋',
  page_facing_up: '📄',
  office: '🏢',
  new: '🆕',
  mag: '🔍',
  lock: '🔒',
  large_orange_circle: '🟠',
  label: '🏷️',
  double_vertical_bar: '⏸️',
  calendar: '📅',
  alarm_clock: '⏰',
  heavy_check_mark: '✔️',
  bell: '🔔',
  fire: '🔥',
  eyes: '👀',
  pushpin: '📌',
  bulb: '💡',
  star: '⭐',
  red_circle: '🔴',
  large_green_circle: '🟢',
  large_yellow_circle: '🟡',
  large_blue_circle: '🔵',
  large_purple_circle: '🟣',
  white_circle: '⚪',
  exclamation: '❗',
  question: '❓',
  information_source: 'ℹ️',
  link: '🔗',
  email: '📧',
  envelope: '✉️',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  chart_with_upwards_trend: '📈',
  bar_chart: '📊',
  pencil: '📝',
  pencil2: '✏️',
  mega: '📣',
  sos: '🆘',
  no_entry: '⛔',
  triangular_flag_on_post: '🚩',
  inbox_tray: '📥',
  stopwatch: '⏱️',
  clock3: '🕒',
  arrow_right: '➡️',
  arrows_counterclockwise: '🔄',
  hourglass: '⌛',
  tada: '🎉',
  thumbsup: '👍',
  '+1': '👍',
  pray: '🙏',
  bow: '🙇',
  heart: '❤️',
  zap: '⚡',
  package: '📦',
  credit_card: '💳',
  receipt: '🧾',
  camera: '📷',
  iphone: '📱',
  computer: '💻',
  gear: '⚙️',
  wrench: '🔧',
  hammer_and_wrench: '🛠️',
  // Agent badges (src/domain/team/agent-badges.ts) and the assign modal's groups.
  large_blue_square: '🟦',
  large_orange_square: '🟧',
  large_green_square: '🟩',
  large_purple_square: '🟪',
  large_red_square: '🟥',
  large_yellow_square: '🟨',
  large_brown_square: '🟫',
  black_large_square: '⬛',
  white_large_square: '⬜',
  fox_face: '🦊',
  cat: '🐱',
  dog: '🐶',
  panda_face: '🐼',
  rabbit: '🐰',
  bear: '🐻',
  koala: '🐨',
  tiger: '🐯',
  penguin: '🐧',
  owl: '🦉',
  frog: '🐸',
  hamster: '🐹',
  monkey_face: '🐵',
  lion_face: '🦁',
  unicorn_face: '🦄',
  whale: '🐳',
  octopus: '🐙',
  turtle: '🐢',
  hedgehog: '🦔',
  otter: '🦦',
};

export function emoji(name: string): string {
  const glyph = EMOJI[name];
  return glyph
    ? `<span class="emoji" title=":${escapeHtml(name)}:">${glyph}</span>`
    : `:${escapeHtml(name)}:`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** <!date^EPOCH^FORMAT^LINK|fallback>, formatted in the reader's locale and zone as Slack does. */
export function formatDateToken(epoch: number, format: string, ctx: RenderContext): string {
  const d = new Date(epoch * 1000);
  const ja = ctx.locale.startsWith('ja');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: ctx.timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'long',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const y = Number(parts.year),
    mo = Number(parts.month),
    da = Number(parts.day);
  const h = Number(parts.hour),
    mi = Number(parts.minute),
    s = Number(parts.second);
  const monthLong = new Intl.DateTimeFormat('en-US', { timeZone: ctx.timeZone, month: 'long' }).format(d);
  const monthShort = monthLong.slice(0, 3);
  const weekdayJa = new Intl.DateTimeFormat('ja-JP', { timeZone: ctx.timeZone, weekday: 'short' }).format(d);
  const ord = (n: number) =>
    `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
  const time = ja ? `${h}:${pad(mi)}` : `${h % 12 || 12}:${pad(mi)} ${h < 12 ? 'AM' : 'PM'}`;
  const timeSecs = ja
    ? `${h}:${pad(mi)}:${pad(s)}`
    : `${h % 12 || 12}:${pad(mi)}:${pad(s)} ${h < 12 ? 'AM' : 'PM'}`;
  const dateNum = `${y}-${pad(mo)}-${pad(da)}`;
  const date = ja ? `${y}年${mo}月${da}日` : `${monthLong} ${ord(da)}, ${y}`;
  const dateShort = ja ? `${y}年${mo}月${da}日` : `${monthShort} ${da}, ${y}`;
  const dateLong = ja
    ? `${y}年${mo}月${da}日(${weekdayJa})`
    : `${parts.weekday}, ${monthLong} ${ord(da)}, ${y}`;
  const dayDiff = Math.round(
    (Date.UTC(y, mo - 1, da) -
      (() => {
        const n = Object.fromEntries(
          new Intl.DateTimeFormat('en-US', {
            timeZone: ctx.timeZone,
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
          })
            .formatToParts(ctx.now)
            .map((p) => [p.type, p.value]),
        ) as Record<string, string>;
        return Date.UTC(Number(n.year), Number(n.month) - 1, Number(n.day));
      })()) /
      86_400_000,
  );
  const pretty = (fallback: string) =>
    dayDiff === 0
      ? ja
        ? '今日'
        : 'today'
      : dayDiff === -1
        ? ja
          ? '昨日'
          : 'yesterday'
        : dayDiff === 1
          ? ja
            ? '明日'
            : 'tomorrow'
          : fallback;
  const agoMin = Math.round((ctx.now.getTime() - d.getTime()) / 60_000);
  const ago =
    agoMin < 60
      ? ja
        ? `${agoMin}分前`
        : `${agoMin} minutes ago`
      : agoMin < 1440
        ? ja
          ? `${Math.round(agoMin / 60)}時間前`
          : `${Math.round(agoMin / 60)} hours ago`
        : ja
          ? `${Math.round(agoMin / 1440)}日前`
          : `${Math.round(agoMin / 1440)} days ago`;
  const values: Record<string, string> = {
    date_num: dateNum,
    date,
    date_short: dateShort,
    date_long: dateLong,
    date_pretty: pretty(date),
    date_short_pretty: pretty(dateShort),
    date_long_pretty: pretty(dateLong),
    time,
    time_secs: timeSecs,
    ago,
  };
  return format.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}

function renderToken(token: string, ctx: RenderContext): string {
  const [target, label] = ((i) => (i < 0 ? [token, undefined] : [token.slice(0, i), token.slice(i + 1)]))(
    token.indexOf('|'),
  );
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(label ?? ctx.users[id] ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return `<span class="mention">#${escapeHtml(label ?? ctx.channels[id] ?? id)}</span>`;
  }
  if (target.startsWith('!subteam^'))
    return `<span class="mention">@${escapeHtml(label ?? target.slice(9))}</span>`;
  if (target.startsWith('!date^')) {
    const [, epoch, format] = target.split('^');
    const out = Number.isFinite(Number(epoch))
      ? formatDateToken(Number(epoch), format ?? '', ctx)
      : (label ?? '');
    return `<span class="date" title="${escapeHtml(target)}">${escapeHtml(out)}</span>`;
  }
  if (target.startsWith('!')) return `<span class="mention broadcast">@${escapeHtml(target.slice(1))}</span>`;
  const href = target;
  return `<a href="${escapeHtml(href)}">${escapeHtml(label ?? href.replace(/^mailto:/, ''))}</a>`;
}

/** mrkdwn text (as sent to Slack, with &amp; &lt; &gt;) → HTML. */
export function mrkdwnToHtml(text: string, ctx: RenderContext): string {
  const saved: string[] = [];
  const hold = (html: string) => `\uE000${saved.push(html) - 1}\uE001`;
  let s = text;
  // Code first: nothing inside code is formatted or linked.
  s = s.replace(/```([\s\S]*?)```/g, (_, code: string) =>
    hold(`<pre>${escapeHtml(decodeSlack(code.replace(/^\n/, '')))}</pre>`),
  );
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(decodeSlack(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, token: string) => hold(renderToken(decodeSlack(token), ctx)));
  s = escapeHtml(decodeSlack(s));
  // Like Slack, a marker opens only after a space, punctuation or the start, and closes before one:
  // 「これは*重要*です」 stays literal in Slack, so it does here; a zero-width space (U+200B) beside the
  // marker counts as a boundary (the usual way to bold part of Japanese text).
  const fmt = (mark: string, tag: string) => {
    const m = mark === '*' ? '\\*' : mark;
    const re = new RegExp(
      `(^|[\\s\\p{P}>\\uE001\\u200B])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?=$|[\\s\\p{P}<\\uE000\\u200B])`,
      'gu',
    );
    s = s.replace(re, (_, pre: string, inner: string) => `${pre}<${tag}>${inner}</${tag}>`);
  };
  fmt('*', 'b');
  fmt('_', 'i');
  fmt('~', 's');
  s = s.replace(/:([a-z0-9_+-]+):/g, (_, name: string) => emoji(name));
  // Block quotes: lines starting with "&gt; " after escaping.
  s = s
    .split('\n')
    .map((line) =>
      line.startsWith('&gt; ') || line === '&gt;'
        ? `<span class="quote">${line.replace(/^&gt; ?/, '')}</span>`
        : line,
    )
    .join('\n');
  s = s.replace(/\n/g, '<br>');
  return s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => saved[Number(i)] ?? '');
}

export const plainToHtml = (text: string, emojiOn = true) => {
  const s = escapeHtml(text).replace(/\n/g, '<br>');
  return emojiOn ? s.replace(/:([a-z0-9_+-]+):/g, (_, name: string) => emoji(name)) : s;
};
