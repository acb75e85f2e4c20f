import { describe, expect, it } from 'vitest';
import { hydrateIds, hydrateTickets, missingTickets, parseEntry, releaseDurable, takeChanges, unknownIds } from '../index.ts';
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
