// Block Kit JSON → one HTML page that looks like the Slack desktop client: a channel message (or several),
// a modal, or the App Home. Only for looking at what users see (scripts/render-slack.ts screenshots it);
// unknown blocks show as a red box, never silently.
import { escapeHtml, mrkdwnToHtml, plainToHtml, type RenderContext } from './mrkdwn.ts';

type Json = Record<string, unknown>;
type Text = { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };

export type Surface =
  | { kind: 'messages'; messages: Json[] }
  | { kind: 'modal'; view: Json }
  | { kind: 'home'; view: Json };

/** Accepts what our code and Slack's API use: a message ({blocks, text, attachments}), a bare block list,
 * {messages:[…]}, a view ({type:'modal'|'home'}), or a views.open / views.publish / chat.postMessage body. */
export function detectSurface(input: unknown): Surface {
  if (Array.isArray(input)) return { kind: 'messages', messages: [{ blocks: input }] };
  const o = (input ?? {}) as Json;
  if (Array.isArray(o.messages)) return { kind: 'messages', messages: o.messages as Json[] };
  const view = (o.view ?? o) as Json;
  if (view.type === 'modal') return { kind: 'modal', view };
  if (view.type === 'home') return { kind: 'home', view };
  return { kind: 'messages', messages: [o] };
}

const text = (t: Text | undefined, ctx: RenderContext) =>
  !t ? '' : t.type === 'mrkdwn' ? mrkdwnToHtml(t.text, ctx) : plainToHtml(t.text, t.emoji !== false);

function option(o: Json | undefined, ctx: RenderContext): string {
  if (!o) return '';
  return text(o.text as Text, ctx);
}

function element(el: Json, ctx: RenderContext, inInput = false): string {
  const type = el.type as string;
  switch (type) {
    case 'button': {
      const style = el.style === 'primary' ? ' primary' : el.style === 'danger' ? ' danger' : '';
      return `<span class="button${style}">${text(el.text as Text, ctx)}${el.url ? ' <span class="ext">↗</span>' : ''}</span>`;
    }
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select': {
      const initial =
        (el.initial_option as Json | undefined) ??
        (el.initial_user ? { text: { type: 'plain_text', text: `@${el.initial_user}` } } : undefined) ??
        (el.initial_channel ? { text: { type: 'plain_text', text: `#${el.initial_channel}` } } : undefined);
      // One span: the select spreads its children apart, and an option may hold several emoji.
      const shown = initial
        ? `<span>${option(initial, ctx)}</span>`
        : `<span class="placeholder">${text(el.placeholder as Text, ctx) || 'Select an item'}</span>`;
      return `<span class="select${inInput ? ' wide' : ''}">${shown}<span class="caret">⌄</span></span>`;
    }
    case 'multi_static_select':
    case 'multi_users_select':
    case 'multi_external_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const chosen = (el.initial_options as Json[] | undefined) ?? [];
      const shown = chosen.length
        ? chosen.map((o) => `<span class="chip">${option(o, ctx)}</span>`).join('')
        : `<span class="placeholder">${text(el.placeholder as Text, ctx) || 'Select items'}</span>`;
      return `<span class="select wide">${shown}<span class="caret">⌄</span></span>`;
    }
    case 'overflow':
      return '<span class="button overflow">⋮</span>';
    case 'datepicker':
      return `<span class="select">📅 ${escapeHtml(String(el.initial_date ?? ''))}${el.initial_date ? '' : `<span class="placeholder">${text(el.placeholder as Text, ctx) || 'Select a date'}</span>`}</span>`;
    case 'timepicker':
      return `<span class="select">🕒 ${escapeHtml(String(el.initial_time ?? 'Select time'))}</span>`;
    case 'datetimepicker': {
      const t = el.initial_date_time as number | undefined;
      const shown = t
        ? escapeHtml(
            new Intl.DateTimeFormat(ctx.locale, {
              timeZone: ctx.timeZone,
              dateStyle: 'medium',
              timeStyle: 'short',
            }).format(new Date(t * 1000)),
          )
        : '<span class="placeholder">Select a date · time</span>';
      return `<span class="select">📅 ${shown}</span>`;
    }
    case 'checkboxes':
    case 'radio_buttons': {
      const selected = new Set(
        (
          (el.initial_options as Json[] | undefined) ?? (el.initial_option ? [el.initial_option as Json] : [])
        ).map((o) => o.value),
      );
      const mark = type === 'checkboxes' ? ['☐', '☑'] : ['○', '◉'];
      return `<div class="choices">${((el.options as Json[]) ?? [])
        .map(
          (o) =>
            `<div class="choice"><span class="box${selected.has(o.value) ? ' on' : ''}">${selected.has(o.value) ? mark[1] : mark[0]}</span><span>${option(o, ctx)}${o.description ? `<div class="desc">${text(o.description as Text, ctx)}</div>` : ''}</span></div>`,
        )
        .join('')}</div>`;
    }
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const value = el.initial_value as string | undefined;
      const body = value
        ? plainToHtml(value, false)
        : `<span class="placeholder">${text(el.placeholder as Text, ctx)}</span>`;
      return `<div class="textinput${el.multiline ? ' multiline' : ''}">${body}</div>`;
    }
    case 'image':
      return `<span class="img-small" title="${escapeHtml(String(el.alt_text ?? ''))}">🖼</span>`;
    case 'mrkdwn':
    case 'plain_text':
      return `<span>${text(el as unknown as Text, ctx)}</span>`;
    default:
      return `<span class="unsupported">unsupported element: ${escapeHtml(type)}</span>`;
  }
}

function richText(el: Json, ctx: RenderContext): string {
  const inline = (els: Json[]) =>
    els
      .map((e) => {
        let h: string;
        switch (e.type) {
          case 'text':
            h = plainToHtml(String(e.text ?? ''), false);
            break;
          case 'link':
            h = `<a href="${escapeHtml(String(e.url))}">${escapeHtml(String(e.text ?? e.url))}</a>`;
            break;
          case 'user':
            h = `<span class="mention">@${escapeHtml(ctx.users[String(e.user_id)] ?? String(e.user_id))}</span>`;
            break;
          case 'channel':
            h = `<span class="mention">#${escapeHtml(ctx.channels[String(e.channel_id)] ?? String(e.channel_id))}</span>`;
            break;
          case 'emoji':
            h = mrkdwnToHtml(`:${e.name}:`, ctx);
            break;
          case 'broadcast':
            h = `<span class="mention broadcast">@${escapeHtml(String(e.range))}</span>`;
            break;
          case 'date':
            h = mrkdwnToHtml(`<!date^${e.timestamp}^${e.format}|${e.fallback ?? ''}>`, ctx);
            break;
          default:
            h = `<span class="unsupported">${escapeHtml(String(e.type))}</span>`;
        }
        const st = (e.style ?? {}) as Record<string, boolean>;
        if (st.code) h = `<code>${h}</code>`;
        if (st.bold) h = `<b>${h}</b>`;
        if (st.italic) h = `<i>${h}</i>`;
        if (st.strike) h = `<s>${h}</s>`;
        return h;
      })
      .join('');
  const part = (p: Json): string => {
    const els = (p.elements as Json[]) ?? [];
    switch (p.type) {
      case 'rich_text_section':
        return `<div>${inline(els)}</div>`;
      case 'rich_text_preformatted':
        return `<pre>${inline(els)}</pre>`;
      case 'rich_text_quote':
        return `<div class="quote">${inline(els)}</div>`;
      case 'rich_text_list': {
        const tag = p.style === 'ordered' ? 'ol' : 'ul';
        return `<${tag} style="margin-left:${Number(p.indent ?? 0) * 22}px">${els.map((s) => `<li>${inline((s.elements as Json[]) ?? [])}</li>`).join('')}</${tag}>`;
      }
      default:
        return `<span class="unsupported">${escapeHtml(String(p.type))}</span>`;
    }
  };
  return `<div class="block rich">${((el.elements as Json[]) ?? []).map(part).join('')}</div>`;
}

export function block(b: Json, ctx: RenderContext): string {
  switch (b.type) {
    case 'section': {
      const fields = (b.fields as Text[] | undefined) ?? [];
      const acc = b.accessory as Json | undefined;
      const accHtml = acc
        ? acc.type === 'image'
          ? `<div class="accessory"><div class="img-thumb" title="${escapeHtml(String(acc.alt_text ?? ''))}">🖼<br><small>${escapeHtml(String(acc.alt_text ?? ''))}</small></div></div>`
          : `<div class="accessory">${element(acc, ctx)}</div>`
        : '';
      return `<div class="block section"><div class="section-main">${b.text ? `<div class="text">${text(b.text as Text, ctx)}</div>` : ''}${
        fields.length
          ? `<div class="fields">${fields.map((f) => `<div class="field">${text(f, ctx)}</div>`).join('')}</div>`
          : ''
      }</div>${accHtml}</div>`;
    }
    case 'header':
      return `<div class="block header">${text(b.text as Text, ctx)}</div>`;
    case 'divider':
      return '<div class="block divider"></div>';
    case 'context':
      return `<div class="block context">${((b.elements as Json[]) ?? [])
        .map((e) =>
          e.type === 'image'
            ? '<span class="ctx-img">🖼</span>'
            : `<span>${text(e as unknown as Text, ctx)}</span>`,
        )
        .join('')}</div>`;
    case 'actions':
      return `<div class="block actions">${((b.elements as Json[]) ?? []).map((e) => element(e, ctx)).join('')}</div>`;
    case 'input': {
      const el = (b.element ?? {}) as Json;
      return `<div class="block input"><div class="label">${text(b.label as Text, ctx)}${b.optional ? ' <span class="optional">(optional)</span>' : ''}</div>${element(el, ctx, true)}${
        b.hint ? `<div class="hint">${text(b.hint as Text, ctx)}</div>` : ''
      }</div>`;
    }
    case 'image':
      return `<div class="block image">${b.title ? `<div class="img-title">${text(b.title as Text, ctx)}</div>` : ''}<div class="img-box" title="${escapeHtml(String(b.image_url ?? ''))}">🖼 ${escapeHtml(String(b.alt_text ?? 'image'))}<br><small>${escapeHtml(String(b.image_url ?? (b.slack_file ? 'slack_file' : '')))}</small></div></div>`;
    case 'rich_text':
      return richText(b, ctx);
    default:
      return `<div class="block unsupported">unsupported block: ${escapeHtml(String(b.type))}</div>`;
  }
}

const blocks = (list: unknown, ctx: RenderContext) =>
  ((list as Json[] | undefined) ?? []).map((b) => block(b, ctx)).join('');

function attachment(a: Json, ctx: RenderContext): string {
  const color =
    typeof a.color === 'string'
      ? a.color.startsWith('#')
        ? a.color
        : a.color === 'danger'
          ? '#e01e5a'
          : a.color === 'warning'
            ? '#ecb22e'
            : a.color === 'good'
              ? '#2eb67d'
              : `#${a.color}`
      : '#dddddd';
  const fields = ((a.fields as Json[] | undefined) ?? [])
    .map(
      (f) =>
        `<div class="field${f.short ? '' : ' long'}"><b>${plainToHtml(String(f.title ?? ''))}</b><br>${mrkdwnToHtml(String(f.value ?? ''), ctx)}</div>`,
    )
    .join('');
  return `<div class="attachment" style="border-left-color:${escapeHtml(color)}">${a.pretext ? `<div>${mrkdwnToHtml(String(a.pretext), ctx)}</div>` : ''}${
    a.title ? `<div class="att-title">${plainToHtml(String(a.title))}</div>` : ''
  }${a.text ? `<div>${mrkdwnToHtml(String(a.text), ctx)}</div>` : ''}${fields ? `<div class="fields">${fields}</div>` : ''}${blocks(a.blocks, ctx)}${
    a.footer ? `<div class="context">${mrkdwnToHtml(String(a.footer), ctx)}</div>` : ''
  }</div>`;
}

function message(m: Json, ctx: RenderContext, botName: string, time: string): string {
  const hasBlocks = Array.isArray(m.blocks) && (m.blocks as unknown[]).length > 0;
  const body = hasBlocks
    ? blocks(m.blocks, ctx)
    : `<div class="block">${mrkdwnToHtml(String(m.text ?? ''), ctx)}</div>`;
  const atts = ((m.attachments as Json[] | undefined) ?? []).map((a) => attachment(a, ctx)).join('');
  const replies =
    typeof m._replies === 'number'
      ? `<div class="replies"><span class="mention">${m._replies} replies</span></div>`
      : '';
  return `<div class="message"><div class="avatar">よ</div><div class="content"><div class="meta"><b>${escapeHtml(String(m.username ?? botName))}</b><span class="app">APP</span><span class="time">${escapeHtml(String(m._time ?? time))}</span></div>${body}${atts}${replies}</div></div>`;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1d1c1d;font:15px/1.46668 Lato,"Noto Sans CJK JP","Noto Color Emoji",sans-serif;-webkit-font-smoothing:antialiased}
#root{display:inline-block}
.channel{width:var(--w);background:#fff;padding:8px 0}
.channel-head{padding:10px 20px;border-bottom:1px solid #ddd;font-weight:900;font-size:18px}
.message{display:flex;padding:8px 20px;gap:8px}
.avatar{flex:0 0 36px;height:36px;border-radius:6px;background:#4a154b;color:#fff;font-weight:900;display:flex;align-items:center;justify-content:center}
.content{flex:1;min-width:0}
.meta{line-height:22px}.meta b{font-weight:900}
.app{font-size:10px;background:rgba(29,28,29,.13);color:rgba(29,28,29,.7);border-radius:2px;padding:1px 3px;margin:0 6px;font-weight:700;vertical-align:1px}
.time{color:#616061;font-size:12px}
.block{margin:4px 0;word-wrap:break-word;overflow-wrap:anywhere}
.header{font-size:18px;font-weight:900;line-height:1.33;margin:8px 0 4px}
.section{display:flex;gap:12px;align-items:flex-start}.section-main{flex:1;min-width:0}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:4px;max-width:600px}
.field.long{grid-column:1/3}
.accessory{flex:0 0 auto}
.context{color:#616061;font-size:12px;line-height:1.5;display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.context span .emoji{font-size:14px}
.divider{border-top:1px solid #ddd;margin:12px 0}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.button{display:inline-flex;align-items:center;height:28px;padding:0 12px;border:1px solid rgba(29,28,29,.3);border-radius:4px;font-size:13px;font-weight:700;background:#fff;white-space:nowrap}
.button.primary{background:#007a5a;border-color:#007a5a;color:#fff}.button.danger{background:#fff;border-color:#e01e5a;color:#e01e5a}
.button.overflow{padding:0 8px}.ext{font-weight:400;color:#616061;margin-left:4px}
.select{display:inline-flex;align-items:center;gap:6px;min-height:28px;padding:2px 8px;border:1px solid rgba(29,28,29,.3);border-radius:4px;font-size:14px;background:#fff;min-width:160px;justify-content:space-between}
.select.wide{display:flex;width:100%;min-height:36px}
.caret{color:#616061}.chip{background:#f0f0f0;border-radius:3px;padding:0 6px;margin-right:4px}
.placeholder{color:#868686}
.input{margin:12px 0 16px}.label{font-weight:700;margin-bottom:6px}.optional{font-weight:400;color:#616061}
.hint{color:#616061;font-size:13px;margin-top:4px}
.textinput{border:1px solid rgba(29,28,29,.3);border-radius:4px;padding:8px 10px;min-height:36px;white-space:normal}
.textinput.multiline{min-height:90px}
.choices{display:flex;flex-direction:column;gap:6px}.choice{display:flex;gap:8px}.box{color:#616061}.box.on{color:#1264a3}
.desc{color:#616061;font-size:13px}
.image .img-box,.img-thumb{background:#f4f4f4;border:1px dashed #bbb;border-radius:4px;color:#616061;padding:12px;text-align:center}
.img-thumb{width:88px;height:88px;font-size:24px;padding:8px}.img-thumb small{font-size:10px}
a{color:#1264a3;text-decoration:none}
.mention{color:#1264a3;background:rgba(29,155,209,.1);border-radius:3px;padding:0 2px}
.mention.broadcast{color:#8d6e00;background:rgba(242,199,68,.4)}
.date{border-bottom:1px dotted #616061}
code{font:12px/1.5 Monaco,Menlo,"DejaVu Sans Mono","Noto Sans Mono CJK JP",monospace;color:#e01e5a;background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:3px;padding:2px 3px 1px}
pre{font:12px/1.5 Monaco,Menlo,"DejaVu Sans Mono","Noto Sans Mono CJK JP",monospace;background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:4px;padding:8px;white-space:pre-wrap;margin:4px 0}
.quote{display:block;border-left:4px solid #ddd;padding-left:12px}
.emoji{font-family:"Noto Color Emoji",sans-serif;font-size:1.1em}
.attachment{border-left:4px solid #ddd;padding:2px 12px;margin:6px 0;border-radius:0}.att-title{font-weight:700}
.replies{margin-top:4px;font-size:13px;font-weight:700}
.unsupported{color:#e01e5a;border:1px dashed #e01e5a;padding:2px 6px}
.rich ul,.rich ol{margin:2px 0;padding-left:22px}
.modal-wrap{background:rgba(0,0,0,.45);padding:24px}
.modal{width:var(--w);background:#fff;border-radius:8px;box-shadow:0 18px 48px rgba(0,0,0,.35);overflow:hidden}
.modal-title{display:flex;justify-content:space-between;align-items:center;padding:18px 28px 14px;font-size:22px;font-weight:900;border-bottom:1px solid #ddd}
.modal-body{padding:12px 28px}
.modal-foot{display:flex;justify-content:flex-end;gap:12px;padding:18px 28px;border-top:1px solid #ddd}
.modal-foot .button{height:36px;font-size:15px;padding:0 16px}
.home{width:var(--w);padding:20px 28px;background:#fff}
`;

export interface RenderOptions {
  ctx: RenderContext;
  /** CSS width of the surface: ~800 for a channel with the thread closed, 520 for a modal (Slack's). */
  width?: number;
  botName?: string;
  channelName?: string;
  time?: string;
}

export function renderHtml(surface: Surface, o: RenderOptions): string {
  const { ctx } = o;
  let inner: string;
  let width: number;
  if (surface.kind === 'modal') {
    width = o.width ?? 520;
    const v = surface.view;
    inner = `<div class="modal-wrap"><div class="modal"><div class="modal-title"><span>${text(v.title as Text, ctx)}</span><span style="color:#616061;font-weight:400">✕</span></div><div class="modal-body">${blocks(v.blocks, ctx)}</div><div class="modal-foot"><span class="button">${
      v.close ? text(v.close as Text, ctx) : 'Cancel'
    }</span>${v.submit ? `<span class="button primary">${text(v.submit as Text, ctx)}</span>` : ''}</div></div></div>`;
  } else if (surface.kind === 'home') {
    width = o.width ?? 900;
    inner = `<div class="home">${blocks(surface.view.blocks, ctx)}</div>`;
  } else {
    width = o.width ?? 800;
    inner = `<div class="channel">${o.channelName ? `<div class="channel-head"># ${escapeHtml(o.channelName)}</div>` : ''}${surface.messages
      .map((m) => message(m, ctx, o.botName ?? 'yorisoi', o.time ?? ''))
      .join('')}</div>`;
  }
  return `<!doctype html><html lang="${escapeHtml(ctx.locale)}"><head><meta charset="utf-8"><style>:root{--w:${width}px}${CSS}</style></head><body><div id="root">${inner}</div></body></html>`;
}
