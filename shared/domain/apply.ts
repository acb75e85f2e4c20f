// Applying one validated event to the state (events.md): the checks against the ticket, in the
// contract's order, then the change. O(1) per event: every figure it touches is keyed directly.
import type { EventOf, HotlineEvent, RejectCode, TicketEvent, TicketState } from '../contract/events.ts';
import { unhandled } from '../exhaustive.ts';
import { addWorkingDay } from './calendar.ts';
import { coPartOf, heldUpByCoHandler } from './cohandling.ts';
import { maskText } from './privacy.ts';
import type { Rules } from './rules.ts';
import { noteFact } from './analysis/facts.ts';
import { countTopics } from './topics.ts';
import { emptyDay, emptyDeptDay, type CoPart, type CoreState, type DayStats, type DeptDay, type Ticket } from './state.ts';
import { DAY, MINUTE } from './time.ts';

export interface Rejection {
  code: RejectCode;
  /** "code: sentence", as written to the :rejected stream. */
  reason: string;
}

const reject = (code: RejectCode, sentence: string): Rejection => ({ code, reason: `${code}: ${sentence}` });

/** States in which each ticket event is allowed (events.md table). `closed` is refined below. */
const ALLOWED: Record<TicketEvent['type'], readonly TicketState[] | null> = {
  'ticket.created': null,
  'ticket.assigned': ['new'],
  'ticket.signed': ['assigned'],
  'ticket.returned': ['assigned', 'signed'],
  'ticket.extended': ['assigned', 'signed'],
  'ticket.replied': ['signed'],
  'ticket.visited': ['replied', 'closed'],
  'ticket.closed': ['replied', 'new'],
  'ticket.reopened': ['replied', 'closed'],
  'ticket.supervised': ['new', 'assigned', 'signed', 'replied'],
  'ticket.coassigned': ['assigned', 'signed'],
  'ticket.coreplied': ['assigned', 'signed', 'replied'],
};

function checkTicketEvent(state: CoreState, e: TicketEvent, at: number): Rejection | null {
  const t = state.tickets.get(e.ticketId);
  if (e.type === 'ticket.created') {
    return t ? reject('ticket-exists', `ticket ${e.ticketId} already exists`) : null;
  }
  if (!t) return reject('unknown-ticket', `ticket ${e.ticketId} was never created`);
  const allowed = ALLOWED[e.type]!;
  let ok = allowed.includes(t.state);
  if (e.type === 'ticket.closed') {
    // replied: an ordinary close; new: only a direct answer (直答直办).
    ok = e.direct === true ? t.state === 'new' : t.state === 'replied';
  }
  if (!ok) {
    const why =
      e.type === 'ticket.closed'
        ? e.direct === true
          ? ' (a direct close needs state new)'
          : ' (a close needs state replied, or direct: true from new)'
        : '';
    return reject('bad-state', `${e.type} is not allowed for ticket ${e.ticketId} in state ${t.state}${why}`);
  }
  // Co-handling: the lead or a current co-handler cannot be co-assigned (a state of the ticket);
  // a co-reply must come from a current co-handler (its department), once.
  if (e.type === 'ticket.coassigned') {
    if (e.dept.id === t.deptId) return reject('bad-state', `${e.dept.id} leads ticket ${e.ticketId}: the lead cannot also co-handle it`);
    if (coPartOf(t, e.dept.id)) return reject('bad-state', `${e.dept.id} already co-handles ticket ${e.ticketId}`);
  } else if (e.type === 'ticket.coreplied') {
    const part = coPartOf(t, e.deptId);
    if (!part) {
      const co = t.co?.map((p) => p.deptId).join(', ') || 'none';
      return reject('wrong-dept', `${e.deptId} does not co-handle ticket ${e.ticketId} (co-handlers: ${co})`);
    }
    if (part.coReplied) return reject('bad-state', `${e.deptId} already co-replied to ticket ${e.ticketId}`);
  } else if ('deptId' in e && e.deptId !== t.deptId) {
    return reject('wrong-dept', `ticket ${e.ticketId} is with ${t.deptId}, not ${e.deptId}`);
  }
  if (e.type === 'ticket.assigned') {
    const due = Date.parse(e.dueAt);
    if (!(due > at)) return reject('bad-deadline', `dueAt ${e.dueAt} is not later than the assignment at ${e.at}`);
    if (e.signDueAt != null && !(Date.parse(e.signDueAt) > at)) {
      return reject('bad-deadline', `signDueAt ${e.signDueAt} is not later than the assignment at ${e.at}`);
    }
  }
  if (e.type === 'ticket.coassigned' && !(Date.parse(e.dueAt) > at)) {
    return reject('bad-deadline', `dueAt ${e.dueAt} is not later than the co-assignment at ${e.at}`);
  }
  if (e.type === 'ticket.extended' && !(Date.parse(e.dueAt) > (t.dueAt ?? -Infinity))) {
    return reject('bad-deadline', `the new dueAt ${e.dueAt} is not later than the deadline it replaces`);
  }
  return null;
}

/** The checks after schema and duplicate: null when the event may be applied. */
export function checkEvent(state: CoreState, e: HotlineEvent, at: number): Rejection | null {
  return 'ticketId' in e ? checkTicketEvent(state, e as TicketEvent, at) : null;
}

function day(state: CoreState, d: number): DayStats {
  let s = state.days.get(d);
  if (!s) state.days.set(d, (s = emptyDay()));
  state.dirty?.days.add(d);
  return s;
}

function deptDay(state: CoreState, d: number, deptId: string): DeptDay {
  let byDept = state.rollups.get(d);
  if (!byDept) state.rollups.set(d, (byDept = new Map()));
  let r = byDept.get(deptId);
  if (!r) byDept.set(deptId, (r = emptyDeptDay()));
  state.dirty?.rollups.add(d);
  return r;
}

const interned = new Map<string, string>();
/** Districts repeat endlessly: one string per distinct code keeps tickets small. */
function intern(s: string): string {
  let v = interned.get(s);
  if (v === undefined) {
    if (interned.size > 100_000) interned.clear();
    interned.set(s, s);
    v = s;
  }
  return v;
}

const categories = new Map<string, string[]>();
/** So do category paths: tickets of one category share one frozen array. */
export function internCategory(path: string[]): string[] {
  const key = path.join('\u0001');
  let v = categories.get(key);
  if (v === undefined) {
    if (categories.size > 100_000) categories.clear();
    v = Object.freeze(path.map(intern)) as string[];
    categories.set(key, v);
  }
  return v;
}

function touch(state: CoreState, t: Ticket) {
  state.dirty?.tickets.add(t.id);
}

function respond(state: CoreState, rules: Rules, t: Ticket, at: number) {
  // The first sign-for or return after an assignment answers it (响应), on the assignment's day.
  if (t.responded || t.deptId === null || t.assignedAt === null) return;
  t.responded = true;
  const r = deptDay(state, rules.zone.dayOf(t.assignedAt), t.deptId);
  r.responded++;
  if (t.signDueAt !== null && at <= t.signDueAt) r.respondedOnTime++;
}

function applyCreated(state: CoreState, rules: Rules, e: EventOf<'ticket.created'>, at: number, keywords: readonly string[]) {
  const t: Ticket = {
    id: e.ticketId,
    state: 'new',
    createdAt: at,
    channel: e.channel,
    kind: e.kind,
    category: internCategory(e.category),
    district: intern(e.district),
    urgency: e.urgency,
    // Masked once, here: the state (and so every screen) never holds the raw title.
    title: maskText(e.title, e.citizen),
    deptId: null,
    assignedAt: null,
    dueAt: null,
    signDueAt: null,
    responded: false,
    manualLevel: 0,
    closedAt: null,
    co: null,
    route: null,
  };
  state.tickets.set(t.id, t);
  state.open.set(t.id, t);
  touch(state, t);
  const s = day(state, rules.zone.dayOf(at));
  s.created++;
  s.byChannel[e.channel]++;
  s.byKind[e.kind]++;
  s.categories[t.category[0]] = (s.categories[t.category[0]] ?? 0) + 1;
  s.hourlyCreated[rules.zone.hourOf(at)]++;
  s.districtCreated[e.district] = (s.districtCreated[e.district] ?? 0) + 1;
  countTopics(state, rules, rules.zone.dayOf(at), t.district, keywords);
  state.dirty?.details.set(
    t.id,
    JSON.stringify({
      title: e.title,
      content: e.content,
      citizen: e.citizen ?? null,
      street: e.street ?? null,
      location: e.location ?? null,
    }),
  );
  noteFact(state, rules, e, at, keywords);
}

/** A department's name and kind follow the latest assignment or co-assignment that names it. */
function knowDept(state: CoreState, dept: EventOf<'ticket.assigned'>['dept']) {
  const known = state.depts.get(dept.id);
  const kind = dept.kind ?? known?.kind ?? 'department';
  if (!known || known.name !== dept.name || known.kind !== kind) {
    state.depts.set(dept.id, { id: dept.id, name: dept.name, kind });
    state.dirty?.depts.add(dept.id);
  }
}

function applyAssigned(state: CoreState, rules: Rules, t: Ticket, e: EventOf<'ticket.assigned'>, at: number) {
  knowDept(state, e.dept);
  const th = rules.config.thresholds;
  t.state = 'assigned';
  t.deptId = intern(e.dept.id);
  t.assignedAt = at;
  t.dueAt = Date.parse(e.dueAt);
  t.signDueAt =
    e.signDueAt != null
      ? Date.parse(e.signDueAt)
      : t.urgency === 'urgent'
        ? at + th.urgentSignMinutes * MINUTE
        : addWorkingDay(rules.calendar, rules.zone, at);
  t.responded = false;
  day(state, rules.zone.dayOf(at)).dispatched++;
  deptDay(state, rules.zone.dayOf(at), t.deptId).assigned++;
}

/** A co-handling part ends (协办按时率 counts it on the ending day): on time only by its own co-reply by its deadline. */
function endPart(state: CoreState, rules: Rules, p: CoPart, at: number, byOwnReply: boolean) {
  p.endAt = at;
  const r = deptDay(state, rules.zone.dayOf(at), p.deptId);
  r.coEnded++;
  if (byOwnReply && at <= p.dueAt) r.coOnTime++;
}

function applyReplied(state: CoreState, rules: Rules, t: Ticket, at: number) {
  const r = deptDay(state, rules.zone.dayOf(at), t.deptId!);
  r.replied++;
  // Late, but a co-handler's part was open at the deadline: the co-handler held the lead up.
  if (t.dueAt !== null && (at <= t.dueAt || heldUpByCoHandler(t, t.dueAt))) r.repliedOnTime++;
  // Parts not co-replied by now end with the lead's reply, late.
  if (t.co !== null) for (const p of t.co) if (p.endAt === null) endPart(state, rules, p, at, false);
  t.state = 'replied';
}

function applyCoassigned(state: CoreState, t: Ticket, e: EventOf<'ticket.coassigned'>, at: number) {
  knowDept(state, e.dept);
  const part: CoPart = { deptId: intern(e.dept.id), at, dueAt: Date.parse(e.dueAt), endAt: null, coReplied: false };
  // concat makes an exact-size array; push or a spread would leave 16 spare slots on every such ticket.
  t.co = t.co === null ? [part] : t.co.concat([part]);
}

function applyCoreplied(state: CoreState, rules: Rules, t: Ticket, e: EventOf<'ticket.coreplied'>, at: number) {
  const p = coPartOf(t, e.deptId)!;
  p.coReplied = true;
  // After the lead's reply the part has ended already (late) and was counted then.
  if (p.endAt === null) endPart(state, rules, p, at, true);
}

function applyReturned(state: CoreState, rules: Rules, t: Ticket, e: EventOf<'ticket.returned'>, at: number) {
  respond(state, rules, t, at);
  deptDay(state, rules.zone.dayOf(at), e.deptId).returned++;
  t.route = t.route === null ? [intern(e.deptId)] : t.route.concat([intern(e.deptId)]);
  t.state = 'new';
  t.deptId = null;
  t.assignedAt = t.dueAt = t.signDueAt = null;
  t.co = null; // parts still open are dropped and never count
}

const RESOLVED_POINTS = { yes: 2, partly: 1, no: 0 } as const;

/** Applies an event that passed the schema, the duplicate check and checkEvent. */
export function mutate(state: CoreState, rules: Rules, e: HotlineEvent, at: number, keywords: readonly string[] = []): void {
  const zone = rules.zone;
  switch (e.type) {
    case 'ticket.created':
      applyCreated(state, rules, e, at, keywords);
      return;
    case 'call.offered':
      day(state, zone.dayOf(at)).calls.offered++;
      return;
    case 'call.answered':
      day(state, zone.dayOf(at)).calls.answered++;
      return;
    case 'call.abandoned':
      day(state, zone.dayOf(at)).calls.abandoned++;
      return;
    case 'agents.status':
      state.agents = { online: e.online, busy: e.busy };
      return;
  }
  // Every event without a ticket returned above (a new one would not compile here: no ticketId);
  // every ticket event is handled below (a new one would not compile at `unhandled`).
  const t = state.tickets.get(e.ticketId)!;
  touch(state, t);
  noteFact(state, rules, e, at, keywords);
  switch (e.type) {
    case 'ticket.assigned':
      applyAssigned(state, rules, t, e, at);
      return;
    case 'ticket.signed':
      respond(state, rules, t, at);
      t.state = 'signed';
      return;
    case 'ticket.returned':
      applyReturned(state, rules, t, e, at);
      return;
    case 'ticket.extended':
      t.dueAt = Date.parse(e.dueAt);
      return;
    case 'ticket.replied':
      applyReplied(state, rules, t, at);
      return;
    case 'ticket.visited': {
      if (t.deptId === null) return; // a visit of a ticket with no department counts for none
      const r = deptDay(state, zone.dayOf(at), t.deptId);
      r.visits++;
      r.resolvedPoints += RESOLVED_POINTS[e.resolved];
      if (e.satisfaction !== 'none') {
        r.satRated++;
        if (e.satisfaction === 'satisfied' || e.satisfaction === 'basic') r.satOk++;
      }
      return;
    }
    case 'ticket.closed': {
      t.state = 'closed';
      t.closedAt = at;
      // Nothing reads a closed ticket's parts (it takes no co-handling event, a reopen clears them
      // and the detail reads the timeline): memory and the stored record do without them.
      t.co = null;
      state.open.delete(t.id);
      const s = day(state, zone.dayOf(at));
      s.closed++;
      s.hourlyClosed[zone.hourOf(at)]++;
      if (e.direct === true) s.direct++;
      return;
    }
    case 'ticket.reopened':
      t.state = 'new';
      t.closedAt = null;
      t.co = null; // a reassignment starts with no co-handlers
      state.open.set(t.id, t);
      return;
    case 'ticket.supervised':
      if (e.level > t.manualLevel) t.manualLevel = e.level;
      return;
    case 'ticket.coassigned':
      applyCoassigned(state, t, e, at);
      return;
    case 'ticket.coreplied':
      applyCoreplied(state, rules, t, e, at);
      return;
    default:
      unhandled(e, 'event type');
  }
}

/**
 * Remembers an applied id. Every 4096 ids it forgets those that left the id retention: with the
 * event clock only moving forward they can never make a later entry a duplicate again. Only that:
 * a shorter memory (the server's) is let go of between batches, once durable (memory.ts), never
 * here in the middle of a batch, where ids applied or loaded back for it are still needed.
 */
export function rememberId(state: CoreState, rules: Rules, id: string, at: number) {
  state.ids.delete(id); // an id applied again (its first use was forgotten) moves to the end: oldest first
  state.ids.set(id, at);
  state.dirty?.ids.push([id, at]);
  if (state.ids.size % 4096 === 0 && state.maxAt !== null) {
    const cutoff = state.maxAt - rules.config.limits.idRetentionDays * DAY;
    for (const [old, oldAt] of state.ids) {
      if (oldAt >= cutoff) break;
      state.ids.delete(old);
    }
  }
}
