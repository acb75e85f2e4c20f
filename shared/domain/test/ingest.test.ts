import { describe, expect, it } from 'vitest';
import { Feed, expectApplied } from './build.ts';

const rejected = (o: { kind: string; code?: string; reason?: string }) => (o.kind === 'rejected' ? `${o.code}|${o.reason}` : o.kind);

describe('each rejection of events.md, with a real example entry', () => {
  const f = new Feed();
  f.created('TA1', '2026-11-30 08:05');
  f.assigned('TA1', '2026-11-30 08:20', 'd-zj', '2026-12-07 08:20');

  it('no-event: an entry without the event field', () => {
    const o = f.raw({ payload: '{}' });
    expect(o).toMatchObject({ kind: 'rejected', code: 'no-event', raw: '' });
  });
  it('not-json: a value that does not parse, or is not an object', () => {
    expect(f.raw({ event: '{"v":1,' })).toMatchObject({ kind: 'rejected', code: 'not-json', raw: '{"v":1,' });
    expect(f.raw({ event: '[1,2]' })).toMatchObject({ code: 'not-json' });
    expect(f.raw({ event: '"text"' })).toMatchObject({ code: 'not-json' });
  });
  it('schema: a missing field, a wrong type, a value outside its enumeration, an unknown type', () => {
    expect(rejected(f.send({ type: 'ticket.signed', ticketId: 'TA1', at: '2026-11-30T09:00:00+08:00' }))).toMatch(
      /^schema\|schema: field deptId is missing/,
    );
    expect(f.send({ type: 'call.answered', at: '2026-11-30T09:00:00+08:00', callId: 'c1', waitSec: '6' })).toMatchObject({
      code: 'schema',
    });
    expect(f.created('TX', '2026-11-30 09:00', { channel: 'fax' })).toMatchObject({ code: 'schema' });
    expect(f.created('TX', '2026-11-30 09:00', { district: '110101' })).toMatchObject({ code: 'schema' });
    expect(rejected(f.send({ type: 'ticket.teleported', ticketId: 'TA1', at: '2026-11-30T09:00:00+08:00' }))).toMatch(
      /^schema\|schema: unknown type "ticket.teleported"/,
    );
    expect(f.send({ type: 'agents.status', at: '2026-11-30 09:00', online: 1, busy: 0 })).toMatchObject({ code: 'schema' }); // no offset
  });
  it('unknown-ticket and ticket-exists', () => {
    expect(rejected(f.ev('ticket.signed', 'NOPE', '2026-11-30 09:00', { deptId: 'd-zj' }))).toBe(
      'unknown-ticket|unknown-ticket: ticket NOPE was never created',
    );
    expect(f.created('TA1', '2026-11-30 09:00')).toMatchObject({ code: 'ticket-exists' });
  });
  it('bad-state: an event not allowed in the ticket state', () => {
    expect(f.ev('ticket.replied', 'TA1', '2026-11-30 09:00', { deptId: 'd-zj' })).toMatchObject({ code: 'bad-state' }); // not signed
    expect(f.ev('ticket.closed', 'TA1', '2026-11-30 09:00', { direct: true })).toMatchObject({ code: 'bad-state' });
  });
  it('wrong-dept: another department than the ticket is with', () => {
    expect(rejected(f.ev('ticket.signed', 'TA1', '2026-11-30 09:00', { deptId: 'd-cg' }))).toBe(
      'wrong-dept|wrong-dept: ticket TA1 is with d-zj, not d-cg',
    );
  });
  it('bad-deadline: a deadline not later than it must be', () => {
    f.created('TA2', '2026-11-30 09:00');
    expect(f.assigned('TA2', '2026-11-30 10:00', 'd-zj', '2026-11-30 10:00')).toMatchObject({ code: 'bad-deadline' });
    expect(f.assigned('TA2', '2026-11-30 10:00', 'd-zj', '2026-12-01 10:00', { signDueAt: '2026-11-30T09:00:00+08:00' })).toMatchObject({
      code: 'bad-deadline',
    });
    expect(
      f.ev('ticket.extended', 'TA1', '2026-11-30 10:00', { deptId: 'd-zj', dueAt: '2026-12-07T08:20:00+08:00', reason: 'x' }),
    ).toMatchObject({ code: 'bad-deadline' });
  });
  it('counts rejections only in the rejected count, and frees a rejected id for a corrected entry', () => {
    const before = { ...f.state.ingest };
    const bad = f.send({ id: 'fix-me', type: 'ticket.signed', ticketId: 'TA1', at: '2026-11-30T09:00:00+08:00', deptId: 'd-cg' });
    expect(bad.kind).toBe('rejected');
    expectApplied(f.send({ id: 'fix-me', type: 'ticket.signed', ticketId: 'TA1', at: '2026-11-30T09:00:00+08:00', deptId: 'd-zj' }));
    expect(f.state.ingest).toEqual({ applied: before.applied + 1, duplicates: 0, rejected: before.rejected + 1 });
  });
  it('counts a second entry with an applied id as a duplicate that changes nothing', () => {
    const again = f.send({ id: 'fix-me', type: 'ticket.replied', ticketId: 'TA1', at: '2026-11-30T10:00:00+08:00', deptId: 'd-zj' });
    expect(again.kind).toBe('duplicate');
    expect(f.state.tickets.get('TA1')!.state).toBe('signed');
    expect(f.state.ingest.duplicates).toBe(1);
  });
});

describe('the ticket lifecycle', () => {
  it('applies the contract sample from creation to close, and a direct answer', () => {
    const f = new Feed();
    f.send({ type: 'agents.status', at: '2026-11-30T08:00:00+08:00', online: 42, busy: 30 });
    f.created('TA202611300001', '2026-11-30 08:05', {
      title: '东岳大街人行道塌陷，联系13812345678',
      citizen: { name: '张三', phone: '13812345678' },
    });
    f.assigned('TA202611300001', '2026-11-30 08:20', 'd-zj', '2026-12-07 08:20');
    f.ev('ticket.signed', 'TA202611300001', '2026-11-30 09:02', { deptId: 'd-zj' });
    f.ev('ticket.replied', 'TA202611300001', '2026-12-02 16:40', { deptId: 'd-zj', summary: '已修复' });
    f.ev('ticket.visited', 'TA202611300001', '2026-12-03 10:00', { resolved: 'yes', satisfaction: 'satisfied' });
    f.ev('ticket.closed', 'TA202611300001', '2026-12-03 10:05');
    f.created('TA202611300002', '2026-11-30 08:07', { channel: 'wechat', kind: 'consult', district: '370911' });
    f.ev('ticket.closed', 'TA202611300002', '2026-11-30 08:09', { direct: true });
    expect(f.outcomes.map((o) => o.kind)).toEqual(Array(9).fill('applied'));
    expect(f.state.open.size).toBe(0);
    expect(f.state.tickets.get('TA202611300001')!.title).toBe('东岳大街人行道塌陷，联系138****5678');
    expect(f.state.agents).toEqual({ online: 42, busy: 30 });
  });

  it('returns a ticket to new and clears its department; reopens a closed one', () => {
    const f = new Feed();
    f.created('T1', '2026-11-02 08:00');
    f.assigned('T1', '2026-11-02 09:00', 'd-a', '2026-11-09 09:00');
    expectApplied(f.ev('ticket.returned', 'T1', '2026-11-02 10:00', { deptId: 'd-a', reason: '非本单位职责' }));
    expect(f.state.tickets.get('T1')).toMatchObject({ state: 'new', deptId: null });
    f.assigned('T1', '2026-11-02 11:00', 'd-b', '2026-11-09 09:00');
    f.ev('ticket.signed', 'T1', '2026-11-02 12:00', { deptId: 'd-b' });
    f.ev('ticket.replied', 'T1', '2026-11-03 12:00', { deptId: 'd-b' });
    f.ev('ticket.closed', 'T1', '2026-11-03 13:00');
    expectApplied(f.ev('ticket.reopened', 'T1', '2026-11-04 09:00', { reason: '市民不认可' }));
    expect(f.state.tickets.get('T1')).toMatchObject({ state: 'new', deptId: 'd-b' });
    expect(f.state.open.has('T1')).toBe(true);
  });
});
