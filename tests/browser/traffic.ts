// Deterministic traffic for the browser tests: the seeded simulator (scripts/sim) over a fixed
// stretch of local time, written to a stream in pipelined batches.
import type { TestRedis } from '../support/stream.ts';
import { DAY, DEFAULT_SEED, entryFields, generate, HOUR, parseLocalDate, type SimItem } from '../../scripts/sim/index.ts';
import { loadConfig } from '../../scripts/lib/config.ts';

/** The day the walls show ("today" under HOTLINE_CLOCK=event), a Wednesday with no holiday near. */
export const SIM_DAY = '2026-03-18';

/**
 * A day of traffic with the days before it, so that the wall has a backlog (red and yellow tickets,
 * supervision levels, rankings): from `daysBefore` days before `day` 00:00 to `day` at `untilHour`.
 */
export function simTraffic(
  o: { day?: string; daysBefore?: number; untilHour?: number; seed?: string; ticketsPerDay?: number } = {},
): SimItem[] {
  const day = parseLocalDate(o.day ?? SIM_DAY);
  const start = day - (o.daysBefore ?? 6) * DAY;
  const end = day + (o.untilHour ?? 17) * HOUR;
  const districts = loadConfig({}).city.districts;
  return [...generate({ seed: o.seed ?? DEFAULT_SEED, start, end, districts, ticketsPerDay: o.ticketsPerDay })];
}

/** XADD every item in stream order, `batch` at a time pipelined; answers the last entry id. */
export async function feed(r: TestRedis, stream: string, items: readonly SimItem[], batch = 1000): Promise<string> {
  let last = '';
  for (let i = 0; i < items.length; i += batch) {
    // One connection: the pipelined commands keep their order.
    const ids = await Promise.all(items.slice(i, i + batch).map((it) => r.xAdd(stream, '*', entryFields(it))));
    last = ids[ids.length - 1]!;
  }
  return last;
}

/** Citizens' names and phone numbers as the generated ticket.created events carry them. */
export function citizensOf(items: readonly SimItem[]): { names: string[]; phones: string[] } {
  const names = new Set<string>();
  const phones = new Set<string>();
  for (const it of items) {
    if (!('event' in it) || it.event.type !== 'ticket.created') continue;
    const c = (it.event as { citizen?: { name?: string | null; phone?: string | null } }).citizen;
    if (c?.name) names.add(c.name);
    if (c?.phone) phones.add(c.phone);
  }
  return { names: [...names], phones: [...phones] };
}
