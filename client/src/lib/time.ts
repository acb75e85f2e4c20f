// Wall-clock helpers in the command centre's time zone (rules.timeZone, default Asia/Shanghai),
// independent of the kiosk PC's own zone.

export const DEFAULT_TZ = 'Asia/Shanghai';

const partsCache = new Map<string, Intl.DateTimeFormat>();
function dtf(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    partsCache.set(tz, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localParts(ms: number, tz: string = DEFAULT_TZ): LocalParts {
  const p: Record<string, string> = {};
  for (const x of dtf(tz).formatToParts(new Date(ms))) p[x.type] = x.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAYS.indexOf(p.weekday ?? 'Sun'),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const WEEKDAY_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** "10:30:05" */
export function fmtClock(ms: number, tz: string = DEFAULT_TZ): string {
  const p = localParts(ms, tz);
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** "10:30" */
export function fmtHm(ms: number, tz: string = DEFAULT_TZ): string {
  const p = localParts(ms, tz);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** "2026年11月26日 星期四" */
export function fmtDateZh(ms: number, tz: string = DEFAULT_TZ): string {
  const p = localParts(ms, tz);
  return `${p.year}年${p.month}月${p.day}日 ${WEEKDAY_ZH[p.weekday]}`;
}

/** "11-26 10:30" */
export function fmtShort(ms: number, tz: string = DEFAULT_TZ): string {
  const p = localParts(ms, tz);
  return `${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** Parses "HH:MM" (24 h); null when malformed. */
export function parseHm(s: string | null | undefined): { hour: number; minute: number } | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s?.trim() ?? '');
  if (!m) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/**
 * The next instant strictly after `nowMs` whose local time in `tz` is `hm` ("04:00").
 * Zones without daylight saving (Asia/Shanghai) are exact; elsewhere it may be off by the shift.
 */
export function nextDailyAt(nowMs: number, hm: string, tz: string = DEFAULT_TZ): number | null {
  const t = parseHm(hm);
  if (!t) return null;
  const p = localParts(nowMs, tz);
  const nowMin = p.hour * 60 + p.minute;
  const target = t.hour * 60 + t.minute;
  let deltaMin = target - nowMin;
  const startOfMinute = nowMs - p.second * 1000 - (((nowMs % 1000) + 1000) % 1000);
  if (deltaMin <= 0) deltaMin += 24 * 60;
  return startOfMinute + deltaMin * 60_000;
}

/** The local hour (0-23) of an instant. */
export function localHour(ms: number, tz: string = DEFAULT_TZ): number {
  return localParts(ms, tz).hour;
}
