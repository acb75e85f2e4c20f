// What the analysis keeps of each ticket: masked, hashed, bounded by its window, stored and restored.
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config.ts';
import { createRules, restoreState, takeChanges } from '../index.ts';
import { Feed } from '../test/build.ts';
import { normalisePhone, placeOf } from './facts.ts';

const rules = createRules(defaultConfig(), {
  tz: 'Asia/Shanghai',
  clock: 'event',
  segment: (t) => t.split(/[，\s]/),
  hashPhone: (p) => `h(${p.length})${p.slice(-2)}`,
});

describe('analysis facts', () => {
  it('keep a hashed caller, a grid place, the keywords and masked title, never a 举报 title', () => {
    const f = new Feed(rules);
    f.created('T1', '2026-10-08 09:00', {
      title: '燃气 异味',
      citizen: { name: '张三', phone: '+86 138-1234-5678' },
      street: '岱庙街道',
      location: [117.12345, 36.19876],
    });
    f.created('T2', '2026-10-08 09:05', { kind: 'report', title: '举报 某店 噪音' });
    const t1 = f.state.facts.get('T1')!;
    expect(t1).toMatchObject({
      caller: 'h(11)78',
      street: '岱庙街道',
      place: '117.123000,36.198000',
      words: ['燃气', '异味'],
      title: '燃气 异味',
    });
    expect(JSON.stringify([...f.state.facts.values()])).not.toMatch(/张三|1381234|5678/);
    expect(f.state.facts.get('T2')).toMatchObject({ title: null, words: [] });
  });

  it('count assignments, reopens and returns', () => {
    const f = new Feed(rules);
    f.created('T1', '2026-10-08 09:00');
    f.assigned('T1', '2026-10-08 09:10', 'd-1', '2026-10-10 09:00');
    f.ev('ticket.returned', 'T1', '2026-10-08 10:00', { deptId: 'd-1', reason: '非本单位' });
    f.assigned('T1', '2026-10-08 10:10', 'd-2', '2026-10-10 09:00');
    f.ev('ticket.signed', 'T1', '2026-10-08 10:30', { deptId: 'd-2' });
    f.ev('ticket.replied', 'T1', '2026-10-08 11:00', { deptId: 'd-2' });
    expect(f.outcomes.map((o) => o.kind)).not.toContain('rejected');
    f.ev('ticket.reopened', 'T1', '2026-10-08 12:00', { reason: '不满意' });
    expect(f.state.facts.get('T1')).toMatchObject({ depts: ['d-1', 'd-2'], returns: ['d-1'], reopens: 1 });
  });

  it('forget tickets created before the window as it slides, and the store is told', () => {
    const f = new Feed(rules);
    f.created('OLD', '2026-08-01 09:00');
    takeChanges(f.state, rules);
    f.created('NEW', '2026-10-08 09:00'); // 56 days from 08-14: 08-01 is out
    expect([...f.state.facts.keys()]).toEqual(['NEW']);
    const c = takeChanges(f.state, rules);
    expect(c.forgetFacts).toEqual(['OLD']);
    expect([...c.facts.keys()]).toEqual(['NEW']);
  });

  it('restore from the store, and a store without them restores with none', () => {
    const f = new Feed(rules);
    f.created('T1', '2026-10-08 09:00', { title: '燃气 异味' });
    const c = takeChanges(f.state, rules);
    const base = { meta: c.meta, tickets: c.tickets, days: c.days, rollups: c.rollups, depts: c.depts, ids: c.ids };
    expect(restoreState({ ...base, facts: c.facts }, undefined, rules).facts.get('T1')).toEqual(f.state.facts.get('T1'));
    expect(restoreState(base, undefined, rules).facts.size).toBe(0);
  });

  it('read a phone however it is typed, and a place on its grid', () => {
    expect(['13812345678', '+86 138 1234 5678', '８６１３８１２３４５６７８'].map(normalisePhone)).toEqual([
      '13812345678',
      '13812345678',
      '13812345678',
    ]);
    expect(placeOf([117.0009, 36.0001], 0.001)).toBe(placeOf([117.0001, 36.0009], 0.001));
    expect(placeOf(null, 0.001)).toBeNull();
  });
});
