// Period presets of a ranking meeting, from the centre's "today" (the local date of the snapshot's
// asOf, the server's time): this week and last week (weeks start on Monday), this month (up to today)
// and last month. Pure date arithmetic on YYYY-MM-DD strings (UTC days, no time zone involved).
export interface DateRange {
  from: string;
  to: string;
}

export type PresetKey = 'this-week' | 'last-week' | 'this-month' | 'last-month';

export const PRESETS: { key: PresetKey; label: string }[] = [
  { key: 'this-week', label: '本周' },
  { key: 'last-week', label: '上周' },
  { key: 'this-month', label: '本月' },
  { key: 'last-month', label: '上月' },
];

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or null when it is not a real date. */
export function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return ms / DAY;
}

export function dateOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return dateOf(dayNumber(date)! + n);
}

/** Monday = 0 … Sunday = 6. */
export function mondayIndex(date: string): number {
  return (new Date(dayNumber(date)! * DAY).getUTCDay() + 6) % 7;
}

export function presetRange(key: PresetKey, today: string): DateRange {
  const monday = addDays(today, -mondayIndex(today));
  const firstOfMonth = `${today.slice(0, 8)}01`;
  switch (key) {
    case 'this-week':
      return { from: monday, to: today };
    case 'last-week':
      return { from: addDays(monday, -7), to: addDays(monday, -1) };
    case 'this-month':
      return { from: firstOfMonth, to: today };
    case 'last-month': {
      const lastOfPrev = addDays(firstOfMonth, -1);
      return { from: `${lastOfPrev.slice(0, 8)}01`, to: lastOfPrev };
    }
  }
}

/** Which preset a range is, if any. */
export function presetOf(r: DateRange, today: string): PresetKey | null {
  return (
    PRESETS.find((p) => {
      const x = presetRange(p.key, today);
      return x.from === r.from && x.to === r.to;
    })?.key ?? null
  );
}

/** The period of equal length just before (what the server compares against). */
export function previousRange(r: DateRange): DateRange {
  const f = dayNumber(r.from)!;
  const t = dayNumber(r.to)!;
  return { from: dateOf(f - (t - f + 1)), to: dateOf(f - 1) };
}

/** A custom range's problem in words, or null when the server will take it. */
export function rangeProblem(r: DateRange, maxDays = 366): string | null {
  const f = dayNumber(r.from);
  const t = dayNumber(r.to);
  if (f === null) return '请选择开始日期';
  if (t === null) return '请选择结束日期';
  if (t < f) return '结束日期早于开始日期';
  if (t - f + 1 > maxDays) return `时间跨度不能超过 ${maxDays} 天`;
  return null;
}

export function daysIn(r: DateRange): number {
  return dayNumber(r.to)! - dayNumber(r.from)! + 1;
}
