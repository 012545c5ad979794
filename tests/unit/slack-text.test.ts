import { describe, expect, it } from 'vitest';
import { slackLength as simLength, validateMessageBlocks } from '../../src/sim/slack/block-kit.ts';
import { context, fields, header, plain, section } from '../../src/views/block-kit.ts';
import { escapeMrkdwn, graphemesOf, slackLength, splitEscaped, truncate } from '../../src/views/mrkdwn.ts';
import { buildThreadComment, buildTicketRootMessage } from '../../src/views/ticket-thread.ts';
import { sampleComment, sampleInbox, sampleTicket } from '../fixtures/sample-ticket.ts';

const FAMILY = '👨‍👩‍👧‍👦'; // 7 code points, 11 UTF-16 units, one grapheme
const wellFormedText = (s: string) =>
  !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
const graphemes = (s: string) =>
  [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((x) => x.segment);

describe("characters as Slack counts them (code points, as the published Block Kit schema's maxLength)", () => {
  it('the product and the simulator count the same unit', () => {
    for (const s of ['abc', '😀'.repeat(100), '𠮷'.repeat(120), FAMILY.repeat(60), '&amp;']) {
      expect(slackLength(s)).toBe(simLength(s));
      expect(slackLength(s)).toBe(Array.from(s).length);
    }
  });

  it('graphemes are exactly what Intl.Segmenter says, for emoji sequences, flags, marks, CR LF and jamo', () => {
    const s = `${FAMILY}👍🏽🇯🇵🏳️‍🌈1️⃣が\u3099e\u0301\r\n한\u1100\u1161\u11a8𠮷ok a\u200d 😀&<`;
    expect(graphemesOf(s)).toEqual(graphemes(s));
  });

  it('a header of 100 emoji or 120 × 𠮷 is valid as it is (under 150 code points)', () => {
    expect(validateMessageBlocks([header(plain('😀'.repeat(100)))])).toEqual([]);
    expect(validateMessageBlocks([header(plain('𠮷'.repeat(120)))])).toEqual([]);
    expect((header(plain('😀'.repeat(100))) as { text: { text: string } }).text.text).toBe('😀'.repeat(100));
  });

  it('a header of 60 ZWJ families is cut between whole graphemes, within 150 code points', () => {
    const h = header(plain(FAMILY.repeat(60))) as { text: { text: string } };
    expect(slackLength(h.text.text)).toBeLessThanOrEqual(150);
    expect(graphemes(h.text.text).every((g) => g === FAMILY || g === '…')).toBe(true);
    expect(validateMessageBlocks([h])).toEqual([]);
  });

  it('truncating escaped mrkdwn never cuts an entity, a surrogate pair or a ZWJ sequence', () => {
    for (let max = 2; max < 40; max++) {
      const out = truncate(escapeMrkdwn(`a&b<c>d 😀 𠮷 ${FAMILY} & & &`), max);
      expect(slackLength(out)).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(wellFormedText(out)).toBe(true);
      expect(graphemes(out).some((g) => g.includes('\u200d') && g !== FAMILY)).toBe(false);
    }
    const s = section(escapeMrkdwn('&'.repeat(3000))) as { text: { text: string } };
    expect(slackLength(s.text.text)).toBeLessThanOrEqual(3000);
    expect(s.text.text).toMatch(/^(&amp;)+…$/);
    const c = context(escapeMrkdwn('<'.repeat(1000))) as { elements: Array<{ text: string }> };
    expect(c.elements[0]?.text).toMatch(/^(&lt;)+…$/);
    const f = fields([escapeMrkdwn('>'.repeat(700))]) as { fields: Array<{ text: string }> };
    expect(f.fields[0]?.text).toMatch(/^(&gt;)+…$/);
  });

  it('splits raw text before escaping: every piece within max, no entity or grapheme cut, nothing lost', () => {
    const raw = `${'&'.repeat(2000)}${FAMILY.repeat(500)}\n${'😀'.repeat(3000)}<>`;
    const pieces = splitEscaped(raw, 2900);
    for (const p of pieces) {
      expect(slackLength(p)).toBeLessThanOrEqual(2900);
      expect(p).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(wellFormedText(p)).toBe(true);
    }
    expect(pieces.join('').replaceAll('\n', '')).toBe(escapeMrkdwn(raw).replaceAll('\n', ''));
  });
});

const inbox = sampleInbox();

describe('hostile subjects and bodies still make valid messages', () => {
  for (const subject of [
    '😀'.repeat(100),
    '𠮷'.repeat(120),
    FAMILY.repeat(60),
    '&'.repeat(400),
    'a\u0000b\ud800c',
  ]) {
    it(`root with subject ${JSON.stringify(subject.slice(0, 12))}… is valid Block Kit`, () => {
      const m = buildTicketRootMessage(sampleTicket({ subject }), inbox, {
        zendeskUrl: 'https://x.zendesk.com/agent/tickets/42',
      });
      expect(validateMessageBlocks(m.blocks)).toEqual([]);
      expect(wellFormedText(JSON.stringify(m))).toBe(true);
    });
  }
  it('a follow-up of 20,000 emoji and a 50,000-character body become valid messages that keep every character', () => {
    for (const body of ['😀'.repeat(20_000), `${'あ&<'.repeat(16_666)}xy`]) {
      const parts = buildThreadComment(sampleTicket(), sampleComment({ body }), 'customer');
      for (const m of parts) {
        expect(validateMessageBlocks(m.blocks)).toEqual([]);
        expect(slackLength(m.text)).toBeLessThanOrEqual(40_000);
      }
      const shown = parts
        .flatMap((m) =>
          (m.blocks ?? [])
            .filter((b) => b.type === 'section')
            .map((b) => (b as { text: { text: string } }).text.text),
        )
        .join('');
      expect(shown.replaceAll('\n', '')).toBe(escapeMrkdwn(body));
    }
  });
});
