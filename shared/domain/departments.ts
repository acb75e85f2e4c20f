// Department rates (三率 and more), score, rank and unit card over a period (metrics.md).
// Answered from daily rollups plus the open tickets: never a replay of the stream.
import { DEPT_KINDS } from '../contract/events.ts';
import type { Colour, DepartmentRow, Period } from '../contract/snapshot.ts';
import { coPartsNow } from './cohandling.ts';
import { moment, ticketColour } from './colour.ts';
import { configuredDeptName, type Rules } from './rules.ts';
import { emptyDeptDay, type CoreState, type DeptDay } from './state.ts';
import { dayOfDate } from './time.ts';

/** Rounds to two decimals, halves away from zero, robust to binary fractions (84.125 → 84.13). */
export function round2(x: number): number {
  const scaled = Number((Math.abs(x) * 100).toPrecision(12));
  return (Math.sign(x) * Math.round(scaled)) / 100;
}

const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

export interface Rates {
  responseRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  coOnTimeRate: number | null;
}

/**
 * score = 100 × Σ wᵢ·rateᵢ / Σ wᵢ over the non-null rates; null when every rate is null. A unit that
 * did not co-handle in the period has no coOnTimeRate and scores exactly as with four rates.
 */
export function score(rules: Rules, r: Rates): number | null {
  const w = rules.config.weights;
  const pairs: Array<[number, number | null]> = [
    [w.response, r.responseRate],
    [w.onTime, r.onTimeRate],
    [w.resolution, r.resolutionRate],
    [w.satisfaction, r.satisfactionRate],
    [w.coOnTime, r.coOnTimeRate],
  ];
  let num = 0;
  let den = 0;
  let any = false;
  for (const [wi, rate] of pairs) {
    if (rate === null) continue;
    any = true;
    num += wi * rate;
    den += wi;
  }
  if (!any || den === 0) return null;
  return (100 * num) / den;
}

export function unitCard(rules: Rules, s: number | null, redNow: number): Colour {
  const th = rules.config.thresholds;
  if ((s !== null && s < th.scoreRed) || redNow >= th.redTicketsRed) return 'red';
  if ((s !== null && s < th.scoreYellow) || redNow >= th.redTicketsYellow) return 'yellow';
  return 'green';
}

const KIND_ORDER = new Map(DEPT_KINDS.map((k, i) => [k, i]));
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ranks within each kind: rounded score desc, assigned desc, id asc; positions 1..n, never shared. */
export function rankRows(rows: DepartmentRow[]): DepartmentRow[] {
  for (const kind of DEPT_KINDS) {
    const scored = rows.filter((r) => r.kind === kind && r.score !== null);
    scored.sort((a, b) => round2(b.score!) - round2(a.score!) || b.assigned - a.assigned || byCodeUnit(a.id, b.id));
    scored.forEach((r, i) => (r.rank = i + 1));
  }
  return rows.sort(
    (a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.rank ?? Infinity) - (b.rank ?? Infinity) || byCodeUnit(a.id, b.id),
  );
}

/** Department rows for the period [from, to] at `asOf`. */
export function departmentRows(state: CoreState, rules: Rules, period: Period, asOf: number): DepartmentRow[] {
  const from = dayOfDate(period.from)!;
  const to = dayOfDate(period.to)!;
  const m = moment(rules, asOf);
  const includesToday = from <= m.today && m.today <= to;

  const sums = new Map<string, DeptDay>();
  const sum = (id: string) => {
    let s = sums.get(id);
    if (!s) sums.set(id, (s = emptyDeptDay()));
    return s;
  };
  for (let d = from; d <= to; d++) {
    const byDept = state.rollups.get(d);
    if (!byDept) continue;
    for (const [id, r] of byDept) {
      const s = sum(id);
      for (const k in r) s[k as keyof DeptDay] += r[k as keyof DeptDay];
    }
  }
  // Assignments still waiting for a sign-for are due once their sign-for deadline has passed, and
  // late; those are exactly the tickets in state `assigned` (open tickets: O(open)).
  const pendingDue = new Map<string, number>();
  const redNow = new Map<string, number>();
  for (const t of state.open.values()) {
    if (t.state !== 'assigned' && t.state !== 'signed') continue;
    if (t.state === 'assigned' && asOf > t.signDueAt!) {
      const d = rules.zone.dayOf(t.assignedAt!);
      if (d >= from && d <= to) pendingDue.set(t.deptId!, (pendingDue.get(t.deptId!) ?? 0) + 1);
    }
    if (includesToday && ticketColour(rules, m, t)?.colour === 'red') redNow.set(t.deptId!, (redNow.get(t.deptId!) ?? 0) + 1);
  }
  // Co-handling parts overdue are a figure of now, whatever the period.
  const coOverdue = coPartsNow(state, asOf).overdueByDept;

  const rows: DepartmentRow[] = [];
  for (const dept of state.depts.values()) {
    const s = sums.get(dept.id) ?? emptyDeptDay();
    const rates: Rates = {
      responseRate: ratio(s.respondedOnTime, s.responded + (pendingDue.get(dept.id) ?? 0)),
      onTimeRate: ratio(s.repliedOnTime, s.replied),
      resolutionRate: ratio(s.resolvedPoints / 2, s.visits),
      satisfactionRate: ratio(s.satOk, s.satRated),
      coOnTimeRate: ratio(s.coOnTime, s.coEnded),
    };
    const sc = score(rules, rates);
    const red = redNow.get(dept.id) ?? 0;
    rows.push({
      id: dept.id,
      name: configuredDeptName(rules, dept.id) ?? dept.name,
      kind: dept.kind,
      assigned: s.assigned,
      ...rates,
      score: sc,
      rank: null,
      card: unitCard(rules, sc, red),
      redNow: red,
      returned: s.returned,
      returnRate: ratio(s.returned, s.assigned),
      coOverdueNow: coOverdue.get(dept.id) ?? 0,
    });
  }
  return rankRows(rows);
}
