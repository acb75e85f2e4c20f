import { describe, expect, it } from 'vitest';
import { dayNumber, mondayIndex, presetOf, presetRange, previousRange, rangeProblem } from './periods.ts';

describe('ranking period presets', () => {
  it('starts weeks on Monday, this week up to today', () => {
    // 2026-11-26 is a Thursday.
    expect(mondayIndex('2026-11-26')).toBe(3);
    expect(presetRange('this-week', '2026-11-26')).toEqual({ from: '2026-11-23', to: '2026-11-26' });
    expect(presetRange('last-week', '2026-11-26')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
  });

  it('treats Sunday as the last day of its week and Monday as the first', () => {
    expect(presetRange('this-week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetRange('this-week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-11-30' });
    expect(presetRange('last-week', '2026-11-30')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
  });

  it('gives this month up to today and the whole last month, across a year end and February', () => {
    expect(presetRange('this-month', '2026-11-26')).toEqual({ from: '2026-11-01', to: '2026-11-26' });
    expect(presetRange('last-month', '2026-11-26')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetRange('last-month', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetRange('last-month', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('last-week', '2027-01-01')).toEqual({ from: '2026-12-21', to: '2026-12-27' });
  });

  it('recognises a preset range and computes the previous period of equal length', () => {
    expect(presetOf({ from: '2026-11-01', to: '2026-11-26' }, '2026-11-26')).toBe('this-month');
    expect(presetOf({ from: '2026-11-02', to: '2026-11-26' }, '2026-11-26')).toBeNull();
    expect(previousRange({ from: '2026-11-01', to: '2026-11-29' })).toEqual({ from: '2026-10-03', to: '2026-10-31' });
  });

  it('checks a custom range as the server does', () => {
    expect(dayNumber('2026-02-30')).toBeNull();
    expect(rangeProblem({ from: '2026-11-02', to: '2026-11-01' })).toBe('结束日期早于开始日期');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-02' })).toMatch(/366/);
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toBeNull();
  });
});
