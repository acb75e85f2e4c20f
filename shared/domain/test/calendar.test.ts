import { describe, expect, it } from 'vitest';
import {
  addWorkingDay,
  endOfNextWorkingDay,
  overdueWorkingDays,
  calendarNoticeFor,
  createCalendar,
  makeZone,
  dayOfDate,
} from '../index.ts';
import { ms } from './build.ts';

const zone = makeZone('Asia/Shanghai');
const cal = createCalendar({ holidays: [], workdays: [] });
const fmt = (t: number) => zone.format(t);

describe('working-day calendar', () => {
  it('ends the next working day at 24:00, skipping a weekend', () => {
    // Friday 2026-11-27 → Monday 2026-11-30 is the next working day; it ends at Tuesday 00:00.
    expect(fmt(endOfNextWorkingDay(cal, zone, ms('2026-11-27 10:00')))).toBe('2026-12-01T00:00:00+08:00');
  });
  it('counts a make-up working day (调休) on a Saturday', () => {
    // Friday 2026-10-09 → Saturday 2026-10-10 is a make-up working day.
    expect(fmt(endOfNextWorkingDay(cal, zone, ms('2026-10-09 10:00')))).toBe('2026-10-11T00:00:00+08:00');
  });
  it('skips the National Day holidays', () => {
    // Wednesday 2026-09-30 → 10-01..10-07 are holidays; Thursday 10-08 is the next working day.
    expect(fmt(addWorkingDay(cal, zone, ms('2026-09-30 15:30')))).toBe('2026-10-08T15:30:00+08:00');
  });
  it('adds a working day at the same local time of day', () => {
    expect(fmt(addWorkingDay(cal, zone, ms('2026-11-20 09:00')))).toBe('2026-11-23T09:00:00+08:00');
  });
  it('counts overdue working days after the due date, up to and including today', () => {
    const due = ms('2026-11-02 17:00'); // Monday
    expect(overdueWorkingDays(cal, zone, due, dayOfDate('2026-11-02')!)).toBe(0);
    expect(overdueWorkingDays(cal, zone, due, dayOfDate('2026-11-05')!)).toBe(3);
    expect(overdueWorkingDays(cal, zone, due, dayOfDate('2026-11-08')!)).toBe(4); // Sunday adds none
    expect(overdueWorkingDays(cal, zone, due, dayOfDate('2026-11-16')!)).toBe(10);
  });
  it('extends by configuration and says when the next 60 days are not covered', () => {
    expect(cal.coveredUntil).toBe('2026-12-31');
    expect(calendarNoticeFor(cal, dayOfDate('2026-11-29')!)).toContain('2026-12-31');
    expect(calendarNoticeFor(cal, dayOfDate('2026-10-01')!)).toBeNull();
    const more = createCalendar({ holidays: ['2027-01-01'], workdays: ['2026-12-26'], coveredUntil: '2027-12-31' });
    expect(more.isWorkingDay(dayOfDate('2027-01-01')!)).toBe(false); // Friday, configured holiday
    expect(more.isWorkingDay(dayOfDate('2026-12-26')!)).toBe(true); // Saturday, configured make-up day
    expect(calendarNoticeFor(more, dayOfDate('2026-11-29')!)).toBeNull();
  });
});
