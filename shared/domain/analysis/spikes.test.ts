// Spikes against comparable days: hand-made histories, the expected findings worked out by hand.
import { describe, expect, it } from 'vitest';
import { dateOfDay, dayOfDate } from '../index.ts';
import { ms, rulesFor } from '../test/build.ts';
import { many } from '../test/facts.ts';
import { makeContext } from './context.ts';
import type { Fact } from './facts.ts';
import { negBinUpperTail, poissonUpperTail } from './poisson.ts';
import { comparableDays, findSpikes } from './spikes.ts';

const rules = rulesFor();
const day = (d: string) => dayOfDate(d)!;
/** The 8 working days before Thursday 2026-10-08 (National Day 10-01..07; 09-25..27 Mid-Autumn; 09-20 a make-up Sunday). */
const WORKING_BEFORE_OCT8 = [
  '2026-09-30',
  '2026-09-29',
  '2026-09-28',
  '2026-09-24',
  '2026-09-23',
  '2026-09-22',
  '2026-09-21',
  '2026-09-18',
];
/** Every local date from..to. */
function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = day(from); d <= day(to); d++) out.push(dateOfDay(d));
  return out;
}
const kindOf = (d: string) => rules.calendar.dayKind(day(d));

describe('the negative binomial upper tail', () => {
  it('matches the hand-worked values', () => {
    // r = 1, p = 1/2 is geometric: P(X >= k) = (1/2)^k.
    expect(negBinUpperTail(3, 1, 0.5)).toBeCloseTo(0.125, 12);
    // r = 0.5, p = 8/9: pmf 0.942809, 0.052378, 0.0043648, 0.00040415: P(X >= 4) = 4.3668e-5
    expect(negBinUpperTail(4, 0.5, 8 / 9) / 4.366826e-5).toBeCloseTo(1, 5);
    expect(negBinUpperTail(0, 2, 0.5)).toBe(1);
  });
});

describe('the Poisson upper tail', () => {
  it('matches the hand-worked values', () => {
    // P(X >= 5 | 2) = 1 - e^-2 (1 + 2 + 2 + 4/3 + 2/3) = 1 - 7 e^-2
    expect(poissonUpperTail(5, 2)).toBeCloseTo(1 - 7 * Math.exp(-2), 12);
    expect(poissonUpperTail(0, 3)).toBe(1);
    expect(poissonUpperTail(1, 0.5)).toBeCloseTo(1 - Math.exp(-0.5), 12);
    // A far tail stays positive and right: P(X >= 6 | 0.1875) = 5.1404e-8
    expect(poissonUpperTail(6, 0.1875) / 5.140387e-8).toBeCloseTo(1, 5);
  });
});

describe('comparable days', () => {
  it('knows working, rest, holiday and make-up days from the calendar', () => {
    expect(['2026-10-01', '2026-10-08', '2026-10-10', '2026-10-11'].map(kindOf)).toEqual(['holiday', 'working', 'makeup', 'rest']);
  });

  it('compares the first working day after a holiday with working days, not with the holiday', () => {
    const observed = dates('2026-09-01', '2026-10-07').map(day);
    const b = comparableDays(rules.calendar, day('2026-10-08'), observed, 8, 3)!;
    expect(b.kind).toBe('working');
    expect(b.days.map(dateOfDay)).toEqual(WORKING_BEFORE_OCT8);
    expect(b.toppedUp).toBe(false);
  });

  it('tops a make-up day up with working days when too few make-up days are known', () => {
    const observed = dates('2026-09-21', '2026-10-09').map(day);
    // 2026-09-20 is not observed: no make-up day before 10-10, so 3 working days, most recent first.
    const b = comparableDays(rules.calendar, day('2026-10-10'), observed, 8, 3)!;
    expect(b.kind).toBe('makeup');
    expect(b.days.map(dateOfDay)).toEqual(['2026-10-09', '2026-10-08', '2026-09-30']);
    expect(b.toppedUp).toBe(true);
  });

  it('gives no baseline with too little history', () => {
    expect(comparableDays(rules.calendar, day('2026-10-08'), [day('2026-09-30'), day('2026-09-29')], 8, 3)).toBeNull();
  });
});

describe('spikes', () => {
  const asOf = ms('2026-10-08 10:00');
  const gas = { category: ['城乡建设', '燃气管理'], words: ['燃气', '异味'], district: '370911' };
  const heat = { category: ['城乡建设', '供热管理'], words: ['暖气'] };

  function history(): Fact[] {
    const facts: Fact[] = [];
    for (const d of dates('2026-09-01', '2026-10-07')) {
      const k = kindOf(d);
      // A busy topic, every working day 30 tickets by 10:00 (and 20 more in the afternoon); 3 on other days.
      facts.push(...many('heat', k === 'working' || k === 'makeup' ? 30 : 3, d, '08:00', heat));
      if (k === 'working' || k === 'makeup') facts.push(...many('heatpm', 20, d, '14:00', heat));
    }
    // The quiet topic: one gas ticket in the 8 comparable days (on 09-22), another after 10:00 (not counted).
    facts.push(...many('gas', 1, '2026-09-22', '09:00', gas), ...many('gaspm', 1, '2026-09-23', '15:00', gas));
    return facts;
  }

  it('finds a quiet topic that surges, with what, where, how many against how many, since and ids', () => {
    const today = [...many('heat', 33, '2026-10-08', '08:00', heat), ...many('gas', 6, '2026-10-08', '09:00', gas)];
    const r = findSpikes(makeContext(rules, [...history(), ...today], asOf));
    expect(r.baseline).toEqual({ kind: 'working', days: WORKING_BEFORE_OCT8, toppedUp: false });
    const gasSpikes = r.spikes.filter((s) => s.key === 'k:燃气' || s.key === 'k:异味' || s.key === 'c2:城乡建设/燃气管理');
    expect(gasSpikes.map((s) => s.key).sort()).toEqual(['c2:城乡建设/燃气管理', 'k:异味', 'k:燃气']);
    const s = r.spikes.find((x) => x.key === 'k:燃气')!;
    // 6 today; baseline 1 ticket by 10:00 in 8 days: expected 0.125; NegBin r = 1.5, p = 8/9:
    // pmf(0) = (8/9)^1.5, pmf(i+1) = pmf(i)·(1.5+i)/(i+1)·(1/9); P(X >= 6) = 5.2487e-6 < 0.001, 6 >= 5, 6 >= 1.5 × 0.125.
    expect(s.count).toBe(6);
    expect(s.expected).toBe(0.125);
    expect(s.p / 5.24874e-6).toBeCloseTo(1, 4);
    expect(s.where).toEqual([{ district: '370911', name: '岱岳区', count: 6 }]);
    // The 5th ticket (09:04) made it significant: P(X >= 5) = 4.3668e-5.
    expect(s.since).toBe('2026-10-08T09:04:00+08:00');
    expect(s.ticketIds).toEqual([0, 1, 2, 3, 4, 5].map((i) => `gas-2026-10-08-${i}`));
    expect(s.hourly.today[9]).toBe(6);
    expect(s.hourly.expected[9]).toBe(0.125);
  });

  it('a topic high every day is not a spike', () => {
    const today = many('heat', 33, '2026-10-08', '08:00', heat);
    const r = findSpikes(makeContext(rules, [...history(), ...today], asOf));
    // 33 by 10:00 against 30 on every working day: NegBin r = 240.5, p = 8/9, P(X >= 33) = 0.327.
    expect(r.spikes.map((s) => s.key)).toEqual([]);
    expect(r.tested).toBeGreaterThan(0);
  });

  it("a holiday's low volume does not make the next working day a spike", () => {
    // Yesterday (a holiday) had 3; today 33 by 10:00 is a normal working morning (30 expected).
    const today = many('heat', 33, '2026-10-08', '08:00', heat);
    const r = findSpikes(makeContext(rules, [...history(), ...today], asOf));
    expect(r.spikes.find((s) => s.key === 'k:暖气' || s.key === 'c1:城乡建设' || s.key === 'd:370902')).toBeUndefined();
    // Against the holiday it would have looked like one.
    expect(poissonUpperTail(33, 3.5 / 1)).toBeLessThan(1e-10);
  });

  it('counts only the baseline tickets created by the same time of day', () => {
    // 10 tickets at 15:00 on each comparable day do not raise this morning's expectation.
    const facts: Fact[] = [];
    for (const d of WORKING_BEFORE_OCT8) facts.push(...many('pm', 10, d, '15:00', gas));
    facts.push(...many('am', 5, '2026-10-08', '09:00', gas));
    const s = findSpikes(makeContext(rules, facts, asOf)).spikes.find((x) => x.key === 'k:燃气')!;
    expect(s.expected).toBe(0);
    expect(s.count).toBe(5);
  });

  it('needs spikeMinCount tickets: 4 in a never-seen topic are not a spike', () => {
    const facts = [...history(), ...many('new', 4, '2026-10-08', '09:00', { words: ['井盖'] })];
    expect(findSpikes(makeContext(rules, facts, asOf)).spikes.find((s) => s.key === 'k:井盖')).toBeUndefined();
  });

  it('says so when history is too short', () => {
    const r = findSpikes(makeContext(rules, many('gas', 9, '2026-10-08', '09:00', gas), asOf));
    expect(r.baseline).toBeNull();
    expect(r.note).toMatch(/可比历史日不足/);
  });
});
