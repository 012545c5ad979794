import { describe, expect, it } from 'vitest';
import { discussionNoteBody } from '../../src/domain/drafting/discussion-note.ts';

// 2026-03-29 00:30 UTC: Europe/Berlin moves to summer time at 01:00 UTC that day.
const beforeSwitch = String(Date.UTC(2026, 2, 29, 0, 30) / 1000);
const afterSwitch = String(Date.UTC(2026, 2, 29, 1, 30) / 1000);
const messages = [
  { ts: `${beforeSwitch}.000100`, author: 'Aiko Sato', text: 'Refund is allowed on her plan.' },
  { ts: `${afterSwitch}.000200`, author: 'Kenji Tanaka', text: '{{text}} stays as typed' },
];

describe('the copied discussion note', () => {
  it('an English workspace in Berlin: English header naming the zone, local times across the DST switch', () => {
    expect(discussionNoteBody(messages, { locale: 'en', timeZone: 'Europe/Berlin' })).toBe(
      [
        'Slack discussion of this ticket (copied by yorisoi; internal note, not sent to the customer). Times in Europe/Berlin:',
        '',
        '[2026-03-29 01:30] Aiko Sato: Refund is allowed on her plan.',
        '[2026-03-29 03:30] Kenji Tanaka: {{text}} stays as typed',
      ].join('\n'),
    );
  });

  it('a Japanese workspace in Tokyo (the default team): Japanese header, Tokyo times', () => {
    expect(discussionNoteBody(messages.slice(0, 1), { locale: 'ja', timeZone: 'Asia/Tokyo' })).toBe(
      [
        'Slack スレッドでの相談（yorisoi がコピーした社内メモです。お客様には送信されていません）。時刻は Asia/Tokyo:',
        '',
        '[2026-03-29 09:30] Aiko Sato: Refund is allowed on her plan.',
      ].join('\n'),
    );
  });
});
