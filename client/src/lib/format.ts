// Pure formatters for figures on screen. Nulls show as an em dash, never as 0.

export const DASH = '—';

/** Integers with thousands separators: 48213 → "48,213". */
export function fmtInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return Math.round(n).toLocaleString('en-US');
}

/** A fraction 0..1 as a percentage: 0.9361 → "93.6%". */
export function fmtPct(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  return `${(rate * 100).toFixed(digits)}%`;
}

/** As fmtPct, but a whole 100% without its decimal ("100%"), for the wall's narrow rate columns. */
export function fmtPctTight(rate: number | null | undefined): string {
  return rate === 1 ? '100%' : fmtPct(rate);
}

/** The 综合得分 with two decimals, as ranks are decided on the score rounded to two decimals. */
export function fmtScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return DASH;
  return score.toFixed(2);
}

/** 直办率: direct ÷ created, capped at 1; null when nothing was created. */
export function directRate(direct: number, created: number): number | null {
  if (!created) return null;
  return Math.min(1, direct / created);
}

/** The value for a data-value attribute: the raw number, "null" for null. */
export function dv(v: number | string | null | undefined): string {
  return v === null || v === undefined ? 'null' : String(v);
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A duration in words, coarse when long and to the second when short:
 * "2天3小时", "5小时07分", "12分05秒", "8秒".
 */
export function fmtDuration(ms: number): string {
  const a = Math.max(0, Math.floor(Math.abs(ms) / 1000) * 1000);
  if (a >= DAY) {
    const d = Math.floor(a / DAY);
    const h = Math.floor((a % DAY) / HOUR);
    return h ? `${d}天${h}小时` : `${d}天`;
  }
  if (a >= HOUR) return `${Math.floor(a / HOUR)}小时${pad2(Math.floor((a % HOUR) / MIN))}分`;
  if (a >= MIN) return `${Math.floor(a / MIN)}分${pad2(Math.floor((a % MIN) / 1000))}秒`;
  return `${Math.floor(a / 1000)}秒`;
}

export interface TimeLeft {
  /** dueAt − now, ms (negative when overdue). */
  ms: number;
  overdue: boolean;
  /** "超期 2天3小时" or "剩余 5小时07分". */
  text: string;
}

/** Time left before a deadline, or time since it passed, on the given clock. */
export function formatTimeLeft(dueAtMs: number, nowMs: number): TimeLeft {
  const ms = dueAtMs - nowMs;
  if (!Number.isFinite(ms)) return { ms: NaN, overdue: false, text: DASH };
  const overdue = ms < 0;
  return { ms, overdue, text: `${overdue ? '超期' : '剩余'} ${fmtDuration(ms)}` };
}

/** Age of something, e.g. "3分12秒前". */
export function fmtAgo(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return DASH;
  if (ms < 1000) return '刚刚';
  return `${fmtDuration(ms)}前`;
}
