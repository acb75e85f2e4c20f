// Keeping the core's memory to what is open. A server lets closed tickets and old applied ids go
// once they are durable in the store, and loads back the few that a batch names before applying it:
// a late visit or a reopen finds its ticket, a late duplicate finds its id. In-process replays and
// benchmarks keep everything and never call these.
import type { HotlineEvent } from '../contract/events.ts';
import { internCategory } from './apply.ts';
import type { Rules } from './rules.ts';
import type { CoreState, Ticket } from './state.ts';
import { HOUR } from './time.ts';

/** Ticket ids that events of a batch name but memory does not hold (created ones included). */
export function missingTickets(state: CoreState, events: Iterable<HotlineEvent>): string[] {
  const out = new Set<string>();
  for (const e of events) if ('ticketId' in e && !state.tickets.has(e.ticketId)) out.add(e.ticketId);
  return [...out];
}

/** Event ids of a batch that memory does not know (they may be in the store's older ids). */
export function unknownIds(state: CoreState, events: Iterable<HotlineEvent>): string[] {
  const out = new Set<string>();
  for (const e of events) if (!state.ids.has(e.id)) out.add(e.id);
  return [...out];
}

/** Puts stored tickets back (null: the store has none of that id either). */
export function hydrateTickets(state: CoreState, records: Iterable<[string, string | null]>): void {
  for (const [id, json] of records) {
    if (json === null || state.tickets.has(id)) continue;
    const t = JSON.parse(json) as Ticket;
    t.category = internCategory(t.category);
    t.closedAt ??= null;
    state.tickets.set(id, t);
    if (t.state !== 'closed') state.open.set(id, t);
  }
}

/** Puts stored applied ids back (null: never applied, or forgotten). */
export function hydrateIds(state: CoreState, ids: Iterable<[string, number | null]>): void {
  for (const [id, at] of ids) if (at !== null && !state.ids.has(id)) state.ids.set(id, at);
}

/**
 * Lets go of what the store holds durably: tickets closed longer than the configured hours and ids
 * older than the id window, by event time. Call only between batches, when nothing is waiting to be
 * written: a batch loads back what it names first (missingTickets, unknownIds) and nothing is let
 * go of while it runs, so whether an entry is a duplicate never depends on these windows.
 */
export function releaseDurable(state: CoreState, rules: Rules): { tickets: number; ids: number } {
  if (state.maxAt === null) return { tickets: 0, ids: 0 };
  const limits = rules.config.limits;
  const closedBefore = state.maxAt - limits.closedTicketMemoryHours * HOUR;
  let tickets = 0;
  for (const [id, t] of state.tickets) {
    if (t.state === 'closed' && t.closedAt !== null && t.closedAt < closedBefore && !state.dirty?.tickets.has(id)) {
      state.tickets.delete(id);
      tickets++;
    }
  }
  const idsBefore = state.maxAt - limits.idMemoryHours * HOUR;
  let ids = 0;
  for (const [id, at] of state.ids) {
    if (at < idsBefore) {
      state.ids.delete(id);
      ids++;
    }
  }
  return { tickets, ids };
}
