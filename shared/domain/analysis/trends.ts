// Early risks (未诉先办) and the month's recurring issues (每月一题 candidates).
//
// Early risk: a category (levels 1-2), district or keyword whose weekly counts (7-day windows ending
// yesterday, `riskWeeks` of them) rise every week, the latest week has at least `riskMin` tickets and
// is at least `riskGrowth` times the first; the slope is the least-squares slope in tickets per week.
// Keys spiking today are left to the spikes. Weekly windows take the weekday/weekend rhythm out.
//
// 每月一题: the month's keys (second-level categories and keywords) seen on at least 3 days, by tickets
// descending, with the change against the same days of the month before when the window holds them.
import { dateOf, factsBetween, keysOf, whatOf, type AnalysisContext, type What } from './context.ts';
import type { Fact } from './facts.ts';
import { dayOfDate } from '../time.ts';

export interface RiskItem extends What {
  /** Weekly counts, oldest first. */
  weeks: Array<{ from: string; to: string; count: number }>;
  /** Least-squares slope, tickets per week. */
  slope: number;
  /** Latest week / first week. */
  growth: number;
  /** The latest week's tickets. */
  ticketIds: string[];
}

/** Least-squares slope of ys against 0..n-1. */
export function slopeOf(ys: readonly number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (i - mx) * (ys[i] - my);
    den += (i - mx) * (i - mx);
  }
  return den === 0 ? 0 : num / den;
}

const RISK_KEY = /^(c1|c2|d|k):/;

export function findRisks(ctx: AnalysisContext, spiking: ReadonlySet<string>): RiskItem[] {
  const { rules, today } = ctx;
  const a = rules.config.analysis;
  const weeks = Math.min(a.riskWeeks, Math.floor((a.historyDays - 1) / 7));
  const counts = new Map<string, number[]>();
  const latest = new Map<string, string[]>();
  for (let w = 0; w < weeks; w++) {
    const to = today - 1 - 7 * (weeks - 1 - w);
    for (const f of factsBetween(ctx, to - 6, to)) {
      for (const k of keysOf(f)) {
        if (!RISK_KEY.test(k)) continue;
        let c = counts.get(k);
        if (!c) counts.set(k, (c = new Array<number>(weeks).fill(0)));
        c[w]++;
        if (w === weeks - 1) {
          const ids = latest.get(k) ?? [];
          ids.push(f.id);
          latest.set(k, ids);
        }
      }
    }
  }
  const out: RiskItem[] = [];
  for (const [key, c] of counts) {
    if (spiking.has(key)) continue;
    const last = c[weeks - 1];
    if (last < a.riskMin || last < a.riskGrowth * Math.max(1, c[0])) continue;
    if (!c.every((x, i) => i === 0 || x > c[i - 1])) continue;
    out.push({
      ...whatOf(rules, key),
      weeks: c.map((count, w) => {
        const to = today - 1 - 7 * (weeks - 1 - w);
        return { from: dateOf(to - 6), to: dateOf(to), count };
      }),
      slope: slopeOf(c),
      growth: last / Math.max(1, c[0]),
      ticketIds: (latest.get(key) ?? []).slice(0, a.idsLimit),
    });
  }
  out.sort((x, y) => y.slope - x.slope || (x.key < y.key ? -1 : 1));
  return out.slice(0, a.listLimit);
}

export interface MonthlyItem extends What {
  count: number;
  /** Days of the month so far with such a ticket. */
  days: number;
  /** The same days of the month before, null when the window does not hold them. */
  previous: number | null;
  /** count / previous - 1, null without previous or when it was 0. */
  change: number | null;
  open: number;
  ticketIds: string[];
}

const MONTHLY_KEY = /^(c2|k):/;
const MONTHLY_MIN_DAYS = 3;
export const MONTHLY_LIMIT = 10;

export function monthlyCandidates(ctx: AnalysisContext): MonthlyItem[] {
  const { rules, today } = ctx;
  const a = rules.config.analysis;
  const date = dateOf(today);
  const first = dayOfDate(`${date.slice(0, 8)}01`)!;
  const span = today - first; // days after the 1st
  const prevFirst = dayOfDate(`${dateOf(first - 1).slice(0, 8)}01`)!;
  const prevLast = Math.min(prevFirst + span, first - 1);
  const held = prevFirst > today - a.historyDays;
  const tally = (facts: Fact[]) => {
    const m = new Map<string, Fact[]>();
    for (const f of facts) for (const k of keysOf(f)) if (MONTHLY_KEY.test(k)) (m.get(k) ?? m.set(k, []).get(k)!).push(f);
    return m;
  };
  const now = tally(factsBetween(ctx, first, today));
  const before = held ? tally(factsBetween(ctx, prevFirst, prevLast)) : null;
  const out: MonthlyItem[] = [];
  for (const [key, fs] of now) {
    const days = new Set(fs.map((f) => rules.zone.dayOf(f.at))).size;
    if (days < MONTHLY_MIN_DAYS) continue;
    const previous = before ? (before.get(key)?.length ?? 0) : null;
    out.push({
      ...whatOf(rules, key),
      count: fs.length,
      days,
      previous,
      change: previous ? fs.length / previous - 1 : null,
      open: fs.filter((f) => ctx.now(f.id).open).length,
      ticketIds: fs.slice(0, a.idsLimit).map((f) => f.id),
    });
  }
  out.sort((x, y) => y.count - x.count || (y.change ?? 0) - (x.change ?? 0) || (x.key < y.key ? -1 : 1));
  return out.slice(0, MONTHLY_LIMIT);
}
