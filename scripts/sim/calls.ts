// The phone system's side: calls offered, answered after a wait or abandoned, and the agents'
// status every five minutes.
import type { HotlineEvent } from '../../shared/contract/events.ts';
import { HOUR, MINUTE, compactDate, isoLocal, localHour } from './clock.ts';
import { hourLoad } from './profile.ts';
import type { Rng } from './random.ts';
import type { SimItem } from './types.ts';

function item(at: number, event: Record<string, unknown>): SimItem {
  return { atMs: at, expect: 'applied', event: { v: 1, at: isoLocal(at), ...event } as HotlineEvent };
}

/** One call at `at`: offered, then answered (most) or abandoned. */
export function buildCall(rng: Rng, callId: string, at: number, load: number): SimItem[] {
  at = Math.floor(at / 1000) * 1000;
  const out = [item(at, { id: `${callId}-o`, type: 'call.offered', callId })];
  // Callers wait longer and hang up more when the lines are busy.
  if (rng.chance(0.04 + 0.1 * load)) {
    const waitSec = Math.round(5 + rng.exp(25 + 40 * load));
    out.push(item(at + waitSec * 1000, { id: `${callId}-x`, type: 'call.abandoned', callId, waitSec }));
  } else {
    const waitSec = Math.round(2 + rng.exp(8 + 30 * load));
    out.push(item(at + waitSec * 1000, { id: `${callId}-a`, type: 'call.answered', callId, waitSec }));
  }
  return out;
}

/** Agents' status every five minutes of the hour starting at `hourStart`. */
export function agentStatuses(rng: Rng, hourStart: number, tag: string): SimItem[] {
  const h = localHour(hourStart);
  const staffed = h >= 8 && h < 18 ? 56 : h >= 7 && h < 22 ? 30 : 8;
  const out: SimItem[] = [];
  for (let m = 0; m < 60; m += 5) {
    const at = Math.floor((hourStart + m * MINUTE + rng.int(0, 50) * 1000) / 1000) * 1000;
    const online = Math.max(2, staffed + rng.int(-3, 3));
    const busy = Math.min(online, Math.max(0, Math.round(online * (0.25 + 0.65 * hourLoad(hourStart)) + rng.int(-3, 3))));
    const hhmm = isoLocal(at).slice(11, 16).replace(':', '');
    out.push(item(at, { id: `AG${compactDate(at)}${hhmm}${tag}`, type: 'agents.status', online, busy }));
  }
  return out.filter((i) => i.atMs < hourStart + HOUR);
}
