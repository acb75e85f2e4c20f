// Repeat demands (重复诉求) and signs of passing the buck, by counts and ticket ids only:
// - the same caller (a keyed hash of the phone, never shown) about the same matter (the same
//   category, to its deepest level) `repeatMin` times or more within `repeatDays`;
// - the same place (a location grid cell) about the same matter as often;
// - tickets reopened (重办) `reopenMin` times or more; tickets returned (退回) `returnMin` times or
//   more, by each department that returned them.
// Windows are by creation day, today included.
import { factsBetween, iso, type AnalysisContext } from './context.ts';
import type { Fact } from './facts.ts';

export interface RepeatItem {
  /**
   * caller: the same phone (hash, never shown); place: the same ~100 m cell; reopened: tickets
   * reopened `reopenMin`+ times, by their latest department; returned: tickets returned
   * `returnMin`+ times, by each department that returned them.
   */
  type: 'caller' | 'place' | 'reopened' | 'returned';
  /** The matter (category path) of a caller or place repeat, else null. */
  matter: string | null;
  /** The department of a reopened or returned item, else null ('' for reopened tickets never assigned). */
  deptId: string | null;
  deptName: string | null;
  /** The district of a caller or place repeat (its latest ticket's), else null. */
  district: string | null;
  districtName: string | null;
  /** Tickets. */
  count: number;
  /** Reopens or the department's returns of those tickets; for a repeat, its tickets. */
  times: number;
  first: string;
  last: string;
  /** Of its tickets, those still open. */
  open: number;
  ticketIds: string[];
}

export interface RepeatsAnswer {
  items: RepeatItem[];
  /** Callers are compared only with a configured key (HOTLINE_ANALYSIS_SECRET). */
  callersCompared: boolean;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const ORDER: Record<RepeatItem['type'], number> = { caller: 0, place: 1, reopened: 2, returned: 3 };

export function findRepeats(ctx: AnalysisContext, deptName: (id: string) => string, callersCompared: boolean): RepeatsAnswer {
  const { rules } = ctx;
  const a = rules.config.analysis;
  const facts = factsBetween(ctx, ctx.today - a.repeatDays + 1, ctx.today);
  const buckets = new Map<string, { type: RepeatItem['type']; facts: Fact[]; times: number; dept: string | null }>();
  const add = (type: RepeatItem['type'], key: string, f: Fact, times = 1, dept: string | null = null) => {
    const k = `${type}|${key}`;
    const b = buckets.get(k);
    if (b) {
      b.facts.push(f);
      b.times += times;
    } else buckets.set(k, { type, facts: [f], times, dept });
  };
  for (const f of facts) {
    const matter = f.category.join('/');
    if (f.caller) add('caller', `${f.caller}|${matter}`, f);
    if (f.place) add('place', `${f.place}|${matter}`, f);
    if (f.reopens >= a.reopenMin) {
      const dept = f.depts.length > 0 ? f.depts[f.depts.length - 1] : '';
      add('reopened', dept, f, f.reopens, dept);
    }
    if (f.returns.length >= a.returnMin) {
      const own = new Map<string, number>();
      for (const d of f.returns) own.set(d, (own.get(d) ?? 0) + 1);
      for (const [d, n] of own) add('returned', d, f, n, d);
    }
  }
  const items: RepeatItem[] = [];
  for (const { type, facts: fs, times, dept } of buckets.values()) {
    const repeat = type === 'caller' || type === 'place';
    if (repeat && fs.length < a.repeatMin) continue;
    const district = fs[fs.length - 1].district;
    items.push({
      type,
      matter: repeat ? fs[0].category.join('/') : null,
      deptId: dept,
      deptName: dept === null ? null : dept === '' ? '未派单' : deptName(dept),
      district: repeat ? district : null,
      districtName: repeat ? (rules.districtNames.get(district) ?? district) : null,
      count: fs.length,
      times,
      first: iso(rules, fs[0].at),
      last: iso(rules, fs[fs.length - 1].at),
      open: fs.filter((f) => ctx.now(f.id).open).length,
      ticketIds: fs.slice(0, a.idsLimit).map((f) => f.id),
    });
  }
  items.sort(
    (x, y) =>
      ORDER[x.type] - ORDER[y.type] ||
      y.count - x.count ||
      y.times - x.times ||
      (x.last > y.last ? -1 : x.last < y.last ? 1 : 0) ||
      byCode(x.ticketIds[0], y.ticketIds[0]),
  );
  return { items: items.slice(0, a.listLimit), callersCompared };
}
