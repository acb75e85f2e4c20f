// Spikes (异常激增): today's tickets so far, per category (each level), district and keyword, against
// the count expected by this time of day from comparable days.
//
// Baseline: the last `baselineDays` days before today of the same kind (working, rest, holiday,
// make-up: calendar.dayKind) that are in the window and had any ticket at all; with fewer than
// `minBaselineDays` of them, topped up with the nearest kind (holiday → rest, make-up → working,
// then the other way round), most recent first; still fewer, no test. The expected count is the mean
// over those days of the tickets created by the same local time of day.
//
// Test: today's count X is Poisson with a rate known only from the baseline: its Gamma posterior
// (shape S + 0.5, rate N, for S baseline tickets over N days: half a ticket of prior, so a key never
// seen is unlikely but possible) makes X negative binomial, r = S + 0.5, p = N / (N + 1): mean
// (S + 0.5) / N, variance that mean × (1 + 1/N), the baseline's own noise included (a plain Poisson
// at the mean gave 2.8e-3 false alarms per test at alpha 0.001). A key spikes when P(X >= count) < alpha, count >= spikeMinCount
// and count >= spikeMinRatio × expected. A topic high every day has a high λ (not a spike); the day
// after a holiday is compared with working days, never with the holiday (not a spike for that).
import type { DayKind } from '../calendar.ts';
import type { Calendar } from '../calendar.ts';
import { DAY } from '../time.ts';
import { dateOf, iso, keysOf, whatOf, whereOf, type AnalysisContext, type What, type Where } from './context.ts';
import type { Fact } from './facts.ts';
import { negBinUpperTail } from './poisson.ts';

const FALLBACK: Record<DayKind, DayKind[]> = {
  holiday: ['rest', 'working', 'makeup'],
  makeup: ['working', 'rest', 'holiday'],
  working: ['makeup', 'rest', 'holiday'],
  rest: ['holiday', 'working', 'makeup'],
};

export interface Baseline {
  kind: DayKind;
  /** The days averaged, most recent first. */
  days: number[];
  /** Some days are of another kind (too few of today's). */
  toppedUp: boolean;
}

/**
 * The comparable days of `today`: among `observed` days before it, `n` of its kind, most recent
 * first, topped up from the nearest kinds when fewer than `min`. Null when even then fewer than `min`.
 */
export function comparableDays(cal: Calendar, today: number, observed: Iterable<number>, n: number, min: number): Baseline | null {
  const kind = cal.dayKind(today);
  const before = [...observed].filter((d) => d < today).sort((a, b) => b - a);
  const days = before.filter((d) => cal.dayKind(d) === kind).slice(0, n);
  let toppedUp = false;
  for (const other of FALLBACK[kind]) {
    if (days.length >= min) break;
    for (const d of before) {
      if (days.length >= min) break;
      if (cal.dayKind(d) === other) {
        days.push(d);
        toppedUp = true;
      }
    }
  }
  if (days.length < min) return null;
  return { kind, days, toppedUp };
}

export interface SpikeTest {
  alpha: number;
  minCount: number;
  minRatio: number;
}

/** The test on one count; `p` is P(X >= count) under NegBin(r = total + 0.5, p = days / (days + 1)). */
export function spikeTest(
  count: number,
  baselineTotal: number,
  days: number,
  t: SpikeTest,
): { spike: boolean; p: number; expected: number } {
  const expected = baselineTotal / days;
  const p = negBinUpperTail(count, baselineTotal + 0.5, days / (days + 1));
  return { spike: p < t.alpha && count >= t.minCount && count >= t.minRatio * expected, p, expected };
}

export interface Spike extends What {
  where: Where[];
  count: number;
  /** Mean count of the baseline days by the same time of day. */
  expected: number;
  /** P(X >= count) under the test's negative binomial. */
  p: number;
  /** When the count first passed the test today: the `at` of that ticket. */
  since: string;
  baseline: { kind: DayKind; days: string[]; toppedUp: boolean };
  /** Today's tickets per local hour, and the baseline's mean per hour (24 each; hours after now 0). */
  hourly: { today: number[]; expected: number[] };
  ticketIds: string[];
}

export interface SpikesAnswer {
  baseline: { kind: DayKind; days: string[]; toppedUp: boolean } | null;
  /** Why no test ran, when none did. */
  note: string | null;
  /** Keys tested (at least spikeMinCount tickets today): for the false-alarm rate. */
  tested: number;
  spikes: Spike[];
}

const lowerBound = (sorted: readonly number[], x: number) => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo; // how many are <= x
};

export function findSpikes(ctx: AnalysisContext): SpikesAnswer {
  const { rules, today, timeOfDay } = ctx;
  const a = rules.config.analysis;
  const t: SpikeTest = { alpha: a.alpha, minCount: a.spikeMinCount, minRatio: a.spikeMinRatio };
  const observed = [...ctx.byDay.keys()].filter((d) => d < today && d > today - a.historyDays);
  const base = comparableDays(rules.calendar, today, observed, a.baselineDays, a.minBaselineDays);
  if (!base) {
    return {
      baseline: null,
      note: `可比历史日不足 ${a.minBaselineDays} 天，暂不检验（fewer than ${a.minBaselineDays} comparable days of history）`,
      tested: 0,
      spikes: [],
    };
  }
  const baseline = { kind: base.kind, days: base.days.map(dateOf), toppedUp: base.toppedUp };
  const n = base.days.length;
  // Today's tickets per key, and the baseline's times of day per key (up to now's time of day).
  const todays = new Map<string, Fact[]>();
  for (const f of ctx.byDay.get(today) ?? []) {
    for (const k of keysOf(f)) {
      let list = todays.get(k);
      if (!list) todays.set(k, (list = []));
      list.push(f);
    }
  }
  const candidates = new Set([...todays].filter(([, list]) => list.length >= t.minCount).map(([k]) => k));
  const times = new Map<string, number[]>();
  for (const d of base.days) {
    const start = rules.zone.startOfDay(d);
    for (const f of ctx.byDay.get(d) ?? []) {
      const tod = f.at - start;
      if (tod > timeOfDay) break; // facts of a day are in time order
      for (const k of keysOf(f)) {
        if (!candidates.has(k)) continue;
        let list = times.get(k);
        if (!list) times.set(k, (list = []));
        list.push(tod);
      }
    }
  }
  const startToday = rules.zone.startOfDay(today);
  const spikes: Spike[] = [];
  for (const key of candidates) {
    const list = todays.get(key)!;
    const tods = (times.get(key) ?? []).sort((x, y) => x - y);
    const r = spikeTest(list.length, tods.length, n, t);
    if (!r.spike) continue;
    // Since: the first of today's tickets at which the count so far passed the test.
    let since = list[list.length - 1].at;
    for (let i = t.minCount - 1; i < list.length; i++) {
      if (spikeTest(i + 1, lowerBound(tods, list[i].at - startToday), n, t).spike) {
        since = list[i].at;
        break;
      }
    }
    const hourOf = (tod: number) => Math.min(23, Math.floor(tod / (DAY / 24)));
    const todayHourly = new Array<number>(24).fill(0);
    for (const f of list) todayHourly[hourOf(f.at - startToday)]++;
    const expectedHourly = new Array<number>(24).fill(0);
    for (const tod of tods) expectedHourly[hourOf(tod)] += 1 / n;
    const what = whatOf(rules, key);
    spikes.push({
      ...what,
      where: what.type === 'district' ? whereOf(rules, list, 1) : whereOf(rules, list),
      count: list.length,
      expected: r.expected,
      p: r.p,
      since: iso(rules, since),
      baseline,
      hourly: { today: todayHourly, expected: expectedHourly },
      ticketIds: list.slice(0, a.idsLimit).map((f) => f.id),
    });
  }
  spikes.sort((x, y) => x.p - y.p || y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return { baseline, note: null, tested: candidates.size, spikes: spikes.slice(0, a.listLimit) };
}
