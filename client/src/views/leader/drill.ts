// The leader's drill-down (全市 > 区县 > 部门 > 工单) as plain data kept in the route's query
// (#/leader?district=370902&dept=d-01&ticket=T1), so the back button, a reload and a shared link
// all land where the leader was. Pure; the view turns it into router calls.
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

export interface Drill {
  district: string | null;
  dept: string | null;
  ticket: string | null;
}

export type DrillLevel = 'city' | 'district' | 'dept' | 'ticket';

export const CITY: Drill = { district: null, dept: null, ticket: null };

/** The query keys the drill owns; every other key (token, wall…) is kept as it is. */
export const DRILL_KEYS = ['district', 'dept', 'ticket'] as const;

const ID = /^[\w.:-]{1,64}$/;

function one(v: LocationQuery[string] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && ID.test(s) ? s : null;
}

export function drillFromQuery(q: LocationQuery): Drill {
  return { district: one(q.district), dept: one(q.dept), ticket: one(q.ticket) };
}

/** The query for a drill, keeping the keys that are not the drill's. */
export function drillQuery(current: LocationQuery, d: Drill): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const [k, v] of Object.entries(current)) if (!(DRILL_KEYS as readonly string[]).includes(k)) out[k] = v;
  if (d.district) out.district = d.district;
  if (d.dept) out.dept = d.dept;
  if (d.ticket) out.ticket = d.ticket;
  return out;
}

export function drillLevel(d: Drill): DrillLevel {
  if (d.ticket) return 'ticket';
  if (d.dept) return 'dept';
  if (d.district) return 'district';
  return 'city';
}

/** Going down: a district clears what was below; a department keeps the district (scope narrows). */
export const down = {
  district: (code: string): Drill => ({ district: code, dept: null, ticket: null }),
  dept: (from: Drill, id: string): Drill => ({ district: from.district, dept: id, ticket: null }),
  ticket: (from: Drill, id: string): Drill => ({ ...from, ticket: id }),
};

export interface Crumb {
  level: DrillLevel;
  label: string;
  to: Drill;
  testid: string;
  current: boolean;
}

export function breadcrumbs(d: Drill, names: { district: (code: string) => string; dept: (id: string) => string }): Crumb[] {
  const out: Crumb[] = [{ level: 'city', label: '全市', to: CITY, testid: 'crumb-city', current: false }];
  if (d.district)
    out.push({
      level: 'district',
      label: names.district(d.district),
      to: down.district(d.district),
      testid: 'crumb-district',
      current: false,
    });
  if (d.dept)
    out.push({
      level: 'dept',
      label: names.dept(d.dept),
      to: { district: d.district, dept: d.dept, ticket: null },
      testid: 'crumb-dept',
      current: false,
    });
  if (d.ticket) out.push({ level: 'ticket', label: `工单 ${d.ticket}`, to: d, testid: 'crumb-ticket', current: false });
  out[out.length - 1]!.current = true;
  return out;
}
