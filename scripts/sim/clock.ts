// Local time of the hotline (Asia/Shanghai, UTC+8 all year: China has had no daylight saving since
// 1991), done with plain arithmetic so the generator stays pure and fast.
import type { Rng } from './random.ts';

export const OFFSET_MS = 8 * 3_600_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2026-11-29T09:15:02+08:00` (whole seconds). */
export function isoLocal(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  );
}

/** Local date `YYYY-MM-DD`. */
export function localDate(ms: number): string {
  return isoLocal(ms).slice(0, 10);
}

/** Local date as `YYYYMMDD`, for ids. */
export function compactDate(ms: number): string {
  return localDate(ms).replaceAll('-', '');
}

/** Local hour of day, 0-23. */
export function localHour(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCHours();
}

/** Local hours as a fraction, e.g. 9.5 at 09:30. */
export function localHours(ms: number): number {
  return ((((ms + OFFSET_MS) % DAY) + DAY) % DAY) / HOUR;
}

/** Day of week, 0 Sunday - 6 Saturday, of the local date. */
export function localWeekday(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCDay();
}

/** 00:00 local of the day containing `ms`. */
export function startOfLocalDay(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY) * DAY - OFFSET_MS;
}

/** 00:00 local of the first day of the month containing `ms`. */
export function startOfLocalMonth(ms: number): number {
  const d = new Date(ms + OFFSET_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - OFFSET_MS;
}

/** 00:00 local of a `YYYY-MM-DD` date; NaN when it is not one. */
export function parseLocalDate(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return NaN;
  const ms = Date.parse(`${date}T00:00:00+08:00`);
  return Number.isNaN(ms) || localDate(ms) !== date ? NaN : ms;
}

/** Start of the hour containing `ms` (whole hours are the same in UTC and UTC+8). */
export function startOfHour(ms: number): number {
  return Math.floor(ms / HOUR) * HOUR;
}

/** Next moment a department works: 08:00-18:00 local, same day or the next. */
export function officeTime(rng: Rng, t: number): number {
  const h = localHours(t);
  if (h >= 8 && h < 18) return t;
  const day = startOfLocalDay(t) + (h >= 18 ? DAY : 0);
  return day + 8 * HOUR + rng.int(0, 90) * MINUTE;
}
