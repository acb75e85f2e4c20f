// Wall-clock times as the contract writes them, for what the server writes itself (a supervision
// event's `at`, a focus's `until`, operators' notices): the core's zone does the formatting.
import { dateOfDay, makeZone, type Zone } from '../../shared/domain/index.ts';

const zones = new Map<string, Zone>();
function zoneOf(tz: string): Zone {
  let z = zones.get(tz);
  if (!z) zones.set(tz, (z = makeZone(tz)));
  return z;
}

/** 'YYYY-MM-DD' of the instant in the zone. */
export const localDate = (ms: number, tz: string): string => dateOfDay(zoneOf(tz).dayOf(ms));

/** e.g. 2026-11-29T10:00:00.120+08:00 */
export const formatLocalIso = (ms: number, tz: string): string => zoneOf(tz).format(ms);

/** 'HH:MM:SS' local, for operator notices. */
export const localClock = (ms: number, tz: string): string => zoneOf(tz).format(ms).slice(11, 19);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
