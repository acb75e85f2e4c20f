// Local dates and times in the configured time zone, as plain integers: a "day number" is the
// number of local days since 1970-01-01. Offsets are cached by hour so that the hot path (one event)
// never calls Intl.
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface Zone {
  readonly tz: string;
  /** Offset of local time from UTC at the instant `ms`, in ms (+08:00 gives 28,800,000). */
  offsetAt(ms: number): number;
  /** Local day number of the instant `ms`. */
  dayOf(ms: number): number;
  /** Local hour (0-23) of the instant `ms`. */
  hourOf(ms: number): number;
  /** The instant local midnight starts day `day`. */
  startOfDay(day: number): number;
  /** ISO 8601 with the zone's offset, e.g. 2026-11-29T10:00:00+08:00 (milliseconds when not 0). */
  format(ms: number): string;
}

const dateCache = new Map<number, string>();

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  let s = dateCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    if (dateCache.size > 50_000) dateCache.clear();
    dateCache.set(day, s);
  }
  return s;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of 'YYYY-MM-DD', or null when it is not a real calendar date. */
export function dayOfDate(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  if (new Date(ms).toISOString().slice(0, 10) !== date) return null;
  return ms / DAY;
}

/** Weekday of a day number: 0 Sunday .. 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function makeZone(tz: string): Zone {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const byHour = new Map<number, number>();

  function computeOffset(ms: number): number {
    const whole = Math.floor(ms / 1000) * 1000;
    const p: Record<string, number> = {};
    for (const part of fmt.formatToParts(whole)) if (part.type !== 'literal') p[part.type] = Number(part.value);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
  }

  function offsetAt(ms: number): number {
    const h = Math.floor(ms / HOUR);
    let o = byHour.get(h);
    if (o === undefined) {
      o = computeOffset(ms);
      if (byHour.size > 100_000) byHour.clear();
      byHour.set(h, o);
    }
    return o;
  }

  const dayOf = (ms: number) => Math.floor((ms + offsetAt(ms)) / DAY);
  const hourOf = (ms: number) => Math.floor(((((ms + offsetAt(ms)) % DAY) + DAY) % DAY) / HOUR);
  function startOfDay(day: number): number {
    const guess = day * DAY;
    return guess - offsetAt(guess - offsetAt(guess));
  }
  function format(ms: number): string {
    const off = offsetAt(ms);
    const local = new Date(ms + off).toISOString(); // 2026-11-29T10:00:00.120Z, as local time
    const body = ms % 1000 === 0 ? local.slice(0, 19) : local.slice(0, 23);
    if (off === 0) return `${body}Z`;
    const sign = off < 0 ? '-' : '+';
    const abs = Math.abs(off) / MINUTE;
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${body}${sign}${hh}:${mm}`;
  }
  return { tz, offsetAt, dayOf, hourOf, startOfDay, format };
}
