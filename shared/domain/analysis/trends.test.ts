// Early risks (weekly counts rising) and 每月一题 candidates, hand-made.
import { describe, expect, it } from 'vitest';
import { ms, rulesFor } from '../test/build.ts';
import { many } from '../test/facts.ts';
import { makeContext } from './context.ts';
import type { Fact } from './facts.ts';
import { findRisks, monthlyCandidates, slopeOf } from './trends.ts';

const rules = rulesFor();
const pipe = { category: ['城乡建设', '供水管理'], words: ['漏水'], district: '370983' };
const heat = { category: ['城乡建设', '供热管理'], words: ['暖气'] };

describe('early risks', () => {
  // Today Thursday 2026-11-26; weeks end yesterday: 10-29..11-04, 11-05..11, 11-12..18, 11-19..25.
  const asOf = ms('2026-11-26 10:00');
  function history(): Fact[] {
    return [
      // 漏水 in 肥城: 4, 6, 9, 13 a week (each on the week's Monday-ish day): rising every week.
      ...many('p1', 4, '2026-10-30', '09:00', pipe),
      ...many('p2', 6, '2026-11-06', '09:00', pipe),
      ...many('p3', 9, '2026-11-13', '09:00', pipe),
      ...many('p4', 13, '2026-11-20', '09:00', pipe),
      // 暖气: busy and flat-ish (40, 45, 44, 50): not rising every week.
      ...many('h1', 40, '2026-10-30', '09:00', heat),
      ...many('h2', 45, '2026-11-06', '09:00', heat),
      ...many('h3', 44, '2026-11-13', '09:00', heat),
      ...many('h4', 50, '2026-11-20', '09:00', heat),
    ];
  }

  it('lists a key whose weekly counts rise every week, with its weeks, slope and growth', () => {
    const risks = findRisks(makeContext(rules, history(), asOf), new Set());
    const r = risks.find((x) => x.key === 'k:漏水')!;
    expect(r.weeks).toEqual([
      { from: '2026-10-29', to: '2026-11-04', count: 4 },
      { from: '2026-11-05', to: '2026-11-11', count: 6 },
      { from: '2026-11-12', to: '2026-11-18', count: 9 },
      { from: '2026-11-19', to: '2026-11-25', count: 13 },
    ]);
    // slope: x̄ = 1.5, ȳ = 8; Σ(x-x̄)(y-ȳ) = (-1.5)(-4) + (-0.5)(-2) + (0.5)(1) + (1.5)(5) = 15; Σ(x-x̄)² = 5 → 3
    expect(r.slope).toBe(3);
    expect(r.growth).toBe(13 / 4);
    expect(r.ticketIds).toHaveLength(13);
    expect(risks.map((x) => x.key)).toEqual(expect.arrayContaining(['k:漏水', 'd:370983', 'c2:城乡建设/供水管理']));
    expect(risks.find((x) => x.key === 'k:暖气')).toBeUndefined();
  });

  it('leaves a key spiking today to the spikes', () => {
    expect(findRisks(makeContext(rules, history(), asOf), new Set(['k:漏水'])).find((x) => x.key === 'k:漏水')).toBeUndefined();
  });

  it('slope of a flat line is 0', () => {
    expect(slopeOf([5, 5, 5, 5])).toBe(0);
  });
});

describe('每月一题 candidates', () => {
  it("ranks the month's recurring keys by tickets, with the change against the same days last month", () => {
    const asOf = ms('2026-11-10 12:00');
    const facts = [
      // October 1-10: 暖气 on 2 days, 4 tickets; November 1-10: on 5 days, 10 tickets.
      ...many('o1', 2, '2026-10-03', '09:00', heat),
      ...many('o2', 2, '2026-10-08', '09:00', heat),
      ...many('o3', 9, '2026-10-20', '09:00', heat), // after the 10th: not the same days
      ...['01', '03', '05', '07', '09'].flatMap((d) => many(`n${d}`, 2, `2026-11-${d}`, '09:00', heat)),
      // 漏水 on 2 days only this month: not recurring.
      ...many('w1', 6, '2026-11-02', '09:00', pipe),
      ...many('w2', 6, '2026-11-04', '09:00', pipe),
    ];
    const m = monthlyCandidates(makeContext(rules, facts, asOf));
    expect(m.map((x) => [x.key, x.count, x.days, x.previous, x.change])).toEqual([
      ['c2:城乡建设/供热管理', 10, 5, 4, 1.5],
      ['k:暖气', 10, 5, 4, 1.5],
    ]);
  });
});
