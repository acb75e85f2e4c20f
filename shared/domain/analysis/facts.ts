// What the analysis (研判) keeps of each ticket: a small, masked record per ticket created in the
// window (config analysis.historyDays), written when its events are applied. Closed tickets leave the
// core's `tickets` a day after closing (memory follows open tickets), the analysis needs weeks of
// them: these facts are its own bounded history. No name, no raw phone, no content: the caller is a
// keyed hash (rules.hashPhone, HMAC with a secret the core never sees), the place a grid cell.
import type { HotlineEvent, TicketKind } from '../../contract/events.ts';
import type { Rules } from '../rules.ts';
import type { CoreState } from '../state.ts';

export interface Fact {
  id: string;
  /** `at` of ticket.created, ms. */
  at: number;
  kind: TicketKind;
  category: string[];
  district: string;
  /** 街道/镇 as the producer gave it, null when none. */
  street: string | null;
  /** Grid cell of `location` (config analysis.locationGrid), "lng,lat" of the cell's corner; null when none. */
  place: string | null;
  /** The masked title's keywords (topics.ts: no names, no numbers, at most 5); none for a 举报 ticket. */
  words: string[];
  /** Keyed hash of the citizen's phone, null when none or no key is configured. Never shown. */
  caller: string | null;
  /** The masked title; null for a 举报 ticket (its title is never shown). */
  title: string | null;
  /** Departments it was assigned to, in order, each once. */
  depts: string[];
  /** ticket.reopened events (重办). */
  reopens: number;
  /** Departments that returned it (退回), in order, one entry per return. */
  returns: string[];
}

/** A phone as digits only, without the +86 / 86 country code: one person, however it was typed. */
export function normalisePhone(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** The grid cell of a location: the same place within about `grid` degrees. */
export function placeOf(location: readonly [number, number] | null | undefined, grid: number): string | null {
  if (!location) return null;
  const cell = (v: number) => (Math.floor(v / grid + 1e-9) * grid).toFixed(6);
  return `${cell(location[0])},${cell(location[1])}`;
}

/** Forgets the facts of tickets created before the window that ends with the day of `newestAt`. */
function slide(state: CoreState, rules: Rules, newestAt: number): void {
  const { zone } = rules;
  const first = zone.startOfDay(zone.dayOf(newestAt) - rules.config.analysis.historyDays + 1);
  // Facts are kept in the order tickets were created in: the oldest are first.
  for (const [id, f] of state.facts) {
    if (f.at >= first) break;
    state.facts.delete(id);
    state.dirty?.forgetFacts.push(id);
  }
}

function touch(state: CoreState, id: string): void {
  state.dirty?.facts.add(id);
}

/**
 * Records what the analysis needs of an applied event (apply.ts calls it for every event it applies;
 * `keywords` are the created ticket's, from parsing).
 */
export function noteFact(state: CoreState, rules: Rules, e: HotlineEvent, at: number, keywords: readonly string[]): void {
  if (e.type === 'ticket.created') {
    const first = rules.zone.startOfDay(rules.zone.dayOf(state.maxAt ?? at) - rules.config.analysis.historyDays + 1);
    if (at < first) return; // a very late entry, before the window
    const phone = e.citizen?.phone ? normalisePhone(e.citizen.phone) : '';
    const report = e.kind === 'report';
    const t = state.tickets.get(e.ticketId);
    state.facts.set(e.ticketId, {
      id: e.ticketId,
      at,
      kind: e.kind,
      category: t?.category ?? e.category,
      district: e.district,
      street: e.street?.trim() || null,
      place: placeOf(e.location, rules.config.analysis.locationGrid),
      words: report ? [] : [...keywords],
      caller: rules.hashPhone && phone.length >= 5 ? rules.hashPhone(phone) : null,
      title: report ? null : (t?.title ?? null),
      depts: [],
      reopens: 0,
      returns: [],
    });
    touch(state, e.ticketId);
    slide(state, rules, Math.max(at, state.maxAt ?? at));
    return;
  }
  if (!('ticketId' in e)) return;
  const f = state.facts.get(e.ticketId);
  if (!f) return;
  switch (e.type) {
    case 'ticket.assigned':
      if (!f.depts.includes(e.dept.id)) f.depts.push(e.dept.id);
      break;
    case 'ticket.reopened':
      f.reopens++;
      break;
    case 'ticket.returned':
      f.returns.push(e.deptId);
      break;
    default:
      return;
  }
  touch(state, e.ticketId);
}

/** Facts restored from the store, keeping only the window's (ordered by creation). */
export function restoreFacts(state: CoreState, rules: Rules | undefined, stored: Iterable<[string, string]>): void {
  const all: Fact[] = [];
  for (const [, json] of stored) all.push(JSON.parse(json) as Fact);
  all.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const newest = all.length > 0 ? Math.max(all[all.length - 1].at, state.maxAt ?? 0) : 0;
  const first = rules ? rules.zone.startOfDay(rules.zone.dayOf(newest) - rules.config.analysis.historyDays + 1) : -Infinity;
  for (const f of all) {
    if (f.at < first) {
      state.dirty?.forgetFacts.push(f.id);
      continue;
    }
    state.facts.set(f.id, f);
  }
}
