// Repeat demands (重复诉求) and signs of passing the buck, by counts and ticket ids only:
// - the same caller (a keyed hash of the phone, never shown) about the same matter (the same
//   category, to its deepest level) `repeatMin` times or more within `repeatDays`;
// - the same place (a location grid cell) about the same matter as often;
// - tickets reopened (重办) `reopenMin` times or more; tickets returned (退回) `returnMin` times or
//   more, by each department that returned them.
// Windows are by creation day, today included.
import { factsBetween, iso, type AnalysisContext } from './context.ts';
import type { Fact } from './facts.ts';

export interface RepeatGroup {
  /** caller: the same phone (hash); place: the same ~100 m cell. */
  by: 'caller' | 'place';
  /** The matter: the category path. */
  matter: string;
  district: string;
  districtName: string;
  count: number;
  first: string;
  last: string;
  open: number;
  ticketIds: string[];
}

export interface ReworkItem {
  ticketId: string;
  /** Reopens, or returns by all departments. */
  times: number;
  open: boolean;
}

export interface ReturnsByDept {
  deptId: string;
  name: string;
  /** Tickets it returned that were returned `returnMin` times or more in all. */
  tickets: number;
  /** Its own returns of them. */
  returns: number;
  ticketIds: string[];
}

export interface RepeatsAnswer {
  groups: RepeatGroup[];
  reopened: ReworkItem[];
  returned: ReturnsByDept[];
  /** Callers are compared only with a configured key (HOTLINE_ANALYSIS_SECRET). */
  callersCompared: boolean;
}

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function findRepeats(ctx: AnalysisContext, deptName: (id: string) => string, callersCompared: boolean): RepeatsAnswer {
  const { rules } = ctx;
  const a = rules.config.analysis;
  const facts = factsBetween(ctx, ctx.today - a.repeatDays + 1, ctx.today);
  const buckets = new Map<string, { by: RepeatGroup['by']; facts: Fact[] }>();
  const add = (by: RepeatGroup['by'], id: string, f: Fact) => {
    const key = `${by}|${id}|${f.category.join('/')}`;
    const b = buckets.get(key);
    if (b) b.facts.push(f);
    else buckets.set(key, { by, facts: [f] });
  };
  for (const f of facts) {
    if (f.caller) add('caller', f.caller, f);
    if (f.place) add('place', f.place, f);
  }
  const groups: RepeatGroup[] = [];
  for (const { by, facts: fs } of buckets.values()) {
    if (fs.length < a.repeatMin) continue;
    const district = fs[fs.length - 1].district;
    groups.push({
      by,
      matter: fs[0].category.join('/'),
      district,
      districtName: rules.districtNames.get(district) ?? district,
      count: fs.length,
      first: iso(rules, fs[0].at),
      last: iso(rules, fs[fs.length - 1].at),
      open: fs.filter((f) => ctx.now(f.id).open).length,
      ticketIds: fs.slice(0, a.idsLimit).map((f) => f.id),
    });
  }
  groups.sort((x, y) => y.count - x.count || (x.last > y.last ? -1 : x.last < y.last ? 1 : 0) || byCode(x.ticketIds[0], y.ticketIds[0]));

  const reopened = facts
    .filter((f) => f.reopens >= a.reopenMin)
    .map((f) => ({ ticketId: f.id, times: f.reopens, open: ctx.now(f.id).open }))
    .sort((x, y) => y.times - x.times || byCode(x.ticketId, y.ticketId));

  const depts = new Map<string, { tickets: string[]; returns: number }>();
  for (const f of facts) {
    if (f.returns.length < a.returnMin) continue;
    const own = new Map<string, number>();
    for (const d of f.returns) own.set(d, (own.get(d) ?? 0) + 1);
    for (const [d, n] of own) {
      const r = depts.get(d) ?? { tickets: [], returns: 0 };
      r.tickets.push(f.id);
      r.returns += n;
      depts.set(d, r);
    }
  }
  const returned = [...depts]
    .map(([deptId, r]) => ({
      deptId,
      name: deptName(deptId),
      tickets: r.tickets.length,
      returns: r.returns,
      ticketIds: r.tickets.slice(0, a.idsLimit),
    }))
    .sort((x, y) => y.tickets - x.tickets || y.returns - x.returns || byCode(x.deptId, y.deptId));

  const lim = a.listLimit;
  return { groups: groups.slice(0, lim), reopened: reopened.slice(0, lim), returned: returned.slice(0, lim), callersCompared };
}
