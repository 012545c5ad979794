import { describe, expect, it } from 'vitest';
import {
  type BusinessHours,
  createBusinessCalendar,
  DEFAULT_BUSINESS_HOURS,
  parseBusinessHours,
} from '../../src/domain/team/business-hours.ts';

const H = 60 * 60 * 1000;
const M = 60 * 1000;
/** A Tokyo wall-clock time as an instant. */
const jst = (local: string) => new Date(`${local}+09:00`);
const tokyo = createBusinessCalendar(DEFAULT_BUSINESS_HOURS);
const withHours = (over: Partial<BusinessHours>) =>
  createBusinessCalendar({ ...DEFAULT_BUSINESS_HOURS, ...over });

describe('business hours: elapsed time (Asia/Tokyo, mon-fri 09:00-18:00, Japanese holidays)', () => {
  it('counts a span inside one shift as it is', () => {
    expect(tokyo.elapsed(jst('2026-11-30T10:00:00'), jst('2026-11-30T11:30:00'))).toBe(90 * M);
  });

  it('skips the night between two business days', () => {
    expect(tokyo.elapsed(jst('2026-11-30T17:00:00'), jst('2026-12-01T10:00:00'))).toBe(2 * H);
  });

  it('skips a weekend: Friday 17:30 → Monday 09:30 is one hour', () => {
    expect(tokyo.elapsed(jst('2026-11-27T17:30:00'), jst('2026-11-30T09:30:00'))).toBe(H);
  });

  it('starts the clock at opening time for a message that came in at night', () => {
    expect(tokyo.elapsed(jst('2026-11-30T07:00:00'), jst('2026-11-30T09:15:00'))).toBe(15 * M);
    expect(tokyo.elapsed(jst('2026-11-28T07:00:00'), jst('2026-11-29T23:00:00'))).toBe(0);
  });

  it('is 0 when the end is not after the start', () => {
    expect(tokyo.elapsed(jst('2026-11-30T11:00:00'), jst('2026-11-30T10:00:00'))).toBe(0);
  });

  it('does not count 元日 (a Japanese public holiday on a Thursday)', () => {
    // 2025-12-31 Wed 17:00 → 2026-01-02 Fri 10:00: one hour on the 31st, none on 元日, one on the 2nd.
    expect(tokyo.elapsed(jst('2025-12-31T17:00:00'), jst('2026-01-02T10:00:00'))).toBe(2 * H);
  });

  it('does not count 年末年始 when the company closes 12-29..01-03 (a yearly range across New Year)', () => {
    const closed = withHours({ companyHolidays: ['12-29..01-03'] });
    // 2026-12-28 Mon 17:00 → 2027-01-04 Mon 10:00.
    expect(closed.elapsed(jst('2026-12-28T17:00:00'), jst('2027-01-04T10:00:00'))).toBe(2 * H);
    expect(closed.isBusinessDay('2026-12-29')).toBe(false);
    expect(closed.isBusinessDay('2027-01-03')).toBe(false);
    expect(closed.isBusinessDay('2027-01-04')).toBe(true);
    expect(closed.isBusinessDay('2026-12-28')).toBe(true);
  });

  it('does not count Golden Week 2026 (昭和の日, 憲法記念日, みどりの日, こどもの日, 振替休日 5/6)', () => {
    // Tue 4/28 1h, Wed 4/29 holiday, Thu 4/30 9h, Fri 5/1 9h, 5/2–5/6 closed, Thu 5/7 1h.
    expect(tokyo.elapsed(jst('2026-04-28T17:00:00'), jst('2026-05-07T10:00:00'))).toBe(20 * H);
    expect(tokyo.isBusinessDay('2026-05-06')).toBe(false);
    expect(tokyo.isBusinessDay('2026-05-07')).toBe(true);
  });

  it('does not count a company holiday given as one date', () => {
    const closed = withHours({ companyHolidays: ['2026-12-01'] });
    expect(closed.elapsed(jst('2026-11-30T17:00:00'), jst('2026-12-02T10:00:00'))).toBe(2 * H);
    expect(tokyo.elapsed(jst('2026-11-30T17:00:00'), jst('2026-12-02T10:00:00'))).toBe(11 * H);
  });

  it('counts an overnight shift (22:00-06:00) from the day it opens, into the weekend', () => {
    const night = withHours({ openMinute: 22 * 60, closeMinute: 6 * 60 });
    // Fri 23:00 → Sat 06:00 = 7h; Monday's shift from 22:00 to 23:00 = 1h.
    expect(night.elapsed(jst('2026-11-27T23:00:00'), jst('2026-11-30T23:00:00'))).toBe(8 * H);
    // Starting Saturday 03:00 still sees Friday's shift.
    expect(night.elapsed(jst('2026-11-28T03:00:00'), jst('2026-11-28T12:00:00'))).toBe(3 * H);
    expect(night.isOpen(jst('2026-11-28T05:59:00'))).toBe(true);
    expect(night.isOpen(jst('2026-11-28T06:00:00'))).toBe(false);
  });

  it('drops the whole overnight shift of a holiday (勤労感謝の日, Mon 2026-11-23)', () => {
    const night = withHours({ openMinute: 22 * 60, closeMinute: 6 * 60 });
    // Fri 11/20 shift 8h; Mon 11/23 shift is a holiday; Tue 11/24 shift has not opened by 06:00.
    expect(night.elapsed(jst('2026-11-20T22:00:00'), jst('2026-11-24T06:00:00'))).toBe(8 * H);
  });

  it('keeps local opening hours across a DST change (America/New_York, 2026-03-08)', () => {
    const ny = withHours({ timeZone: 'America/New_York', japaneseHolidays: false, closeMinute: 17 * 60 });
    // Fri 16:00 EST (21:00Z) → Mon 10:00 EDT (14:00Z).
    expect(ny.elapsed(new Date('2026-03-06T21:00:00Z'), new Date('2026-03-09T14:00:00Z'))).toBe(2 * H);
  });
});

describe('business hours: when a target falls due', () => {
  it('carries the remainder over the weekend', () => {
    expect(tokyo.addBusinessTime(jst('2026-11-27T17:30:00'), H)).toEqual(jst('2026-11-30T09:30:00'));
  });

  it('carries it over Golden Week', () => {
    expect(tokyo.addBusinessTime(jst('2026-05-01T17:00:00'), 2 * H)).toEqual(jst('2026-05-07T10:00:00'));
  });

  it('counts an overnight shift that straddles the weekly step once', () => {
    const night = withHours({ openMinute: 22 * 60, closeMinute: 6 * 60 });
    const from = jst('2026-11-27T23:00:00');
    // 7 + 8 + 8 + 8 + 8 + 8 = 47h by Sat 12/05 06:00; 3h more in Monday's shift.
    const due = night.addBusinessTime(from, 50 * H);
    expect(due).toEqual(jst('2026-12-08T01:00:00'));
    expect(night.elapsed(from, due)).toBe(50 * H);
  });
});

describe('business hours: the config form', () => {
  it('reads days, hours and zone', () => {
    expect(parseBusinessHours('mon-fri 09:00-18:00 Asia/Tokyo', ['12-29..01-03'])).toEqual({
      timeZone: 'Asia/Tokyo',
      weekdays: [1, 2, 3, 4, 5],
      openMinute: 540,
      closeMinute: 1080,
      japaneseHolidays: true,
      companyHolidays: ['12-29..01-03'],
    });
    expect(parseBusinessHours('sat-mon 22:00-06:00 UTC').weekdays).toEqual([0, 1, 6]);
  });

  it('says what is wrong with a bad value', () => {
    expect(() => parseBusinessHours('mon-fri 9-18 Asia/Tokyo')).toThrow(/not a time such as 09:00/);
    expect(() => parseBusinessHours('mon-fri 09:00-18:00 Mars/Olympus')).toThrow(/not a time zone/);
    expect(() => parseBusinessHours('weekdays 09:00-18:00 UTC')).toThrow(/not a day/);
    expect(() => parseBusinessHours('mon-fri 09:00-18:00 UTC', ['29 Dec'])).toThrow(/company holiday/);
  });
});
