import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { type Locale, translator } from '../../i18n/index.ts';

/** A person's message in a ticket's Slack thread; `ts` is Slack's (seconds since the epoch). */
export interface DiscussionMessage {
  ts: string;
  author: string;
  text: string;
}

/** Whose words and clock the copied note uses: the workspace's, not the reader's who clicked. */
export interface NoteLocale {
  locale: Locale;
  /** IANA zone, e.g. Asia/Tokyo. */
  timeZone: string;
}

/** Without settings: a Japanese team (the workspace default language, Japan's time). */
export const DEFAULT_NOTE_LOCALE: NoteLocale = Object.freeze({ locale: 'ja', timeZone: 'Asia/Tokyo' });

/**
 * The internal note "Copy discussion" writes to Zendesk: a header in the workspace language naming the
 * time zone, then one line per message with its local time. Plain text (Zendesk shows it as written).
 */
export function discussionNoteBody(messages: readonly DiscussionMessage[], note: NoteLocale): string {
  const t = translator(note.locale);
  const when = (ts: string) => format(new TZDate(Number(ts) * 1000, note.timeZone), 'yyyy-MM-dd HH:mm');
  return [
    t('dthread.note_header', { zone: note.timeZone }),
    '',
    ...messages.map((m) => t('dthread.note_line', { when: when(m.ts), author: m.author, text: m.text })),
  ].join('\n');
}
