// What every analysis reads: the facts grouped by local day, the clock, the rules, and what the core
// knows now of each ticket (open, overdue, its department). Built once per answer.
import type { Rules } from '../rules.ts';
import type { Ticket } from '../state.ts';
import { dateOfDay } from '../time.ts';
import type { Fact } from './facts.ts';

export interface TicketNow {
  open: boolean;
  /** Red: assigned or signed and past its deadline. */
  overdue: boolean;
  deptId: string | null;
}

export interface AnalysisContext {
  rules: Rules;
  asOf: number;
  today: number;
  /** ms since today's local midnight at asOf. */
  timeOfDay: number;
  /** Facts of tickets created up to asOf, by local day, each day in creation order. */
  byDay: Map<number, Fact[]>;
  /** What the core knows of a ticket now; closed tickets it let go of answer closed. */
  now(id: string): TicketNow;
}

export function ticketNow(t: Ticket | undefined, asOf: number): TicketNow {
  if (!t || t.state === 'closed') return { open: false, overdue: false, deptId: t?.deptId ?? null };
  const overdue = (t.state === 'assigned' || t.state === 'signed') && t.dueAt !== null && asOf > t.dueAt;
  return { open: true, overdue, deptId: t.deptId };
}

export function makeContext(
  rules: Rules,
  facts: Iterable<Fact>,
  asOf: number,
  lookup: (id: string) => Ticket | undefined = () => undefined,
): AnalysisContext {
  const today = rules.zone.dayOf(asOf);
  const byDay = new Map<number, Fact[]>();
  for (const f of facts) {
    if (f.at > asOf) continue;
    const d = rules.zone.dayOf(f.at);
    let list = byDay.get(d);
    if (!list) byDay.set(d, (list = []));
    list.push(f);
  }
  for (const list of byDay.values()) list.sort((a, b) => a.at - b.at);
  return { rules, asOf, today, timeOfDay: asOf - rules.zone.startOfDay(today), byDay, now: (id) => ticketNow(lookup(id), asOf) };
}

/** Facts of the days [from, to], oldest first. */
export function factsBetween(ctx: AnalysisContext, from: number, to: number): Fact[] {
  const out: Fact[] = [];
  for (let d = from; d <= to; d++) {
    const list = ctx.byDay.get(d);
    if (list) for (const f of list) out.push(f);
  }
  return out;
}

/** What a fact counts under: each category level, its district, its keywords. */
export function keysOf(f: Fact): string[] {
  const keys: string[] = [];
  for (let i = 0; i < f.category.length; i++) keys.push(`c${i + 1}:${f.category.slice(0, i + 1).join('/')}`);
  keys.push(`d:${f.district}`);
  for (const w of f.words) keys.push(`k:${w}`);
  return keys;
}

export type KeyType = 'category' | 'district' | 'keyword';

export interface What {
  key: string;
  type: KeyType;
  /** Category level (1-3) for a category. */
  level: number | null;
  /** The category path (a/b/c), the district's name, or the word. */
  name: string;
}

export function whatOf(rules: Rules, key: string): What {
  const i = key.indexOf(':');
  const head = key.slice(0, i);
  const body = key.slice(i + 1);
  if (head === 'd') return { key, type: 'district', level: null, name: rules.districtNames.get(body) ?? body };
  if (head === 'k') return { key, type: 'keyword', level: null, name: body };
  return { key, type: 'category', level: Number(head.slice(1)), name: body };
}

export interface Where {
  district: string;
  name: string;
  count: number;
}

/** The districts of some facts, count descending then code, at most `limit`. */
export function whereOf(rules: Rules, facts: readonly Fact[], limit = 3): Where[] {
  const n = new Map<string, number>();
  for (const f of facts) n.set(f.district, (n.get(f.district) ?? 0) + 1);
  return [...n]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([district, count]) => ({ district, name: rules.districtNames.get(district) ?? district, count }));
}

export const iso = (rules: Rules, ms: number) => rules.zone.format(ms);
export const dateOf = dateOfDay;
