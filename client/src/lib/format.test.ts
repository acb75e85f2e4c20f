import { describe, expect, it } from 'vitest';
import { directRate, dv, fmtAgo, fmtDuration, fmtInt, fmtPct, fmtPctTight, fmtScore, formatTimeLeft } from './format.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const now = Date.parse('2026-11-26T10:30:00+08:00');

describe('formatTimeLeft', () => {
  it('counts the time left before a deadline, to the second under an hour', () => {
    expect(formatTimeLeft(now + 12 * MIN + 5_000, now)).toEqual({ ms: 12 * MIN + 5_000, overdue: false, text: '剩余 12分05秒' });
    expect(formatTimeLeft(now + 42_000, now).text).toBe('剩余 42秒');
  });
  it('shows hours and minutes under a day, days and hours beyond', () => {
    expect(formatTimeLeft(now + 5 * HOUR + 7 * MIN + 59_000, now).text).toBe('剩余 5小时07分');
    expect(formatTimeLeft(now + 2 * DAY + 3 * HOUR + 10 * MIN, now).text).toBe('剩余 2天3小时');
    expect(formatTimeLeft(now + 3 * DAY, now).text).toBe('剩余 3天');
  });
  it('turns into time overdue once the deadline has passed', () => {
    const t = formatTimeLeft(now - (14 * DAY + 4 * HOUR + 1), now);
    expect(t.overdue).toBe(true);
    expect(t.ms).toBeLessThan(0);
    expect(t.text).toBe('超期 14天4小时');
    expect(formatTimeLeft(now - 90_000, now).text).toBe('超期 1分30秒');
  });
  it('ticks as the clock moves, with the deadline itself counted as not yet overdue', () => {
    const due = now + 2_000;
    expect(formatTimeLeft(due, now).text).toBe('剩余 2秒');
    expect(formatTimeLeft(due, now + 1_000).text).toBe('剩余 1秒');
    expect(formatTimeLeft(due, due)).toMatchObject({ overdue: false, text: '剩余 0秒' });
    expect(formatTimeLeft(due, due + 1_000)).toMatchObject({ overdue: true, text: '超期 1秒' });
  });
  it('shows a dash for an unreadable deadline', () => {
    expect(formatTimeLeft(NaN, now).text).toBe('—');
  });
});

describe('figures', () => {
  it('formats integers, rates and scores, nulls as a dash', () => {
    expect(fmtInt(48213)).toBe('48,213');
    expect(fmtInt(null)).toBe('—');
    expect(fmtPct(0.93606)).toBe('93.6%');
    expect(fmtPct(1)).toBe('100.0%');
    expect(fmtPctTight(1)).toBe('100%');
    expect(fmtPctTight(0.9995)).toBe('100.0%');
    expect(fmtPctTight(null)).toBe('—');
    expect(fmtPct(null)).toBe('—');
    expect(fmtScore(86.5449)).toBe('86.54');
    expect(fmtScore(null)).toBe('—');
  });
  it('caps the direct rate at 100% and has none when nothing was created', () => {
    expect(directRate(148, 401)).toBeCloseTo(0.369, 3);
    expect(directRate(12, 10)).toBe(1);
    expect(directRate(3, 0)).toBeNull();
  });
  it('writes data-value as the raw number or "null"', () => {
    expect(dv(0.9361)).toBe('0.9361');
    expect(dv(0)).toBe('0');
    expect(dv(null)).toBe('null');
  });
  it('writes durations and ages', () => {
    expect(fmtDuration(0)).toBe('0秒');
    expect(fmtDuration(-61_000)).toBe('1分01秒');
    expect(fmtAgo(500)).toBe('刚刚');
    expect(fmtAgo(125_000)).toBe('2分05秒前');
    expect(fmtAgo(null)).toBe('—');
  });
});
