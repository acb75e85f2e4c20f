// The working-day calendar (metrics.md, "Clock, days, working days"): Monday to Friday, except
// official public holidays, plus official make-up working days (调休). The State Council's days come
// from the `chinese-days` package's data; configuration adds later years.
import { createRequire } from 'node:module';
import { dateOfDay, dayOfDate, weekdayOfDay, type Zone } from './time.ts';

export interface CalendarAdditions {
  holidays: string[];
  workdays: string[];
  coveredUntil?: string;
}

/** What a day is, for comparing like with like (analysis baselines): 调休 make-up days are 'makeup'. */
export type DayKind = 'working' | 'rest' | 'holiday' | 'makeup';

export interface Calendar {
  isWorkingDay(day: number): boolean;
  /** working (Mon-Fri), rest (a weekend day), holiday (an official holiday), makeup (an official make-up working day). */
  dayKind(day: number): DayKind;
  /** The last date the calendar is known to be right for. */
  readonly coveredUntil: string;
  readonly coveredUntilDay: number;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function loadOfficialDays(): ChineseDaysData {
  const require = createRequire(import.meta.url);
  return require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
}

export function createCalendar(add: CalendarAdditions, data: ChineseDaysData = loadOfficialDays()): Calendar {
  const holidays = new Set<number>();
  const workdays = new Set<number>();
  let lastYear = 0;
  const take = (set: Set<number>, dates: Iterable<string>) => {
    for (const d of dates) {
      const n = dayOfDate(d);
      if (n === null) continue;
      set.add(n);
      lastYear = Math.max(lastYear, Number(d.slice(0, 4)));
    }
  };
  take(holidays, Object.keys(data.holidays));
  take(workdays, Object.keys(data.workdays));
  const officialUntil = `${lastYear}-12-31`;
  take(holidays, add.holidays);
  take(workdays, add.workdays);
  // Configured days take precedence over the package's: a make-up day configured is a working day.
  for (const d of add.workdays) {
    const n = dayOfDate(d);
    if (n !== null) holidays.delete(n);
  }
  for (const d of add.holidays) {
    const n = dayOfDate(d);
    if (n !== null) workdays.delete(n);
  }
  const coveredUntil = add.coveredUntil && add.coveredUntil > officialUntil ? add.coveredUntil : officialUntil;
  const memo = new Map<number, boolean>();
  function isWorkingDay(day: number): boolean {
    let w = memo.get(day);
    if (w === undefined) {
      if (workdays.has(day)) w = true;
      else if (holidays.has(day)) w = false;
      else {
        const wd = weekdayOfDay(day);
        w = wd !== 0 && wd !== 6;
      }
      memo.set(day, w);
    }
    return w;
  }
  function dayKind(day: number): DayKind {
    if (workdays.has(day)) {
      const wd = weekdayOfDay(day);
      return wd === 0 || wd === 6 ? 'makeup' : 'working';
    }
    if (holidays.has(day)) return 'holiday';
    return isWorkingDay(day) ? 'working' : 'rest';
  }
  return { isWorkingDay, dayKind, coveredUntil, coveredUntilDay: dayOfDate(coveredUntil)! };
}

/** The first working day after `day`. */
export function nextWorkingDay(cal: Calendar, day: number): number {
  let d = day + 1;
  while (!cal.isWorkingDay(d)) d++;
  return d;
}

/** endOfNextWorkingDay(t): 24:00 local time of the first working day after the local date of t. */
export function endOfNextWorkingDay(cal: Calendar, zone: Zone, t: number): number {
  return zone.startOfDay(nextWorkingDay(cal, zone.dayOf(t)) + 1);
}

/** addWorkingDay(t): the first working day after the local date of t, at t's local time of day. */
export function addWorkingDay(cal: Calendar, zone: Zone, t: number): number {
  const day = zone.dayOf(t);
  const sinceMidnight = t - zone.startOfDay(day);
  return zone.startOfDay(nextWorkingDay(cal, day)) + sinceMidnight;
}

/**
 * overdueWorkingDays: working days after the local date of `dueAt`, up to and including `today`.
 * Counting stops at `cap` (the supervision levels need no more than their highest threshold).
 */
export function overdueWorkingDays(cal: Calendar, zone: Zone, dueAt: number, today: number, cap = Infinity): number {
  let n = 0;
  for (let d = zone.dayOf(dueAt) + 1; d <= today && n < cap; d++) if (cal.isWorkingDay(d)) n++;
  return n;
}

/** The operators' notice when the calendar does not cover the 60 days after `today`. */
export function calendarNoticeFor(cal: Calendar, today: number): string | null {
  if (today + 60 <= cal.coveredUntilDay) return null;
  return `工作日历只覆盖到 ${cal.coveredUntil}，未来 60 天（至 ${dateOfDay(today + 60)}）的节假日与调休未知：请在配置 calendar 中补充（calendar covers only until ${cal.coveredUntil}）`;
}
