import { describe, expect, it } from 'vitest';
import { departmentRows, parsePeriod, rankings, round2 } from '../index.ts';
import { Feed, ms } from './build.ts';

const ASOF = '2026-11-20 12:00'; // Friday
const NOV = { from: '2026-11-01', to: '2026-11-20' };

/** Department d-a's month, worked by hand in the assertions below. */
function monthOfDeptA(): Feed {
  const f = new Feed();
  // T1: signed on time, replied before its deadline, visited: resolved, satisfied.
  f.created('T1', '2026-11-02 08:00');
  f.assigned('T1', '2026-11-02 09:00', 'd-a', '2026-11-09 09:00', { signDueAt: '2026-11-02T17:00:00+08:00' });
  f.ev('ticket.signed', 'T1', '2026-11-02 10:00', { deptId: 'd-a' });
  f.ev('ticket.replied', 'T1', '2026-11-05 10:00', { deptId: 'd-a' });
  f.ev('ticket.visited', 'T1', '2026-11-06 10:00', { resolved: 'yes', satisfaction: 'satisfied' });
  f.ev('ticket.closed', 'T1', '2026-11-06 10:05');
  // T2: signed late (default sign-for: 11-04 09:00), extended, replied within the extension,
  // visited: partly resolved, basically satisfied.
  f.created('T2', '2026-11-03 08:00');
  f.assigned('T2', '2026-11-03 09:00', 'd-a', '2026-11-05 09:00');
  f.ev('ticket.signed', 'T2', '2026-11-04 10:00', { deptId: 'd-a' });
  f.ev('ticket.extended', 'T2', '2026-11-04 12:00', { deptId: 'd-a', dueAt: '2026-11-10T09:00:00+08:00', reason: '需现场勘查' });
  f.ev('ticket.replied', 'T2', '2026-11-09 10:00', { deptId: 'd-a' });
  f.ev('ticket.visited', 'T2', '2026-11-09 15:00', { resolved: 'partly', satisfaction: 'basic' });
  // T3: never signed; sign-for deadline 11-11 09:00 has passed (due, late); red since 11-12 09:00.
  f.created('T3', '2026-11-10 08:00');
  f.assigned('T3', '2026-11-10 09:00', 'd-a', '2026-11-12 09:00');
  // T4: assigned today; its sign-for deadline (Monday) has not come: not yet due.
  f.created('T4', '2026-11-20 08:00');
  f.assigned('T4', '2026-11-20 09:00', 'd-a', '2026-11-27 09:00');
  // d-b: one assignment, nothing due: every rate null.
  f.created('T6', '2026-11-20 09:30');
  f.assigned('T6', '2026-11-20 10:00', 'd-b', '2026-11-27 09:00');
  return f;
}

describe('department rates (三率), score, rank and card', () => {
  it('computes each rate, the weighted score and the unit card by hand', () => {
    const f = monthOfDeptA();
    expect(f.outcomes.every((o) => o.kind === 'applied')).toBe(true);
    const a = departmentRows(f.state, f.rules, NOV, ms(ASOF)).find((r) => r.id === 'd-a')!;
    expect(a.assigned).toBe(4);
    expect(a.responseRate).toBeCloseTo(1 / 3, 12); // T1 on time of T1, T2, T3 due
    expect(a.onTimeRate).toBe(1); // T1, T2 (extension counts)
    expect(a.resolutionRate).toBe(0.75); // (1 + 0.5) / 2
    expect(a.satisfactionRate).toBe(1); // satisfied + basic
    // 100 × (0.2 × 1/3 + 0.2 × 1 + 0.3 × 0.75 + 0.3 × 1) / 1.0 = 79.1666…
    expect(a.score).toBeCloseTo(79.16666666666667, 10);
    expect(a.redNow).toBe(1); // T3
    expect(a.card).toBe('red'); // score < 80
    expect(a.rank).toBe(1);
  });

  it('leaves a department with only null rates unscored and unranked, and lists it last', () => {
    const f = monthOfDeptA();
    const rows = departmentRows(f.state, f.rules, NOV, ms(ASOF));
    expect(rows.map((r) => r.id)).toEqual(['d-a', 'd-b']);
    expect(rows[1]).toMatchObject({
      assigned: 1,
      responseRate: null,
      onTimeRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      score: null,
      rank: null,
      card: 'green',
    });
  });

  it('spreads the weights over the non-null rates and leaves out unrated visits', () => {
    const f = new Feed();
    f.created('T1', '2026-11-02 08:00');
    f.assigned('T1', '2026-11-02 09:00', 'd-a', '2026-11-09 09:00');
    f.ev('ticket.signed', 'T1', '2026-11-02 10:00', { deptId: 'd-a' });
    f.ev('ticket.replied', 'T1', '2026-11-10 10:00', { deptId: 'd-a' }); // late
    f.ev('ticket.visited', 'T1', '2026-11-11 10:00', { resolved: 'no', satisfaction: 'none' });
    const a = departmentRows(f.state, f.rules, NOV, ms(ASOF))[0];
    expect(a).toMatchObject({ responseRate: 1, onTimeRate: 0, resolutionRate: 0, satisfactionRate: null });
    // 100 × (0.2 × 1 + 0.2 × 0 + 0.3 × 0) / 0.7 = 28.571428…
    expect(a.score).toBeCloseTo(200 / 7, 10);
  });

  it('breaks ties in rounded score by assignments, then by id', () => {
    const f = new Feed();
    let i = 0;
    for (const [dept, count] of [
      ['c-2', 2],
      ['c-1', 1],
      ['c-3', 2],
    ] as const) {
      for (let k = 0; k < count; k++) {
        const id = `K${i++}`;
        f.created(id, '2026-11-02 08:00');
        f.send({
          type: 'ticket.assigned',
          ticketId: id,
          at: '2026-11-02T09:00:00+08:00',
          dept: { id: dept, name: dept, kind: 'county' },
          dueAt: '2026-11-30T09:00:00+08:00',
        });
        f.ev('ticket.signed', id, '2026-11-02 10:00', { deptId: dept });
      }
    }
    const rows = departmentRows(f.state, f.rules, NOV, ms(ASOF));
    expect(rows.map((r) => [r.id, r.rank, r.score])).toEqual([
      ['c-2', 1, 100],
      ['c-3', 2, 100],
      ['c-1', 3, 100],
    ]);
  });

  it('rounds scores halves away from zero before ranking', () => {
    expect(round2(84.125)).toBe(84.13);
    expect(round2(79.16666)).toBe(79.17);
    expect(round2(1.005)).toBe(1.01);
  });

  it('answers the period of equal length just before as `previous`', () => {
    const f = monthOfDeptA();
    const p = parsePeriod(f.rules, ms(ASOF), '2026-11-09', '2026-11-15');
    expect(p).toEqual({ ok: true, period: { from: '2026-11-09', to: '2026-11-15' } });
    const r = rankings(f.state, f.rules, { from: '2026-11-09', to: '2026-11-15' }, ms(ASOF));
    expect(r.previous.from).toBe('2026-11-02');
    expect(r.previous.to).toBe('2026-11-08');
    const now = r.departments.find((d) => d.id === 'd-a')!;
    const before = r.previous.departments.find((d) => d.id === 'd-a')!;
    // 11-09..15: T3 assigned (due, late); T2 replied on time and visited partly/basic.
    expect(now).toMatchObject({ assigned: 1, responseRate: 0, onTimeRate: 1, resolutionRate: 0.5, satisfactionRate: 1, redNow: 0 });
    // 11-02..08: T1 and T2 assigned (T1 on time, T2 late); T1 replied on time and visited yes.
    expect(before).toMatchObject({ assigned: 2, responseRate: 0.5, onTimeRate: 1, resolutionRate: 1, satisfactionRate: 1 });
  });

  it('refuses bad periods', () => {
    const f = new Feed();
    expect(parsePeriod(f.rules, ms(ASOF))).toEqual({ ok: true, period: NOV });
    expect(parsePeriod(f.rules, ms(ASOF), '2026-02-30').ok).toBe(false);
    expect(parsePeriod(f.rules, ms(ASOF), '2026-11-10', '2026-11-09').ok).toBe(false);
    expect(parsePeriod(f.rules, ms(ASOF), '2025-01-01', '2026-01-02').ok).toBe(false); // 367 days
    expect(parsePeriod(f.rules, ms(ASOF), '2025-01-01', '2026-01-01').ok).toBe(true); // 366 days
  });
});
