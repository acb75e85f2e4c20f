// Warning lists: red and yellow tickets now, sorted by dueAt then ticketId (metrics.md).
import type { WarningItem, WarningsAnswer } from '../contract/snapshot.ts';
import { assess, moment, type Moment } from './colour.ts';
import { configuredDeptName, type Rules } from './rules.ts';
import type { CoreState, Ticket } from './state.ts';

export interface Assessed {
  ticket: Ticket;
  colour: 'red' | 'yellow' | 'green';
  reason: WarningItem['reason'] | null;
  level: number;
}

/** Every open ticket with its colour and effective level: the one scan a snapshot makes. */
export function assessOpen(state: CoreState, rules: Rules, m: Moment): Assessed[] {
  const out: Assessed[] = [];
  for (const t of state.open.values()) {
    const w = assess(rules, m, t);
    out.push({ ticket: t, colour: w.colour, reason: w.reason, level: w.level });
  }
  return out;
}

const byDue = (a: Assessed, b: Assessed) =>
  a.ticket.dueAt! - b.ticket.dueAt! || (a.ticket.id < b.ticket.id ? -1 : a.ticket.id > b.ticket.id ? 1 : 0);

/** Colour-carrying tickets of one colour, in the contract's order. */
export function sortedOfColour(all: Assessed[], colour: 'red' | 'yellow'): Assessed[] {
  return all.filter((a) => a.colour === colour && a.reason !== null).sort(byDue);
}

/** A ticket's title on a screen: masked, and a 举报 ticket's first-level category in its place (whistleblowers). */
export function screenTitle(t: Ticket): string {
  return t.kind === 'report' ? t.category[0] : t.title;
}

export function warningItem(state: CoreState, rules: Rules, a: Assessed): WarningItem {
  const t = a.ticket;
  const dept = state.depts.get(t.deptId!);
  return {
    ticketId: t.id,
    deptId: t.deptId!,
    deptName: configuredDeptName(rules, t.deptId!) ?? dept?.name ?? t.deptId!,
    district: t.district,
    category: t.category,
    title: screenTitle(t),
    dueAt: rules.zone.format(t.dueAt!),
    reason: a.reason!,
    level: a.level,
    urgency: t.urgency,
    kind: t.kind,
  };
}

export interface WarningsQuery {
  color: 'red' | 'yellow';
  district?: string;
  deptId?: string;
  offset: number;
  limit: number;
}

export function listWarnings(state: CoreState, rules: Rules, asOf: number, q: WarningsQuery): WarningsAnswer {
  const all = sortedOfColour(assessOpen(state, rules, moment(rules, asOf)), q.color).filter(
    (a) => (q.district === undefined || a.ticket.district === q.district) && (q.deptId === undefined || a.ticket.deptId === q.deptId),
  );
  return { total: all.length, items: all.slice(q.offset, q.offset + q.limit).map((a) => warningItem(state, rules, a)) };
}
