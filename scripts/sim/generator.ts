// The simulated hotline: a pure, seeded, lazy generator of stream entries in time order. Each hour's
// arrivals depend only on the seed, the hour and the lane, so overlapping runs agree on every id.
import { HOUR, compactDate, localHour, startOfHour } from './clock.ts';
import { agentStatuses, buildCall } from './calls.ts';
import { strayEntries } from './bad.ts';
import { DeptDirectory } from './departments.ts';
import { TimeHeap } from './heap.ts';
import { hourLoad, hourShare, weekdayFactor } from './profile.ts';
import { Rng, hashString } from './random.ts';
import { buildTicket, type TicketContext } from './ticket.ts';
import { DEFAULT_SEED, type SimItem, type SimOptions } from './types.ts';

/** Entries a ticket makes on average; used to size the share of bad entries. */
const EVENTS_PER_TICKET = 5;

/** Suffix that keeps ids of different seeds apart (none for the default seed). */
export function seedTag(seed: string | number): string {
  return String(seed) === DEFAULT_SEED ? '' : `-${hashString(String(seed)).toString(36).slice(0, 4)}`;
}

export function* generate(opts: SimOptions): Generator<SimItem, void, undefined> {
  const seed = String(opts.seed ?? DEFAULT_SEED);
  const tag = seedTag(seed);
  const start = opts.start;
  const end = opts.end ?? Infinity;
  const emitFrom = opts.emitFrom ?? start;
  const perDay = opts.ticketsPerDay ?? 600;
  const callsPerTicket = opts.callsPerTicket ?? 1.7;
  const badShare = opts.badShare ?? 0.01;
  const boost = opts.boost;
  const lanes = boost ? Math.max(1, Math.ceil(boost.factor)) : 1;
  const ctx: TicketContext = {
    dirs: new DeptDirectory(opts.districts),
    districts: opts.districts,
    badPerTicket: badShare * 0.4 * (EVENTS_PER_TICKET + 2 * callsPerTicket),
    quality: unitQuality(seed),
  };
  const firstDistrict = opts.districts[0].code;
  /** Share of lane `lane`'s arrivals kept at time `t`. */
  const keep = (lane: number, t: number) => (boost && t >= boost.from ? Math.min(1, Math.max(0, boost.factor - lane)) : lane === 0 ? 1 : 0);
  const inRange = (t: number) => t >= start && t < end;

  const heap = new TimeHeap();
  for (let hour = startOfHour(start); hour < end; hour += HOUR) {
    const ymd = compactDate(hour);
    const hh = String(localHour(hour)).padStart(2, '0');
    const dayNoise = new Rng(seed, 'day', ymd).between(0.9, 1.1);
    const ticketMean = perDay * hourShare(hour) * weekdayFactor(hour) * dayNoise;
    const callMean = ticketMean * callsPerTicket;
    const load = hourLoad(hour);

    for (let lane = 0; lane < lanes; lane++) {
      const rng = new Rng(seed, 'tickets', hour, lane);
      const times = arrivals(rng, hour, rng.poisson(ticketMean));
      times.forEach(([t, u], i) => {
        if (!inRange(t) || u >= keep(lane, t)) return;
        const ticketId = `TA${ymd}${hh}${lane}${String(i).padStart(3, '0')}${tag}`;
        for (const it of buildTicket(new Rng(seed, ticketId), ticketId, t, ctx)) heap.push(it);
      });
      const crng = new Rng(seed, 'calls', hour, lane);
      const calls = arrivals(crng, hour, crng.poisson(callMean));
      calls.forEach(([t, u], i) => {
        if (!inRange(t) || u >= keep(lane, t)) return;
        const callId = `C${ymd}${hh}${lane}${String(i).padStart(4, '0')}${tag}`;
        for (const it of buildCall(new Rng(seed, callId), callId, t, load)) heap.push(it);
      });
    }
    for (const it of agentStatuses(new Rng(seed, 'agents', hour), hour, tag)) if (inRange(it.atMs)) heap.push(it);
    const srng = new Rng(seed, 'stray', hour);
    const strayMean = badShare * 0.6 * (ticketMean * EVENTS_PER_TICKET + callMean * 2 + 12);
    const strays = strayEntries(srng, srng.poisson(strayMean), hour, HOUR, `BAD${ymd}${hh}${tag}`, firstDistrict);
    for (const it of strays) if (inRange(it.atMs)) heap.push(it);

    const next = hour + HOUR;
    while (heap.size > 0 && heap.peek()!.atMs < next) {
      const it = heap.pop()!;
      if (it.atMs >= emitFrom && it.atMs < end) yield it;
    }
  }
  while (heap.size > 0) {
    const it = heap.pop()!;
    if (it.atMs >= end) return;
    if (it.atMs >= emitFrom) yield it;
  }
}

/** Each unit's quality, fixed per seed: most work well, a few poorly, so rankings and cards spread. */
function unitQuality(seed: string): (deptId: string) => number {
  const known = new Map<string, number>();
  return (deptId) => {
    let q = known.get(deptId);
    if (q === undefined) {
      const rng = new Rng(seed, 'quality', deptId);
      q = rng.chance(0.2) ? rng.between(0, 0.35) : rng.between(0.45, 1);
      known.set(deptId, q);
    }
    return q;
  };
}

/** `n` arrival times in the hour, sorted, each with a uniform draw that decides whether a lane keeps it. */
function arrivals(rng: Rng, hour: number, n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) out.push([hour + Math.floor(rng.next() * 3600) * 1000, rng.next()]);
  return out.sort((a, b) => a[0] - b[0]);
}
