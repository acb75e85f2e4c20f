import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config.ts';
import type { StreamEntry } from '../../contract/events.ts';
import { backlog } from '../../../tests/support/backlog.ts';
import {
  createRules,
  createState,
  DAY,
  hydrateIds,
  hydrateTickets,
  missingTickets,
  parseEntry,
  processEntry,
  releaseDurable,
  takeChanges,
  unknownIds,
  type Rules,
} from '../index.ts';
import { Feed, expectApplied, sh } from './build.ts';

describe('memory follows open tickets, not history', () => {
  it('lets go of long-closed tickets and old ids, and takes them back for a batch that names them', () => {
    const f = new Feed();
    const store = new Map<string, string>();
    const ids = new Map<string, number>();
    const persist = () => {
      const c = takeChanges(f.state, f.rules);
      for (const [id, json] of c.tickets) store.set(id, json);
      for (const [id, at] of c.ids) ids.set(id, at);
    };
    f.created('T1', '2026-11-02 08:00');
    f.ev('ticket.closed', 'T1', '2026-11-02 08:05', { direct: true });
    f.created('T2', '2026-11-05 08:00'); // open: stays
    f.send({ id: 'late', type: 'call.offered', at: sh('2026-11-05 09:00'), callId: 'c1' });
    persist();
    expect(releaseDurable(f.state, f.rules)).toEqual({ tickets: 1, ids: 2 }); // closed > 24 h; ids > 1 h: T1's two events
    expect(f.state.tickets.has('T1')).toBe(false);
    expect(f.state.open.has('T2')).toBe(true);

    // A late visit of T1 and a re-sent old event: the batch names them, the store answers.
    const batch = [
      {
        event: JSON.stringify({
          v: 1,
          id: 'v1',
          type: 'ticket.visited',
          ticketId: 'T1',
          at: sh('2026-11-05 10:00'),
          resolved: 'yes',
          satisfaction: 'satisfied',
        }),
      },
      {
        event: JSON.stringify({
          v: 1,
          id: 'e-0',
          type: 'ticket.created',
          ticketId: 'T1',
          at: sh('2026-11-02 08:00'),
          channel: 'phone',
          kind: 'help',
          category: ['x'],
          district: '370902',
          urgency: 'normal',
          title: 't',
          content: 'c',
        }),
      },
    ].map((fields) => parseEntry(f.rules, fields));
    const events = batch.flatMap((p) => (p.ok ? [p.event] : []));
    expect(missingTickets(f.state, events)).toEqual(['T1']);
    expect(unknownIds(f.state, events)).toEqual(['v1', 'e-0']);
    hydrateTickets(f.state, [['T1', store.get('T1') ?? null]]);
    hydrateIds(f.state, [
      ['v1', ids.get('v1') ?? null],
      ['e-0', ids.get('e-0') ?? null],
    ]);
    expectApplied(
      f.raw({
        event: JSON.stringify({
          v: 1,
          id: 'v1',
          type: 'ticket.visited',
          ticketId: 'T1',
          at: sh('2026-11-05 10:00'),
          resolved: 'yes',
          satisfaction: 'satisfied',
        }),
      }),
    );
    expect(f.raw({ event: batch[1].raw }).kind).toBe('duplicate');
    expect(f.state.tickets.get('T1')!.state).toBe('closed');
  });
});

/** Rules whose memory windows are an hour, as a server keeps them (the id retention stays 7 days). */
function serverRules() {
  const config = defaultConfig();
  return createRules(
    { ...config, limits: { ...config.limits, closedTicketMemoryHours: 1, idMemoryHours: 1 } },
    {
      tz: 'Asia/Shanghai',
      clock: 'event',
    },
  );
}

/**
 * The stream through the core the way the server's consumer drives it, over a store in miniature:
 * per batch, load back the tickets and ids it names, apply, write the changes (the store forgets
 * ids as Redis does); after the first batch and then every `releaseEvery` batches (the server lets
 * go every few seconds, so a fast drain runs many batches in between), let go of what is durable.
 */
function drainInBatches(rules: Rules, entries: StreamEntry[], batchSize: number, releaseEvery: number) {
  const state = createState();
  const tickets = new Map<string, string>();
  const ids = new Map<string, number>();
  const kinds: string[] = [];
  for (let i = 0; i < entries.length; i += batchSize) {
    const batch = entries.slice(i, i + batchSize);
    const parsed = batch.map((e) => parseEntry(rules, e.fields));
    const events = parsed.flatMap((p) => (p.ok ? [p.event] : []));
    hydrateTickets(
      state,
      missingTickets(state, events).map((id) => [id, tickets.get(id) ?? null]),
    );
    hydrateIds(
      state,
      unknownIds(state, events).map((id) => [id, ids.get(id) ?? null]),
    );
    batch.forEach((e, j) => kinds.push(processEntry(state, rules, e, 0, parsed[j]).kind));
    const c = takeChanges(state, rules);
    for (const [id, json] of c.tickets) tickets.set(id, json);
    for (const [id, at] of c.ids) ids.set(id, at);
    for (const [id, at] of ids) if (c.forgetIdsBefore !== null && at < c.forgetIdsBefore) ids.delete(id);
    if (i === 0 || (i / batchSize) % releaseEvery === 0) releaseDurable(state, rules);
  }
  return { state, kinds, storedIds: ids };
}

describe('duplicates, however the entries are batched', () => {
  const b = backlog();
  const entries: StreamEntry[] = b.events.map((e, i) => ({ id: `${i + 1}-0`, fields: { event: JSON.stringify(e) } }));

  it('counts the backlog by hand in the pure core', () => {
    const state = createState({ trackChanges: false });
    const rules = serverRules();
    const kinds = entries.map((e) => processEntry(state, rules, e, 0).kind);
    expect(state.ingest).toEqual({ applied: 5184 + 10, duplicates: 5, rejected: 1 });
    expect({ applied: b.applied, duplicates: b.duplicates, rejected: b.rejected }).toEqual(state.ingest);
    const copyOf = (id: string) => kinds[b.events.findLastIndex((e) => e.id === id)];
    expect(copyOf('bl-o1')).toBe('duplicate');
    expect(copyOf('bl-o3')).toBe('duplicate');
    expect(copyOf('bl-visited')).toBe('duplicate');
    expect(copyOf('bl-o4')).toBe('applied');
    expect(copyOf('bl-created')).toBe('rejected');
  });

  it.each([
    [1, 1],
    [7, 1],
    [7, 1000],
    [500, 1],
    [500, 12],
    [5000, 1],
    [100_000, 1],
  ])('gives the same outcome for every entry in batches of %i, letting go every %i batches', (size, releaseEvery) => {
    const rules = serverRules();
    const reference = createState({ trackChanges: false });
    const expected = entries.map((e) => processEntry(reference, rules, e, 0).kind);
    const drained = drainInBatches(rules, entries, size, releaseEvery);
    expect(drained.kinds).toEqual(expected);
    expect(drained.state.ingest).toEqual({ applied: b.applied, duplicates: b.duplicates, rejected: b.rejected });
    // Memory let go of old ids between batches; the store kept exactly the last 7 days' of them.
    expect(drained.state.ids.size).toBeLessThan(100 + size * releaseEvery);
    const clock = drained.state.maxAt!;
    expect(Math.min(...drained.storedIds.values())).toBeGreaterThanOrEqual(clock - 7 * DAY);
  });

  it('takes an id as a duplicate while its at is within the retention of the event clock, boundary included', () => {
    const rules = serverRules();
    const f = new Feed(rules);
    f.send({ id: 'x', type: 'call.offered', at: sh('2026-11-01 08:00'), callId: 'c' });
    f.send({ id: 'y', type: 'call.offered', at: sh('2026-11-01 08:01'), callId: 'c' });
    f.send({ type: 'call.offered', at: sh('2026-11-08 08:00'), callId: 'c' }); // the clock: exactly 7 days after x
    expect(f.send({ id: 'x', type: 'call.offered', at: sh('2026-11-01 08:00'), callId: 'c' }).kind).toBe('duplicate');
    f.send({ type: 'call.offered', at: '2026-11-08T08:01:00.001+08:00', callId: 'c' }); // 1 ms past 7 days after y
    expect(f.send({ id: 'y', type: 'call.offered', at: sh('2026-11-01 08:01'), callId: 'c' }).kind).toBe('applied');
    expect(f.state.ingest).toEqual({ applied: 5, duplicates: 1, rejected: 0 });
  });
});
