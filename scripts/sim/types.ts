// What the generator yields and takes.
import type { HotlineEvent, RejectCode } from '../../shared/contract/events.ts';
import type { District } from '../../shared/config.ts';

/**
 * One stream entry, in stream order. `expect` says what a consumer that has applied every earlier
 * entry of this run does with it: apply it, count it as a duplicate, or reject it with that code.
 */
export type SimItem =
  | { atMs: number; expect: 'applied' | 'duplicate'; event: HotlineEvent }
  | { atMs: number; expect: RejectCode; fields: Record<string, string> };

export interface SimOptions {
  /** Same seed, same options: same entries, same ids. Default `lianxin`. */
  seed?: string | number;
  /** Arrivals (tickets, calls) from this time, epoch ms. */
  start: number;
  /** Nothing at or after this time, epoch ms; default never (a lazy, endless generator). */
  end?: number;
  /** Only entries at or after this time are yielded (tickets created earlier still play out). */
  emitFrom?: number;
  /** The city's districts (the config's `city.districts`). */
  districts: readonly District[];
  /** Mean tickets on a weekday; default 600. */
  ticketsPerDay?: number;
  /** Calls per ticket; default 1.7. */
  callsPerTicket?: number;
  /** Share of deliberately bad entries; default 0.01. */
  badShare?: number;
  /** From `from` on, arrivals come `factor` times as often (live `--speed`). */
  boost?: { from: number; factor: number };
}

export const DEFAULT_SEED = 'lianxin';

/** The entry's fields as written to Redis: `event` = the JSON, unless the entry is malformed. */
export function entryFields(item: SimItem): Record<string, string> {
  return 'event' in item ? { event: JSON.stringify(item.event) } : item.fields;
}
