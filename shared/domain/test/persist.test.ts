import { describe, expect, it } from 'vitest';
import { buildSnapshot, restoreState, takeChanges, SchemaVersionError, type Changes, type CoreState } from '../index.ts';
import { Feed, ms } from './build.ts';

/** The store in miniature: what takeChanges hands over, kept as the Redis hashes would keep it. */
function store() {
  const h = {
    meta: null as string | null,
    tickets: new Map<string, string>(),
    days: new Map<string, string>(),
    rollups: new Map<string, string>(),
    depts: new Map<string, string>(),
    ids: new Map<string, number>(),
  };
  return {
    h,
    write(c: Changes) {
      if (c.meta) h.meta = c.meta;
      for (const k of ['tickets', 'days', 'rollups', 'depts'] as const) for (const [id, v] of c[k]) h[k].set(id, v);
      for (const [id, at] of c.ids) h.ids.set(id, at);
    },
    read(): CoreState {
      return restoreState({ meta: h.meta, tickets: h.tickets, days: h.days, rollups: h.rollups, depts: h.depts, ids: h.ids });
    },
  };
}

describe('persisted state', () => {
  it('restores to the same snapshot, batch by batch', () => {
    const f = new Feed();
    const s = store();
    f.created('T1', '2026-11-02 08:00', { title: '电话13812345678' });
    f.assigned('T1', '2026-11-02 09:00', 'd-a', '2026-11-04 09:00');
    s.write(takeChanges(f.state, f.rules));
    f.ev('ticket.signed', 'T1', '2026-11-02 10:00', { deptId: 'd-a' });
    f.created('T2', '2026-11-03 08:00');
    f.ev('ticket.closed', 'T2', '2026-11-03 08:05', { direct: true });
    f.send({ type: 'call.offered', at: '2026-11-03T08:00:00+08:00', callId: 'c1' });
    const c = takeChanges(f.state, f.rules);
    expect(c.details.size).toBe(1);
    expect(c.timeline.map(([id]) => id)).toEqual(['T1', 'T2', 'T2']);
    s.write(c);
    const input = { asOf: ms('2026-11-05 10:00'), builtAt: 0, wallNow: 0, seq: 1 };
    const restored = s.read();
    expect(buildSnapshot(restored, f.rules, input)).toEqual(buildSnapshot(f.state, f.rules, input));
    expect([...restored.ids.keys()].sort()).toEqual([...f.state.ids.keys()].sort());
  });

  it('refuses a stored state of another schema version', () => {
    expect(() => restoreState({ meta: JSON.stringify({ schema: 99 }), tickets: [], days: [], rollups: [], depts: [], ids: [] })).toThrow(
      SchemaVersionError,
    );
  });
});
