import { describe, expect, it } from 'vitest';
import { block, detectSurface, renderHtml } from '../../scripts/render-slack/html.ts';
import { mrkdwnToHtml, type RenderContext } from '../../scripts/render-slack/mrkdwn.ts';

const ctx: RenderContext = {
  locale: 'ja',
  timeZone: 'Asia/Tokyo',
  users: { U0AGENT1: '鈴木 一郎' },
  channels: {},
  now: new Date('2026-11-30T05:42:00Z'),
};

describe('render-slack: mrkdwn as Slack shows it', () => {
  it('formats bold, italic, strike and code, and leaves code unformatted', () => {
    expect(mrkdwnToHtml('*太字* _斜体_ ~消し~ `*no*`', ctx)).toBe(
      '<b>太字</b> <i>斜体</i> <s>消し</s> <code>*no*</code>',
    );
  });

  it('leaves *…* literal when it touches Japanese letters, as Slack does', () => {
    expect(mrkdwnToHtml('これは*重要*です', ctx)).toBe('これは*重要*です');
    expect(mrkdwnToHtml('これは *重要* です', ctx)).toBe('これは <b>重要</b> です');
  });

  it('renders links, mentions and Slack escapes without letting HTML through', () => {
    expect(mrkdwnToHtml('<https://x.example/a?b=1&amp;c=2|ヘルプ> <mailto:a@b.jp|a@b.jp>', ctx)).toBe(
      '<a href="https://x.example/a?b=1&amp;c=2">ヘルプ</a> <a href="mailto:a@b.jp">a@b.jp</a>',
    );
    expect(mrkdwnToHtml('<@U0AGENT1> <@U999> <!here>', ctx)).toBe(
      '<span class="mention">@鈴木 一郎</span> <span class="mention">@U999</span> <span class="mention broadcast">@here</span>',
    );
    expect(mrkdwnToHtml('&lt;script&gt; &amp; <b>', ctx)).not.toContain('<script>');
    expect(mrkdwnToHtml('&lt;script&gt; &amp;', ctx)).toBe('&lt;script&gt; &amp;');
  });

  it('shows <!date^…> in the reader’s time zone and language', () => {
    const html = mrkdwnToHtml('<!date^1764480960^{date_short} {time}|fallback>', ctx);
    expect(html).toContain('>2025年11月30日 14:36<');
    const en = mrkdwnToHtml('<!date^1764480960^{date_short} {time}|fallback>', { ...ctx, locale: 'en' });
    expect(en).toContain('>Nov 30, 2025 2:36 PM<');
    expect(
      mrkdwnToHtml('<!date^1764481320^{date_pretty}|x>', { ...ctx, now: new Date('2025-11-30T09:00:00Z') }),
    ).toContain('>今日<');
  });

  it('shows known emoji shortcodes as emoji and unknown ones as text', () => {
    expect(mrkdwnToHtml(':warning: :no_such_emoji:', ctx)).toBe(
      '<span class="emoji" title=":warning:">⚠️</span> :no_such_emoji:',
    );
  });
});

describe('render-slack: surfaces and blocks', () => {
  it('recognises messages, block lists, modals, home views and API bodies', () => {
    expect(detectSurface([{ type: 'divider' }]).kind).toBe('messages');
    expect(detectSurface({ blocks: [] }).kind).toBe('messages');
    expect(detectSurface({ type: 'modal', blocks: [] }).kind).toBe('modal');
    expect(detectSurface({ trigger_id: 't', view: { type: 'modal', blocks: [] } }).kind).toBe('modal');
    expect(detectSurface({ user_id: 'U1', view: { type: 'home', blocks: [] } }).kind).toBe('home');
  });

  it('shows an input’s (optional) mark, a select’s placeholder and an unknown block loudly', () => {
    const input = block(
      {
        type: 'input',
        optional: true,
        label: { type: 'plain_text', text: '返信' },
        element: { type: 'static_select', placeholder: { type: 'plain_text', text: '選択' } },
      },
      ctx,
    );
    expect(input).toContain('返信 <span class="optional">(optional)</span>');
    expect(input).toContain('<span class="placeholder">選択</span>');
    expect(block({ type: 'table' }, ctx)).toContain('unsupported block: table');
    const page = renderHtml(
      detectSurface({ type: 'modal', title: { type: 'plain_text', text: '下書き' }, blocks: [] }),
      { ctx },
    );
    expect(page).toContain('<span>下書き</span>');
    expect(page).toContain('--w:520px');
  });
});
