import { describe, expect, it } from 'vitest';
import { matchesVoiceFilter, parseVoiceFilter } from '../../src/domain/voice/voice-filter.ts';
import { sampleInbox, sampleTicket } from '../fixtures/sample-ticket.ts';

const ticket = () =>
  sampleTicket({
    subject: 'アップロードできません',
    brandId: '100',
    brandName: 'photos',
    formId: '360001',
    tags: ['bug', 'android'],
  });
const photos = sampleInbox({ brand: 'photos', position: 20, isDefault: false });

const parse = (text: string) => {
  const r = parseVoiceFilter(text);
  if (!r.ok) throw new Error(r.problem);
  return r.filter;
};

describe('voice filters', () => {
  it('parses fields, quoted phrases, bare keywords and full-width colons', () => {
    expect(
      parseVoiceFilter('product:photos tag:bug tag：crash form:360001 keyword:"dark mode" 「写真 が」 slow'),
    ).toEqual({
      ok: true,
      filter: {
        products: ['photos'],
        tags: ['bug', 'crash'],
        forms: ['360001'],
        keywords: ['dark mode', '写真 が', 'slow'],
      },
      text: 'product:photos tag:bug tag:crash form:360001 keyword:"dark mode" keyword:"写真 が" keyword:slow',
    });
    expect(parseVoiceFilter('all')).toMatchObject({ ok: true, text: 'all' });
  });

  it('rejects empty filters, unknown fields and empty values with a clear problem', () => {
    expect(parseVoiceFilter('')).toMatchObject({ ok: false });
    expect(parseVoiceFilter('colour:blue')).toEqual({
      ok: false,
      problem: expect.stringContaining('Unknown filter "colour:"'),
    });
    expect(parseVoiceFilter('tag:')).toEqual({
      ok: false,
      problem: expect.stringContaining('needs a value'),
    });
  });

  it('ANDs different fields and ORs values of one field', () => {
    expect(matchesVoiceFilter(parse('product:photos tag:bug'), ticket(), photos, 'x')).toBe(true);
    expect(matchesVoiceFilter(parse('product:Photos tag:crash tag:ANDROID'), ticket(), photos, 'x')).toBe(
      true,
    );
    expect(matchesVoiceFilter(parse('product:billing tag:bug'), ticket(), photos, 'x')).toBe(false);
    expect(matchesVoiceFilter(parse('product:photos tag:feature'), ticket(), photos, 'x')).toBe(false);
    expect(matchesVoiceFilter(parse('form:360001'), ticket(), null, 'x')).toBe(true);
    expect(matchesVoiceFilter(parse('form:42'), ticket(), null, 'x')).toBe(false);
  });

  it('matches keywords in subject or message, ignoring width and case', () => {
    expect(matchesVoiceFilter(parse('keyword:ＤＡＲＫ'), ticket(), photos, 'Dark mode is unreadable')).toBe(
      true,
    );
    expect(matchesVoiceFilter(parse('アップロード'), ticket(), photos, '...')).toBe(true);
    expect(matchesVoiceFilter(parse('keyword:invoice'), ticket(), photos, 'Dark mode')).toBe(false);
    expect(matchesVoiceFilter(parse('all'), ticket(), null, '')).toBe(true);
  });
});
