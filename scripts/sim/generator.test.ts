import { describe, expect, it } from 'vitest';
import { makeEventSchema } from '../../shared/contract/events.ts';
import { defaultConfig } from '../../shared/config.ts';
import { createRules, createState, processEntry } from '../../shared/domain/index.ts';
import { DAY, entryFields, generate, type SimItem, type SimOptions } from './index.ts';

const districts = defaultConfig().city.districts;
const codes = districts.map((d) => d.code);
const start = Date.parse('2026-11-23T00:00:00+08:00');
const base: SimOptions = { start, end: start + 3 * DAY, districts, seed: 'unit' };
const run = (o: Partial<SimOptions> = {}) => [...generate({ ...base, ...o })];
const items = run();

/** The core itself is the judge: what the server would do with each entry, in stream order, where it differs from the label. */
function misjudged(xs: SimItem[]) {
  const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event' });
  const state = createState({ trackChanges: false });
  return xs.flatMap((it, i) => {
    const o = processEntry(state, rules, { id: `${i + 1}-0`, fields: entryFields(it) }, 0);
    const got = o.kind === 'rejected' ? o.code : o.kind;
    return got === it.expect ? [] : [{ expect: it.expect, got, it }];
  });
}

describe('simulated traffic', () => {
  it('gives every entry that is not deliberately bad a valid event of the contract, timed +08:00', () => {
    const schema = makeEventSchema(codes);
    const good = items.filter((i) => 'event' in i);
    expect(good.length).toBeGreaterThan(10_000);
    for (const it of good) {
      const parsed = schema.safeParse(JSON.parse(entryFields(it).event));
      expect(parsed.success, JSON.stringify(it)).toBe(true);
      expect('event' in it && it.event.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    }
  });

  it('plays each ticket out in an order the contract allows, and every bad entry fails as labelled', () => {
    expect(misjudged(items).slice(0, 3)).toEqual([]);
    const expected = new Set(items.map((i) => i.expect));
    for (const code of [
      'duplicate',
      'no-event',
      'not-json',
      'schema',
      'unknown-ticket',
      'ticket-exists',
      'bad-state',
      'wrong-dept',
      'bad-deadline',
    ]) {
      expect(expected.has(code as SimItem['expect']), code).toBe(true);
    }
    const bad = items.filter((i) => i.expect !== 'applied').length / items.length;
    expect(bad).toBeGreaterThan(0.004);
    expect(bad).toBeLessThan(0.025);
  });

  it('yields entries in time order with unique ids, except deliberate duplicates', () => {
    const ids = new Set<string>();
    let last = 0;
    for (const it of items) {
      expect(it.atMs).toBeGreaterThanOrEqual(last);
      last = it.atMs;
      if ('event' in it && it.expect === 'applied') {
        expect(ids.has(it.event.id), it.event.id).toBe(false);
        ids.add(it.event.id);
      }
    }
  });

  it('gives the same entries for the same seed, other ones for another seed', () => {
    expect(JSON.stringify(run())).toBe(JSON.stringify(items));
    const other = run({ seed: 'other' });
    expect(JSON.stringify(other.slice(0, 50))).not.toBe(JSON.stringify(items.slice(0, 50)));
  });

  it('agrees with a longer run on the ids of the same hours (restarts resend, never invent)', () => {
    const day2 = run({ start: start + DAY, end: start + 2 * DAY });
    const ids = new Set(items.filter((i) => 'event' in i).map((i) => ('event' in i ? i.event.id : '')));
    const created = day2.filter((i) => 'event' in i && i.event.type === 'ticket.created');
    expect(created.length).toBeGreaterThan(100);
    for (const it of created) expect(ids.has('event' in it ? it.event.id : '')).toBe(true);
  });

  it('looks like a hotline: mostly phone, ~30% answered directly, ~5% urgent, busier by day than by night', () => {
    const created = items.flatMap((i) => ('event' in i && i.expect === 'applied' && i.event.type === 'ticket.created' ? [i.event] : []));
    const share = (f: (e: (typeof created)[number]) => boolean) => created.filter(f).length / created.length;
    expect(share((e) => e.channel === 'phone')).toBeGreaterThan(0.5);
    expect(share((e) => e.urgency === 'urgent')).toBeGreaterThan(0.02);
    expect(share((e) => e.urgency === 'urgent')).toBeLessThan(0.1);
    const direct = items.filter((i) => 'event' in i && i.event.type === 'ticket.closed' && i.event.direct).length / created.length;
    expect(direct).toBeGreaterThan(0.2);
    expect(direct).toBeLessThan(0.4);
    const hour = (e: (typeof created)[number]) => Number(e.at.slice(11, 13));
    expect(share((e) => hour(e) >= 9 && hour(e) < 11)).toBeGreaterThan(5 * share((e) => hour(e) >= 2 && hour(e) < 4));
    expect(share((e) => e.title.match(/1\d{10}|\d{17}[\dX]/) !== null)).toBeGreaterThan(0.01);
  });

  it('co-handles about one ticket in ten, some late, and passes some back and forth two or three times', () => {
    // Parts take days: a fortnight, so that late ones are in it too.
    const long = run({ end: start + 14 * DAY, ticketsPerDay: 300 });
    expect(misjudged(long).slice(0, 3)).toEqual([]);
    const byTicket = new Map<string, Array<Record<string, unknown>>>();
    for (const it of long) {
      if (!('event' in it) || it.expect !== 'applied' || !('ticketId' in it.event)) continue;
      let l = byTicket.get(it.event.ticketId);
      if (!l) byTicket.set(it.event.ticketId, (l = []));
      l.push(it.event as unknown as Record<string, unknown>);
    }
    const ms = (e: Record<string, unknown>, k = 'at') => Date.parse(String(e[k]));
    let coTickets = 0;
    let twoCo = 0;
    let lateCo = 0;
    let onTimeCo = 0;
    let afterLead = 0;
    let endedByLead = 0;
    let dropped = 0;
    let excused = 0;
    const returns = [0, 0, 0, 0];
    let backAgain = 0;
    for (const events of byTicket.values()) {
      const parts = new Map<string, { at: number; dueAt: number; endAt: number | null }>();
      let dueAt = 0;
      let replied = false;
      const route: string[] = [];
      if (events.some((e) => e.type === 'ticket.coassigned')) coTickets++;
      for (const e of events) {
        if (e.type === 'ticket.assigned' || e.type === 'ticket.extended') dueAt = ms(e, 'dueAt');
        if (e.type === 'ticket.coassigned') {
          parts.set(String((e.dept as { id: string }).id), { at: ms(e), dueAt: ms(e, 'dueAt'), endAt: null });
          if (parts.size === 2) twoCo++;
        }
        if (e.type === 'ticket.coreplied') {
          const p = parts.get(String(e.deptId))!;
          if (replied) afterLead++;
          else if (ms(e) > p.dueAt) lateCo++;
          else onTimeCo++;
          p.endAt ??= ms(e);
        }
        if (e.type === 'ticket.replied') {
          replied = true;
          const open = [...parts.values()].filter((p) => p.endAt === null);
          endedByLead += open.length;
          // The lead's exception: a part open at its deadline.
          if (ms(e) > dueAt && [...parts.values()].some((p) => p.at < dueAt && (p.endAt === null || p.endAt > dueAt))) excused++;
          for (const p of open) p.endAt = ms(e);
        }
        if (e.type === 'ticket.returned' || e.type === 'ticket.reopened') {
          dropped += [...parts.values()].filter((p) => p.endAt === null).length;
          parts.clear();
          replied = false;
        }
        if (e.type === 'ticket.returned') route.push(String(e.deptId));
      }
      returns[Math.min(3, route.length)]++;
      if (route.some((d, i) => route.indexOf(d) < i)) backAgain++;
    }
    const created = long.filter((i) => 'event' in i && i.expect === 'applied' && i.event.type === 'ticket.created').length;
    expect(coTickets / created).toBeGreaterThan(0.06);
    expect(coTickets / created).toBeLessThan(0.15);
    expect(twoCo).toBeGreaterThan(0.15 * coTickets);
    expect(lateCo).toBeGreaterThan(0.05 * onTimeCo);
    expect(lateCo).toBeLessThan(onTimeCo);
    for (const n of [afterLead, endedByLead, dropped, excused, backAgain]) expect(n).toBeGreaterThan(0);
    expect(returns[2]).toBeGreaterThan(0.005 * created);
    expect(returns[3]).toBeGreaterThan(0.004 * created);
    const coBad = new Set(
      long.flatMap((i) => ('fields' in i && /ticket\.co(assigned|replied)/.test(i.fields.event ?? '') ? [i.expect] : [])),
    );
    expect([...coBad].sort()).toEqual(['bad-deadline', 'bad-state', 'wrong-dept']);
  });

  it('runs N times the arrivals under a boost, and stops at the end time', () => {
    const from = start + DAY;
    const boosted = run({ end: start + 2 * DAY, boost: { from, factor: 3 } });
    const count = (xs: SimItem[], t0: number) => xs.filter((i) => 'event' in i && i.event.type === 'ticket.created' && i.atMs >= t0).length;
    const plain = count(run({ end: start + 2 * DAY }), from);
    expect(count(boosted, from)).toBeGreaterThan(2.5 * plain);
    expect(boosted.every((i) => i.atMs < start + 2 * DAY)).toBe(true);
  });
});
