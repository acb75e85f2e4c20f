// Co-handling (协办, 部门协同) and returns (退单), events.md "Co-handling" and metrics.md: the parts
// of a ticket's co-handlers, the lead's exception, the figures of parts now, and the tickets passed
// back and forth (多次退回). Pure; the in-memory parts are the current assignment's only, the
// ticket detail reads the whole story from the stored timeline.
import type { BouncedItem, CoHandler, CoPartEnd, CoPartItem, CoPartsAnswer, ReturnsAnswer } from '../contract/snapshot.ts';
import { partOverdue } from './colour.ts';
import { configuredDeptName, type Rules } from './rules.ts';
import type { CoPart, CoreState, Dept, Ticket } from './state.ts';
import { screenTitle } from './warnings.ts';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The part of `deptId` if it is a current co-handler of the ticket (co-replied or not). */
export function coPartOf(t: Ticket, deptId: string): CoPart | null {
  if (t.co === null) return null;
  for (const p of t.co) if (p.deptId === deptId) return p;
  return null;
}

/**
 * The lead's exception (配合单位拖延的，不扣主办单位): a co-handling part was open at the deadline
 * `dueAt`, i.e. begun before it and not ended by then.
 */
export function heldUpByCoHandler(t: Ticket, dueAt: number): boolean {
  if (t.co === null) return false;
  for (const p of t.co) if (p.at < dueAt && (p.endAt === null || p.endAt > dueAt)) return true;
  return false;
}

export interface CoNow {
  open: number;
  overdue: number;
  /** Open parts past their deadline, per co-handler. */
  overdueByDept: Map<string, number>;
}

/** Co-handling parts open now and overdue now: one scan of the open tickets. */
export function coPartsNow(state: CoreState, asOf: number): CoNow {
  const out: CoNow = { open: 0, overdue: 0, overdueByDept: new Map() };
  for (const t of state.open.values()) {
    if (t.co === null) continue;
    for (const p of t.co) {
      if (p.endAt !== null) continue;
      out.open++;
      if (partOverdue(p, asOf)) {
        out.overdue++;
        out.overdueByDept.set(p.deptId, (out.overdueByDept.get(p.deptId) ?? 0) + 1);
      }
    }
  }
  return out;
}

function deptName(state: CoreState, rules: Rules, id: string): string {
  return configuredDeptName(rules, id) ?? state.depts.get(id)?.name ?? id;
}

function bouncedItem(t: Ticket): BouncedItem {
  const route = t.route ?? [];
  return { ticketId: t.id, returns: route.length, route: [...route], district: t.district, category: t.category, title: screenTitle(t) };
}

const byReturns = (a: Ticket, b: Ticket) => b.route!.length - a.route!.length || byCodeUnit(a.id, b.id);

/** 多次退回: tickets not closed returned at least `thresholds.bouncedReturns` (2) times, the first `limits.bounced` (20). */
export function bouncedTickets(state: CoreState, rules: Rules): BouncedItem[] {
  const min = rules.config.thresholds.bouncedReturns;
  const found: Ticket[] = [];
  for (const t of state.open.values()) if (t.route !== null && t.route.length >= min) found.push(t);
  return found.sort(byReturns).slice(0, rules.config.limits.bounced).map(bouncedItem);
}

export interface ReturnsQuery {
  /** Only tickets this department returned (at least once). */
  deptId?: string;
  offset: number;
  limit: number;
}

/** Tickets not closed that were returned, in the bounced order (returns descending, then ticketId). */
export function listReturns(state: CoreState, q: ReturnsQuery): ReturnsAnswer {
  const found: Ticket[] = [];
  for (const t of state.open.values()) {
    if (t.route !== null && (q.deptId === undefined || t.route.includes(q.deptId))) found.push(t);
  }
  found.sort(byReturns);
  return { total: found.length, items: found.slice(q.offset, q.offset + q.limit).map(bouncedItem) };
}

export interface CoPartsQuery {
  /** Only this co-handler's parts. */
  deptId?: string;
  /** Only parts past their deadline. */
  overdue?: boolean;
  offset: number;
  limit: number;
}

/** Open co-handling parts now, by their deadline, then ticketId, then co-handler. */
export function listCoParts(state: CoreState, rules: Rules, asOf: number, q: CoPartsQuery): CoPartsAnswer {
  const found: Array<[Ticket, CoPart]> = [];
  for (const t of state.open.values()) {
    if (t.co === null) continue;
    for (const p of t.co) {
      if (p.endAt !== null || (q.deptId !== undefined && p.deptId !== q.deptId) || (q.overdue === true && !partOverdue(p, asOf))) continue;
      found.push([t, p]);
    }
  }
  found.sort(([ta, pa], [tb, pb]) => pa.dueAt - pb.dueAt || byCodeUnit(ta.id, tb.id) || byCodeUnit(pa.deptId, pb.deptId));
  const fmt = rules.zone.format;
  const items = found.slice(q.offset, q.offset + q.limit).map(([t, p]): CoPartItem => ({
    ticketId: t.id,
    deptId: p.deptId,
    deptName: deptName(state, rules, p.deptId),
    leadId: t.deptId!,
    leadName: deptName(state, rules, t.deptId!),
    district: t.district,
    category: t.category,
    title: screenTitle(t),
    assignedAt: fmt(p.at),
    dueAt: fmt(p.dueAt),
    overdue: partOverdue(p, asOf),
  }));
  return { total: found.length, items };
}

interface TimelineEvent {
  type?: string;
  at?: unknown;
  deptId?: unknown;
  dueAt?: unknown;
  dept?: { id?: unknown };
}

/**
 * Every co-handling part of a ticket over its life, from its stored timeline (applied events in
 * stream order): the same rules as the core applies, with the dropped parts kept for the reader.
 */
export function coHandlersOf(rules: Rules, depts: ReadonlyMap<string, Dept>, timeline: readonly string[]): CoHandler[] {
  const fmt = (iso: string) => rules.zone.format(Date.parse(iso));
  const name = (id: string) => configuredDeptName(rules, id) ?? depts.get(id)?.name ?? id;
  const all: CoHandler[] = [];
  /** Beside each part: its deadline in ms and whether it co-replied. */
  const seen: Array<{ dueMs: number; coReplied: boolean }> = [];
  /** Indexes in `all` of the current co-handlers (since the latest return or reopen). */
  let current: number[] = [];
  const end = (i: number, state: 'done' | 'dropped', at: string, by: CoPartEnd, onTime: boolean | null) => {
    Object.assign(all[i], { state, at: fmt(at), endedBy: by, onTime });
  };
  for (const raw of timeline) {
    let e: TimelineEvent;
    try {
      e = JSON.parse(raw) as TimelineEvent;
    } catch {
      continue;
    }
    const at = String(e.at);
    switch (e.type) {
      case 'ticket.coassigned': {
        const id = String(e.dept?.id);
        const dueMs = Date.parse(String(e.dueAt));
        current.push(all.length);
        all.push({
          deptId: id,
          name: name(id),
          assignedAt: fmt(at),
          dueAt: rules.zone.format(dueMs),
          state: 'open',
          at: null,
          endedBy: null,
          onTime: null,
        });
        seen.push({ dueMs, coReplied: false });
        break;
      }
      case 'ticket.coreplied': {
        const i = current.find((k) => all[k].deptId === e.deptId);
        if (i === undefined || seen[i].coReplied) break;
        seen[i].coReplied = true;
        // A part the lead's reply already ended stays as it ended.
        if (all[i].state === 'open') end(i, 'done', at, 'ticket.coreplied', Date.parse(at) <= seen[i].dueMs);
        break;
      }
      case 'ticket.replied':
        for (const i of current) if (all[i].state === 'open') end(i, 'done', at, 'ticket.replied', false);
        break;
      case 'ticket.returned':
      case 'ticket.reopened':
        for (const i of current) if (all[i].state === 'open') end(i, 'dropped', at, e.type as CoPartEnd, null);
        current = [];
        break;
    }
  }
  return all;
}
