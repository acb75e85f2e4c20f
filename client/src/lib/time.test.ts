import { describe, expect, it } from 'vitest';
import { fmtClock, fmtDateZh, localHour, nextDailyAt, parseHm } from './time.ts';

describe('time in the command centre zone', () => {
  const t = Date.parse('2026-11-26T02:30:05Z'); // 10:30:05 in Shanghai
  it('formats the clock and the date in Asia/Shanghai whatever the kiosk zone', () => {
    expect(fmtClock(t)).toBe('10:30:05');
    expect(fmtDateZh(t)).toBe('2026年11月26日 星期四');
    expect(localHour(t)).toBe(10);
    expect(fmtClock(t, 'UTC')).toBe('02:30:05');
  });
  it('finds the next daily reload time, tomorrow when today’s has passed', () => {
    expect(nextDailyAt(t, '04:00')).toBe(Date.parse('2026-11-27T04:00:00+08:00'));
    expect(nextDailyAt(t, '23:15')).toBe(Date.parse('2026-11-26T23:15:00+08:00'));
    // At the very minute: the next day, so a reload at 04:00 does not loop.
    expect(nextDailyAt(Date.parse('2026-11-27T04:00:01+08:00'), '04:00')).toBe(Date.parse('2026-11-28T04:00:00+08:00'));
  });
  it('rejects malformed times', () => {
    expect(parseHm('4:00')).toEqual({ hour: 4, minute: 0 });
    expect(parseHm('24:00')).toBeNull();
    expect(nextDailyAt(t, 'soon')).toBeNull();
  });
});
