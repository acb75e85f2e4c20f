import { describe, expect, it } from 'vitest';
import { buildSnapshot, listWarnings } from '../index.ts';
import { Feed, ms } from './build.ts';

describe('the snapshot', () => {
  const f = new Feed();
  // Yesterday (Thursday 11-19): one ticket created at 15:xx, dispatched, overdue by today.
  f.created('Y1', '2026-11-19 15:10', { district: '370911' });
  f.assigned('Y1', '2026-11-19 15:30', 'd-a', '2026-11-20 09:00');
  // Today (Friday 11-20).
  f.created('R1', '2026-11-20 08:00', { kind: 'report', category: ['纪检监察', '作风问题'], title: '举报某单位人员13812345678' });
  f.assigned('R1', '2026-11-20 08:10', 'd-b', '2026-11-20 11:00');
  f.created('G1', '2026-11-20 09:00', { channel: 'web', urgency: 'urgent', category: ['供暖', '供暖不热'] });
  f.assigned('G1', '2026-11-20 09:05', 'd-a', '2026-11-20 21:05');
  f.created('D1', '2026-11-20 09:30', { kind: 'consult', channel: 'wechat', category: ['社会保障'] });
  f.ev('ticket.closed', 'D1', '2026-11-20 09:32', { direct: true });
  f.send({ type: 'call.offered', at: '2026-11-20T09:00:00+08:00', callId: 'c1' });
  f.send({ type: 'call.offered', at: '2026-11-20T09:01:00+08:00', callId: 'c2' });
  f.send({ type: 'call.answered', at: '2026-11-20T09:01:05+08:00', callId: 'c1', waitSec: 5 });
  f.send({ type: 'call.abandoned', at: '2026-11-20T09:02:00+08:00', callId: 'c2', waitSec: 40 });
  f.ev('ticket.supervised', 'Y1', '2026-11-20 11:30', { level: 3, by: 'leader' });
  const asOf = ms('2026-11-20 12:00');
  const s = buildSnapshot(f.state, f.rules, { asOf, builtAt: asOf + 120, wallNow: 0, seq: 7 });

  it('counts today by event time', () => {
    expect(s.asOf).toBe('2026-11-20T12:00:00+08:00');
    expect(s.builtAt).toBe('2026-11-20T12:00:00.120+08:00');
    expect(s.period).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(s.today).toEqual({ date: '2026-11-20', created: 3, dispatched: 2, closed: 1, direct: 1 });
    expect(s.open).toBe(3);
    expect(s.calls).toEqual({ offered: 2, answered: 1, abandoned: 1, answerRate: 0.5, agentsOnline: null, agentsBusy: null });
    expect(s.byChannel).toEqual({ phone: 1, web: 1, wechat: 1, app: 0, other: 0 });
    expect(s.byKind).toMatchObject({ report: 1, complaint: 1, consult: 1, help: 0 });
    expect(s.topCategories).toEqual([
      { name: '供暖', count: 1 },
      { name: '社会保障', count: 1 },
      { name: '纪检监察', count: 1 },
    ]);
    expect(s.hourly.today.created[8]).toBe(1);
    expect(s.hourly.today.created[9]).toBe(2);
    expect(s.hourly.today.closed[9]).toBe(1);
    expect(s.hourly.yesterday.created[15]).toBe(1);
  });

  it('lists red and yellow tickets by due time, with the effective level and no report title', () => {
    // Y1 due 09:00 and R1 due 11:00 are red; G1 (urgent) was not signed within 30 minutes: yellow.
    expect(s.overdue).toBe(2);
    expect(s.warnings.redCount).toBe(2);
    expect(s.warnings.red.map((w) => [w.ticketId, w.reason, w.level])).toEqual([
      ['Y1', 'overdue', 3],
      ['R1', 'overdue', 2],
    ]);
    expect(s.warnings.red[1].title).toBe('纪检监察');
    expect(s.warnings.yellow.map((w) => [w.ticketId, w.reason, w.level])).toEqual([['G1', 'sign-overdue', 1]]);
    expect(JSON.stringify(s)).not.toContain('13812345678');
    expect(s.supervision).toEqual({ '1': 1, '2': 1, '3': 1, '4': 0, '5': 0 });
    expect(s.districts.find((d) => d.code === '370911')).toEqual({ code: '370911', name: '岱岳区', created: 0, open: 1, overdue: 1 });
    expect(s.districts.find((d) => d.code === '370902')).toEqual({ code: '370902', name: '泰山区', created: 3, open: 2, overdue: 1 });
  });

  it('pages and filters the warnings', () => {
    expect(listWarnings(f.state, f.rules, asOf, { color: 'red', offset: 1, limit: 5 })).toMatchObject({
      total: 2,
      items: [{ ticketId: 'R1' }],
    });
    expect(listWarnings(f.state, f.rules, asOf, { color: 'red', deptId: 'd-a', offset: 0, limit: 5 }).items.map((i) => i.ticketId)).toEqual(
      ['Y1'],
    );
    expect(listWarnings(f.state, f.rules, asOf, { color: 'red', district: '370983', offset: 0, limit: 5 }).total).toBe(0);
  });
});
