// Schema version 3 of the stored state (co-handling and returns): what older records lack and how
// they get it. Pure: the store's migration step (server/store/migrations/3-cohandling.ts) reads the
// records and the per-ticket timelines and writes back what these functions return. Setting, never
// adding, so running it twice gives the same records.
import type { Rules } from './rules.ts';
import { emptyDeptDay, type DeptDay } from './state.ts';

/** A ticket's returns, from its stored timeline (applied events in stream order). */
export interface TicketReturns {
  /** Departments that returned it, in order. */
  route: string[];
  /** Each return's local day number and department. */
  returns: Array<[number, string]>;
}

export function returnsOfTimeline(rules: Rules, timeline: readonly string[]): TicketReturns {
  const out: TicketReturns = { route: [], returns: [] };
  for (const raw of timeline) {
    let e: { type?: unknown; at?: unknown; deptId?: unknown };
    try {
      e = JSON.parse(raw) as typeof e;
    } catch {
      continue;
    }
    if (e.type !== 'ticket.returned' || typeof e.deptId !== 'string' || typeof e.at !== 'string') continue;
    const at = Date.parse(e.at);
    if (Number.isNaN(at)) continue;
    out.route.push(e.deptId);
    out.returns.push([rules.zone.dayOf(at), e.deptId]);
  }
  return out;
}

/**
 * A stored ticket record in schema 3: its route from the timeline, and no co-handlers when it has
 * none on record (co-handling events did not exist before, so no stored ticket can have any).
 * Fields it does not know are kept as they are.
 */
export function upgradeTicketRecord(json: string, route: readonly string[]): string {
  const t = JSON.parse(json) as Record<string, unknown>;
  t.co ??= null;
  t.route = route.length > 0 ? [...route] : null;
  return JSON.stringify(t);
}

/**
 * A stored rollup day (deptId → figures) in schema 3: every new figure present, `returned` set to
 * the returns counted from the timelines (departments with returns but no record yet get one).
 */
export function upgradeRollupDay(json: string | null, returned: ReadonlyMap<string, number>): string {
  const byDept = (json === null ? {} : JSON.parse(json)) as Record<string, Partial<DeptDay>>;
  for (const id of returned.keys()) byDept[id] ??= {};
  for (const [id, r] of Object.entries(byDept)) {
    byDept[id] = { ...emptyDeptDay(), ...r, returned: returned.get(id) ?? 0 };
  }
  return JSON.stringify(byDept);
}
