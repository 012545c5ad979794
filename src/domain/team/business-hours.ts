import { TZDate } from '@date-fns/tz';
import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, differenceInMilliseconds, format, getDay, max, min, startOfDay } from 'date-fns';
import { z } from 'zod';
import { YorisoiError } from '../../errors.ts';

/**
 * An inbox's business hours: when the clock of a response target runs. Computed in the inbox's own time zone
 * (date-fns + @date-fns/tz, so DST zones work too), on its weekdays, between its opening and closing time,
 * except Japanese public holidays (@holiday-jp/holiday_jp, maintained upstream from the Cabinet Office list)
 * and the company's own holidays (年末年始, 夏季休業 … from config).
 *
 * A shift belongs to the day it opens: `22:00–06:00` on Friday runs until Saturday 06:00, and a holiday on
 * Friday removes that whole overnight shift.
 */
export interface BusinessHours {
  /** IANA zone, e.g. Asia/Tokyo. */
  timeZone: string;
  /** Days the shift opens, 0 = Sunday … 6 = Saturday. */
  weekdays: readonly number[];
  /** Minutes after local midnight. `closeMinute <= openMinute` means the shift ends the next day. */
  openMinute: number;
  closeMinute: number;
  /** Skip Japanese public holidays (振替休日 and 国民の休日 included). */
  japaneseHolidays: boolean;
  /** Company holidays: `2026-12-29`, a yearly `12-29`, or ranges `12-29..01-03` / `2026-08-12..2026-08-16`. */
  companyHolidays: readonly string[];
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = Object.freeze({
  timeZone: 'Asia/Tokyo',
  weekdays: [1, 2, 3, 4, 5],
  openMinute: 9 * 60,
  closeMinute: 18 * 60,
  japaneseHolidays: true,
  companyHolidays: [],
});

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const clock = /^([01]?\d|2[0-4]):([0-5]\d)$/;
const holidaySpec = /^(\d{4}-)?\d{2}-\d{2}(\.\.(\d{4}-)?\d{2}-\d{2})?$/;

function toMinute(text: string): number {
  const m = clock.exec(text.trim());
  if (!m) throw new YorisoiError('bad_input', `"${text}" is not a time such as 09:00`);
  const minute = Number(m[1]) * 60 + Number(m[2]);
  if (minute > 24 * 60) throw new YorisoiError('bad_input', `"${text}" is after 24:00`);
  return minute;
}

function parseWeekdays(text: string): number[] {
  const days = new Set<number>();
  for (const part of text.toLowerCase().split(',')) {
    const [a, b] = part.trim().split('-');
    const from = DAY_NAMES.indexOf((a ?? '').slice(0, 3) as (typeof DAY_NAMES)[number]);
    const to = b === undefined ? from : DAY_NAMES.indexOf(b.slice(0, 3) as (typeof DAY_NAMES)[number]);
    if (from < 0 || to < 0)
      throw new YorisoiError('bad_input', `"${part}" is not a day such as mon or mon-fri`);
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort();
}

/**
 * Parses the config form `"mon-fri 09:00-18:00 Asia/Tokyo"` (days, hours, zone; any order of the last two is
 * not accepted — it is exactly these three words) plus the company holiday list.
 */
export function parseBusinessHours(spec: string, companyHolidays: readonly string[] = []): BusinessHours {
  const words = spec.trim().split(/\s+/);
  if (words.length !== 3)
    throw new YorisoiError(
      'bad_input',
      `"${spec}" must be "DAYS HH:MM-HH:MM ZONE", e.g. "mon-fri 09:00-18:00 Asia/Tokyo"`,
    );
  const [days = '', hours = '', timeZone = ''] = words;
  const [open = '', close = ''] = hours.split('-');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new YorisoiError('bad_input', `"${timeZone}" is not a time zone such as Asia/Tokyo`);
  }
  for (const h of companyHolidays)
    if (!holidaySpec.test(h))
      throw new YorisoiError(
        'bad_input',
        `company holiday "${h}" must be 2026-12-29, 12-29 or a range such as 12-29..01-03`,
      );
  const hoursValue: BusinessHours = {
    timeZone,
    weekdays: parseWeekdays(days),
    openMinute: toMinute(open),
    closeMinute: toMinute(close),
    japaneseHolidays: true,
    companyHolidays: [...companyHolidays],
  };
  if (hoursValue.openMinute === hoursValue.closeMinute % (24 * 60) && hoursValue.openMinute !== 0)
    throw new YorisoiError('bad_input', `"${hours}" opens and closes at the same time`);
  return hoursValue;
}

export const businessHoursSchema = z.string().transform((s, ctx) => {
  try {
    return parseBusinessHours(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
    return z.NEVER;
  }
});

/** `yyyy-MM-dd` → is it a company holiday? Yearly entries (`MM-dd`) and ranges across New Year work. */
function companyHolidayMatcher(specs: readonly string[]): (day: string) => boolean {
  const rules = specs.map((s) => {
    const [from = '', to = from] = s.split('..');
    return { from, to };
  });
  return (day) => {
    const md = day.slice(5);
    return rules.some(({ from, to }) => {
      const yearly = from.length === 5;
      const key = yearly ? md : day;
      const end = yearly && to.length === 10 ? to.slice(5) : to;
      // A yearly range that wraps the new year (12-29..01-03).
      if (yearly && end < from) return key >= from || key <= end;
      return key >= from && key <= end;
    });
  };
}

export interface BusinessCalendar {
  readonly hours: BusinessHours;
  /** Is the local date (yyyy-MM-dd) a day the shift opens? */
  isBusinessDay(localDate: string): boolean;
  /** Milliseconds of business time in [from, to); 0 when to <= from. */
  elapsed(from: Date, to: Date): number;
  /** Is the instant inside a shift? */
  isOpen(at: Date): boolean;
  /** The instant `ms` of business time after `from` (where a target of `ms` falls due). */
  addBusinessTime(from: Date, ms: number): Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function localMidnight(localDate: string, timeZone: string): TZDate {
  const [y, m, d] = localDate.split('-').map(Number);
  return new TZDate(y ?? 1970, (m ?? 1) - 1, d ?? 1, 0, 0, timeZone);
}

export function createBusinessCalendar(hours: BusinessHours): BusinessCalendar {
  const isCompanyHoliday = companyHolidayMatcher(hours.companyHolidays);
  const publicHolidays = holidayJp.holidays as Record<string, unknown>;
  const closeOffset = hours.closeMinute > hours.openMinute ? hours.closeMinute : hours.closeMinute + 24 * 60;

  const isBusinessDay = (localDate: string): boolean => {
    const day = localMidnight(localDate, hours.timeZone);
    if (!hours.weekdays.includes(getDay(day))) return false;
    if (hours.japaneseHolidays && localDate in publicHolidays) return false;
    return !isCompanyHoliday(localDate);
  };

  /** Shifts (open, close instants) that open on local days from the day before `from` until `to`'s day. */
  function* shifts(from: Date, to: Date): Generator<[Date, Date]> {
    let day = addDays(startOfDay(new TZDate(from.getTime(), hours.timeZone)), closeOffset > 24 * 60 ? -1 : 0);
    const last = startOfDay(new TZDate(to.getTime(), hours.timeZone));
    for (; day.getTime() <= last.getTime(); day = addDays(day, 1)) {
      const localDate = format(day, 'yyyy-MM-dd');
      if (!isBusinessDay(localDate)) continue;
      // Wall-clock arithmetic in the zone: a DST day still opens at 09:00 local.
      const open = localMidnight(localDate, hours.timeZone);
      open.setMinutes(hours.openMinute);
      const close = localMidnight(localDate, hours.timeZone);
      close.setMinutes(closeOffset);
      yield [open, close];
    }
  }

  const elapsed = (from: Date, to: Date): number => {
    if (to.getTime() <= from.getTime()) return 0;
    let total = 0;
    for (const [open, close] of shifts(from, to)) {
      const a = max([open, from]);
      const b = min([close, to]);
      if (b.getTime() > a.getTime()) total += differenceInMilliseconds(b, a);
    }
    return total;
  };

  return {
    hours,
    isBusinessDay,
    elapsed,
    isOpen: (at) => elapsed(at, new Date(at.getTime() + 1)) > 0,
    addBusinessTime(from, ms) {
      let left = ms;
      // Walk a week at a time; a calendar with no business day at all in a year is a configuration error.
      for (let start = from; start.getTime() < from.getTime() + 366 * DAY_MS; ) {
        const end = new Date(start.getTime() + 7 * DAY_MS);
        for (const [open, close] of shifts(start, end)) {
          // Clip to this week: an overnight shift is seen by two weeks and must count once.
          const a = max([open, start]);
          const b = min([close, end]);
          if (b.getTime() <= a.getTime()) continue;
          const span = b.getTime() - a.getTime();
          if (span >= left) return new Date(a.getTime() + left);
          left -= span;
        }
        start = end;
      }
      throw new YorisoiError('bad_input', 'no business hours within a year');
    },
  };
}
