// Co-handling (协办) as the centre practises it: a case that spans units gets one or two co-handlers
// once its lead has signed for it, each with a deadline for its part inside the lead's. Poor units
// co-reply late (some past the lead's own deadline), a few not before the lead replies (some of
// those afterwards), and a lead whose co-handler is late waits for it. Pure planning: ticket.ts emits the events in time order.
import { DAY, HOUR, MINUTE, officeTime } from './clock.ts';
import type { Dept } from './departments.ts';
import type { Rng } from './random.ts';
import type { TicketContext } from './ticket.ts';
import type { Topic } from './topics.ts';

export interface CoPlan {
  dept: Dept;
  /** The co-assignment. */
  at: number;
  /** Its part's deadline. */
  dueAt: number;
  /** Its co-reply, before the lead's reply; null when it has not co-replied by then. */
  replyAt: number | null;
  /** With no co-reply by the lead's reply: it co-replies soon after the lead did. */
  afterLead: boolean;
}

/** Units that plausibly share a topic's case: the topic's others, the district's government, then any city unit. */
function coHandlers(rng: Rng, ctx: TicketContext, topic: Topic, district: string, lead: Dept, n: number): Dept[] {
  const out: Dept[] = [];
  const add = (d: Dept | undefined) => {
    if (d && d.id !== lead.id && !out.some((o) => o.id === d.id)) out.push(d);
  };
  for (const ref of rng.shuffle([...topic.depts])) add(ctx.dirs.resolve(ref, district));
  add(ctx.dirs.counties.get(district));
  while (out.length < n) add(rng.pick(ctx.dirs.all().filter((d) => d.kind !== 'county')));
  return out.slice(0, n);
}

/** One or two co-handlers for a ticket its lead signed for at `from`, due `leadDueAt`. */
export function planCoHandling(
  rng: Rng,
  ctx: TicketContext,
  topic: Topic,
  district: string,
  lead: Dept,
  from: number,
  leadDueAt: number,
): CoPlan[] {
  const depts = coHandlers(rng, ctx, topic, district, lead, rng.chance(0.7) ? 1 : 2);
  return depts.map((dept) => {
    const left = leadDueAt - from;
    const at = officeTime(rng, from + Math.min(rng.between(0.5, 20) * HOUR, left * rng.between(0.1, 0.3)));
    const dueAt = Math.max(at + HOUR, Math.min(at + rng.between(1, 4) * DAY, leadDueAt - left * rng.between(0.1, 0.3)));
    const q = ctx.quality(dept.id);
    if (!rng.chance(0.06 + 0.35 * (1 - q))) {
      return {
        dept,
        at,
        dueAt,
        replyAt: Math.min(dueAt - MINUTE, officeTime(rng, at + (dueAt - at) * rng.between(0.2, 0.95))),
        afterLead: false,
      };
    }
    // Late: most some hours to days after its deadline, some not before the lead's reply at all.
    if (rng.chance(0.3)) return { dept, at, dueAt, replyAt: null, afterLead: rng.chance(0.5) };
    // Some late enough to hold the lead up past its own deadline.
    const late = rng.chance(0.4) ? Math.max(leadDueAt, dueAt) + rng.between(2, 72) * HOUR : dueAt + rng.between(2, 96) * HOUR;
    return { dept, at, dueAt, replyAt: officeTime(rng, late), afterLead: false };
  });
}
