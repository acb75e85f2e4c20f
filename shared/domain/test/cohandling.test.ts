// Co-handling (协办) and returns (退单), worked by hand: the rejection codes of the two new events,
// the lead's exception, parts ended by the lead's reply or dropped by a return or a reopen, the
// co-handling rate by the day a part ends, a department that only co-handles, the fifth weight,
// the yellow reason co-overdue, bounced tickets and the ticket detail's co-handlers and route.
import { describe, expect, it } from 'vitest';
import { assess, buildSnapshot, buildTicketAnswer, departmentRows, listCoParts, listReturns, moment, takeChanges } from '../index.ts';
import { Feed, expectApplied, ms, sh } from './build.ts';

const NOV = { from: '2026-11-01', to: '2026-11-20' };
const ASOF = '2026-11-20 12:00';

function coassigned(f: Feed, id: string, at: string, deptId: string, dueAt: string, extra: Record<string, unknown> = {}) {
  return f.ev('ticket.coassigned', id, at, { dept: { id: deptId, name: `部门${deptId}`, kind: 'department' }, dueAt: sh(dueAt), ...extra });
}
const coreplied = (f: Feed, id: string, at: string, deptId: string) => f.ev('ticket.coreplied', id, at, { deptId, summary: '已配合处理' });

/** A ticket led by `lead`, signed: assigned `at`, due `dueAt`. */
function signedTicket(f: Feed, id: string, at: string, lead: string, dueAt: string) {
  f.created(id, at);
  expectApplied(f.assigned(id, at, lead, dueAt, { signDueAt: sh(at.replace(/\d\d:\d\d$/, '23:00')) }));
  expectApplied(f.ev('ticket.signed', id, at, { deptId: lead }));
}

const row = (f: Feed, id: string, period = NOV, asOf = ASOF) =>
  departmentRows(f.state, f.rules, period, ms(asOf)).find((r) => r.id === id)!;
const code = (o: ReturnType<Feed['send']>) => (o.kind === 'rejected' ? o.code : o.kind);
const detail = (f: Feed, id: string, asOf = ASOF) => {
  const timeline = f.outcomes.flatMap((o) =>
    o.kind === 'applied' && 'ticketId' in o.event && o.event.ticketId === id ? [JSON.stringify(o.event)] : [],
  );
  return buildTicketAnswer(f.state, f.rules, id, ms(asOf), { details: null, timeline })!.ticket;
};

describe('co-handling: what is rejected, in the contract order', () => {
  it('gives each rejection of ticket.coassigned its code: state, then department, then deadline', () => {
    const f = new Feed();
    expect(code(coassigned(f, 'T0', '2026-11-02 09:00', 'd-co', '2026-11-05 09:00'))).toBe('unknown-ticket');
    f.created('T1', '2026-11-02 08:00');
    expect(code(coassigned(f, 'T1', '2026-11-02 09:00', 'd-co', '2026-11-05 09:00'))).toBe('bad-state'); // new
    f.assigned('T1', '2026-11-02 09:00', 'd-lead', '2026-11-09 09:00');
    expect(code(coassigned(f, 'T1', '2026-11-02 10:00', 'd-lead', '2026-11-05 09:00'))).toBe('bad-state'); // the lead
    expect(code(coassigned(f, 'T1', '2026-11-02 10:00', 'd-lead', '2026-11-01 09:00'))).toBe('bad-state'); // the lead, before the deadline
    expect(code(coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-02 10:00'))).toBe('bad-deadline'); // not later than at
    expect(code(coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-02 09:59'))).toBe('bad-deadline');
    expect(code(coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-05 09:00'))).toBe('applied'); // assigned, not yet signed
    expect(code(coassigned(f, 'T1', '2026-11-02 10:05', 'd-co', '2026-11-06 09:00'))).toBe('bad-state'); // a current co-handler
    f.ev('ticket.signed', 'T1', '2026-11-02 11:00', { deptId: 'd-lead' });
    expect(code(coreplied(f, 'T1', '2026-11-03 10:00', 'd-co'))).toBe('applied');
    expect(code(coassigned(f, 'T1', '2026-11-03 11:00', 'd-co', '2026-11-06 09:00'))).toBe('bad-state'); // co-replied, still current
    expect(code(coassigned(f, 'T1', '2026-11-03 11:00', 'd-c2', '2026-11-06 09:00'))).toBe('applied'); // signed
    f.ev('ticket.replied', 'T1', '2026-11-04 10:00', { deptId: 'd-lead' });
    expect(code(coassigned(f, 'T1', '2026-11-04 11:00', 'd-c3', '2026-11-06 09:00'))).toBe('bad-state'); // replied
    const bad = f.send({ type: 'ticket.coassigned', ticketId: 'T1', at: sh('2026-11-04 11:00'), dept: { id: 'd-c3', name: 'x' } });
    expect(bad).toMatchObject({ code: 'schema', reason: expect.stringContaining('dueAt') });
  });

  it('gives each rejection of ticket.coreplied its code', () => {
    const f = new Feed();
    expect(code(coreplied(f, 'T0', '2026-11-02 09:00', 'd-co'))).toBe('unknown-ticket');
    f.created('T1', '2026-11-02 08:00');
    expect(code(coreplied(f, 'T1', '2026-11-02 09:00', 'd-co'))).toBe('bad-state'); // new: the state comes first
    f.assigned('T1', '2026-11-02 09:00', 'd-lead', '2026-11-09 09:00');
    expect(code(coreplied(f, 'T1', '2026-11-02 09:30', 'd-co'))).toBe('wrong-dept'); // no co-handler at all
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-05 09:00');
    const lead = coreplied(f, 'T1', '2026-11-02 10:30', 'd-lead');
    expect(lead).toMatchObject({ code: 'wrong-dept', reason: 'wrong-dept: d-lead does not co-handle ticket T1 (co-handlers: d-co)' });
    expect(code(coreplied(f, 'T1', '2026-11-02 10:30', 'd-other'))).toBe('wrong-dept');
    expect(code(coreplied(f, 'T1', '2026-11-03 10:00', 'd-co'))).toBe('applied'); // assigned: allowed
    expect(coreplied(f, 'T1', '2026-11-03 11:00', 'd-co')).toMatchObject({
      code: 'bad-state',
      reason: 'bad-state: d-co already co-replied to ticket T1',
    });
    f.ev('ticket.signed', 'T1', '2026-11-03 12:00', { deptId: 'd-lead' });
    f.ev('ticket.replied', 'T1', '2026-11-04 10:00', { deptId: 'd-lead' });
    f.ev('ticket.closed', 'T1', '2026-11-05 10:00');
    expect(code(coreplied(f, 'T1', '2026-11-05 11:00', 'd-co'))).toBe('bad-state'); // closed
    expect(f.state.ingest).toEqual({ applied: 7, duplicates: 0, rejected: 7 });
  });

  it('names a department by the latest assignment or co-assignment that names it', () => {
    const f = new Feed();
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-lead', '2026-11-09 09:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'e-sw', '2026-11-05 09:00', { dept: { id: 'e-sw', name: '水务集团', kind: 'enterprise' } });
    signedTicket(f, 'T2', '2026-11-03 09:00', 'd-lead', '2026-11-09 09:00');
    coassigned(f, 'T2', '2026-11-03 10:00', 'e-sw', '2026-11-05 09:00', { dept: { id: 'e-sw', name: '泰安水务集团' } });
    expect(f.state.depts.get('e-sw')).toEqual({ id: 'e-sw', name: '泰安水务集团', kind: 'enterprise' });
  });
});

describe("co-handling: the lead's exception and the co-handling rate", () => {
  it('counts a late reply on time when a co-handler held the lead up (its part open at the deadline)', () => {
    const f = new Feed();
    // T1: the part (due 11-05 18:00) begins 11-03, before the lead's deadline 11-06 18:00, and is
    // still open then (co-replied 11-07): the lead's late reply of 11-09 counts as on time.
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-lead', '2026-11-06 18:00');
    coassigned(f, 'T1', '2026-11-03 09:00', 'd-co', '2026-11-05 18:00');
    coreplied(f, 'T1', '2026-11-07 10:00', 'd-co');
    f.ev('ticket.replied', 'T1', '2026-11-09 10:00', { deptId: 'd-lead' });
    // T2: its co-handler replied by the deadline (late for its own part): no excuse, the lead is late.
    signedTicket(f, 'T2', '2026-11-02 09:00', 'd-lead', '2026-11-06 18:00');
    coassigned(f, 'T2', '2026-11-03 09:00', 'd-co', '2026-11-04 18:00');
    coreplied(f, 'T2', '2026-11-06 18:00', 'd-co'); // at the deadline: ended by then
    f.ev('ticket.replied', 'T2', '2026-11-09 10:00', { deptId: 'd-lead' });
    // T3: co-assigned only after the lead's deadline had passed: not begun before it, no excuse.
    signedTicket(f, 'T3', '2026-11-02 09:00', 'd-lead', '2026-11-06 18:00');
    coassigned(f, 'T3', '2026-11-06 18:00', 'd-co', '2026-11-12 18:00');
    f.ev('ticket.replied', 'T3', '2026-11-09 10:00', { deptId: 'd-lead' });
    // T4: the part is open at the deadline and ends with the lead's (late) reply: on time for the lead.
    signedTicket(f, 'T4', '2026-11-02 09:00', 'd-lead', '2026-11-06 18:00');
    coassigned(f, 'T4', '2026-11-03 09:00', 'd-co', '2026-11-10 18:00');
    f.ev('ticket.replied', 'T4', '2026-11-09 10:00', { deptId: 'd-lead' });
    expect(f.outcomes.every((o) => o.kind === 'applied')).toBe(true);

    const lead = row(f, 'd-lead');
    expect(lead.onTimeRate).toBe(0.5); // T1 and T4 of four late replies
    const co = row(f, 'd-co');
    // Parts: T1 co-replied late (11-07 > 11-05 18:00), T2 late (11-06 18:00 > 11-04 18:00), T3 and T4
    // ended by the lead's reply (late). None on time.
    expect(co).toMatchObject({ assigned: 0, coOnTimeRate: 0, responseRate: null, onTimeRate: null, returned: 0, returnRate: null });
  });

  it("ends a part not co-replied by the lead's reply, late; a co-reply afterwards is accepted and changes no figure", () => {
    const f = new Feed();
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-lead', '2026-11-09 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-06 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-c2', '2026-11-06 18:00');
    coreplied(f, 'T1', '2026-11-04 10:00', 'd-c2'); // on time
    f.ev('ticket.replied', 'T1', '2026-11-05 10:00', { deptId: 'd-lead' }); // on time; ends d-co's part, late
    expect(buildSnapshot(f.state, f.rules, { asOf: ms('2026-11-05 11:00'), builtAt: 0, wallNow: 0, seq: 1 }).coHandling).toEqual({
      open: 0,
      overdue: 0,
    });
    expect(row(f, 'd-co').coOnTimeRate).toBe(0);
    expect(row(f, 'd-c2').coOnTimeRate).toBe(1);
    expect(row(f, 'd-lead').onTimeRate).toBe(1);
    // The co-reply after the lead's reply (state replied) is allowed; the part stays as the reply ended it.
    expect(code(coreplied(f, 'T1', '2026-11-05 12:00', 'd-co'))).toBe('applied');
    expect(code(coreplied(f, 'T1', '2026-11-05 13:00', 'd-co'))).toBe('bad-state');
    expect(row(f, 'd-co').coOnTimeRate).toBe(0);
    expect(departmentRows(f.state, f.rules, { from: '2026-11-05', to: '2026-11-05' }, ms(ASOF)).find((r) => r.id === 'd-co')).toMatchObject(
      {
        coOnTimeRate: 0,
      },
    );
    expect(detail(f, 'T1').coHandlers).toEqual([
      {
        deptId: 'd-co',
        name: '部门d-co',
        assignedAt: '2026-11-02T10:00:00+08:00',
        dueAt: '2026-11-06T18:00:00+08:00',
        state: 'done',
        at: '2026-11-05T10:00:00+08:00',
        endedBy: 'ticket.replied',
        onTime: false,
      },
      {
        deptId: 'd-c2',
        name: '部门d-c2',
        assignedAt: '2026-11-02T10:00:00+08:00',
        dueAt: '2026-11-06T18:00:00+08:00',
        state: 'done',
        at: '2026-11-04T10:00:00+08:00',
        endedBy: 'ticket.coreplied',
        onTime: true,
      },
    ]);
  });

  it('counts a part on the local day it ends, not the day it began (a period boundary between them)', () => {
    const f = new Feed();
    signedTicket(f, 'T1', '2026-10-30 09:00', 'd-lead', '2026-11-09 18:00');
    coassigned(f, 'T1', '2026-10-30 10:00', 'd-co', '2026-11-02 18:00');
    coreplied(f, 'T1', '2026-11-01 00:30', 'd-co'); // 11-01 local (10-31 16:30 UTC)
    signedTicket(f, 'T2', '2026-10-30 09:00', 'd-lead', '2026-11-09 18:00');
    coassigned(f, 'T2', '2026-10-30 10:00', 'd-co', '2026-10-31 18:00');
    coreplied(f, 'T2', '2026-10-31 23:59', 'd-co'); // late, on 10-31
    const oct = { from: '2026-10-01', to: '2026-10-31' };
    expect(row(f, 'd-co', oct).coOnTimeRate).toBe(0);
    expect(row(f, 'd-co', NOV).coOnTimeRate).toBe(1);
    expect(row(f, 'd-co', { from: '2026-10-30', to: '2026-10-30' }).coOnTimeRate).toBeNull(); // began, not ended
  });

  it('lists and scores a department that only co-handles, by its co-handling rate alone', () => {
    const f = new Feed();
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-lead', '2026-11-09 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'e-sw', '2026-11-04 18:00', { dept: { id: 'e-sw', name: '泰安水务集团', kind: 'enterprise' } });
    signedTicket(f, 'T2', '2026-11-02 09:00', 'd-lead', '2026-11-09 18:00');
    coassigned(f, 'T2', '2026-11-02 10:00', 'e-sw', '2026-11-04 18:00', { dept: { id: 'e-sw', name: '泰安水务集团', kind: 'enterprise' } });
    coreplied(f, 'T1', '2026-11-04 17:00', 'e-sw'); // on time
    coreplied(f, 'T2', '2026-11-05 09:00', 'e-sw'); // late
    const rows = departmentRows(f.state, f.rules, NOV, ms(ASOF));
    expect(rows.map((r) => [r.id, r.kind, r.rank])).toEqual([
      ['d-lead', 'department', 1],
      ['e-sw', 'enterprise', 1],
    ]);
    expect(rows[1]).toMatchObject({
      name: '泰安水务集团',
      assigned: 0,
      responseRate: null,
      onTimeRate: null,
      resolutionRate: null,
      satisfactionRate: null,
      coOnTimeRate: 0.5,
      score: 50, // 100 × 0.1 × 0.5 / 0.1
      card: 'red',
      returned: 0,
      returnRate: null,
      coOverdueNow: 0,
    });
  });
});

describe('the score with and without the fifth rate', () => {
  it('scores a unit that never co-handled exactly as with four weights, and one that did with five', () => {
    const f = new Feed();
    // d-a: responseRate 1, onTimeRate 0 (late), resolution 0.5, satisfaction 1; no co-handling.
    f.created('T1', '2026-11-02 08:00');
    f.assigned('T1', '2026-11-02 09:00', 'd-a', '2026-11-04 09:00', { signDueAt: sh('2026-11-02 17:00') });
    f.ev('ticket.signed', 'T1', '2026-11-02 10:00', { deptId: 'd-a' });
    f.ev('ticket.replied', 'T1', '2026-11-05 10:00', { deptId: 'd-a' });
    f.ev('ticket.visited', 'T1', '2026-11-06 10:00', { resolved: 'partly', satisfaction: 'basic' });
    // d-b: the same figures, and one co-handling part co-replied on time for d-a's T2.
    f.created('T3', '2026-11-02 08:00');
    f.assigned('T3', '2026-11-02 09:00', 'd-b', '2026-11-04 09:00', { signDueAt: sh('2026-11-02 17:00') });
    f.ev('ticket.signed', 'T3', '2026-11-02 10:00', { deptId: 'd-b' });
    f.ev('ticket.replied', 'T3', '2026-11-05 10:00', { deptId: 'd-b' });
    f.ev('ticket.visited', 'T3', '2026-11-06 10:00', { resolved: 'partly', satisfaction: 'basic' });
    f.created('T2', '2026-11-10 08:00');
    f.assigned('T2', '2026-11-10 09:00', 'd-c', '2026-11-30 09:00', { signDueAt: sh('2026-11-10 17:00') });
    coassigned(f, 'T2', '2026-11-10 10:00', 'd-b', '2026-11-12 18:00');
    coreplied(f, 'T2', '2026-11-11 10:00', 'd-b');
    const a = row(f, 'd-a');
    const b = row(f, 'd-b');
    expect(a.coOnTimeRate).toBeNull();
    // To the last bit the four-weight formula, summed in the same order.
    expect(a.score).toBe((100 * (0.2 * 1 + 0.2 * 0 + 0.3 * 0.5 + 0.3 * 1)) / (0.2 + 0.2 + 0.3 + 0.3));
    expect(a.score).toBeCloseTo(65, 10);
    expect(b.coOnTimeRate).toBe(1);
    // 100 × (0.2 + 0 + 0.15 + 0.3 + 0.1) / 1.1 = 68.1818…
    expect(b.score).toBeCloseTo(75 / 1.1, 10);
    expect(b.rank).toBe(1); // 68.18 before d-a's 65.00
  });
});

describe('co-handling parts dropped by a return and by a reopen', () => {
  it('drops the open parts of a returned ticket: they never count, and the co-handlers are cleared', () => {
    const f = new Feed();
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-a', '2026-11-09 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-03 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-c2', '2026-11-06 18:00');
    coreplied(f, 'T1', '2026-11-03 10:00', 'd-c2'); // done before the return: it counts
    const snapAt = (asOf: string) => buildSnapshot(f.state, f.rules, { asOf: ms(asOf), builtAt: 0, wallNow: 0, seq: 1 });
    expect(snapAt('2026-11-04 09:00').coHandling).toEqual({ open: 1, overdue: 1 });
    expect(row(f, 'd-co', NOV, '2026-11-04 09:00').coOverdueNow).toBe(1);
    expect(assess(f.rules, moment(f.rules, ms('2026-11-04 09:00')), f.state.tickets.get('T1')!)).toMatchObject({
      colour: 'yellow',
      reason: 'co-overdue',
      auto: 1,
    });
    expectApplied(f.ev('ticket.returned', 'T1', '2026-11-04 10:00', { deptId: 'd-a', reason: '非本单位职责' }));
    expect(snapAt('2026-11-04 11:00').coHandling).toEqual({ open: 0, overdue: 0 });
    expect(row(f, 'd-co').coOnTimeRate).toBeNull(); // dropped: not counted
    expect(row(f, 'd-c2').coOnTimeRate).toBe(1);
    expect(code(coreplied(f, 'T1', '2026-11-04 12:00', 'd-co'))).toBe('bad-state'); // new
    f.assigned('T1', '2026-11-04 13:00', 'd-b', '2026-11-12 18:00');
    expect(code(coreplied(f, 'T1', '2026-11-04 14:00', 'd-co'))).toBe('wrong-dept'); // not a co-handler any more
    expect(code(coassigned(f, 'T1', '2026-11-04 15:00', 'd-co', '2026-11-06 18:00'))).toBe('applied'); // may be co-assigned anew
    expect(detail(f, 'T1', '2026-11-04 16:00')).toMatchObject({
      route: ['d-a'],
      coHandlers: [
        { deptId: 'd-co', state: 'dropped', at: '2026-11-04T10:00:00+08:00', endedBy: 'ticket.returned', onTime: null },
        { deptId: 'd-c2', state: 'done', at: '2026-11-03T10:00:00+08:00', endedBy: 'ticket.coreplied', onTime: true },
        { deptId: 'd-co', state: 'open', at: null, endedBy: null, onTime: null, dueAt: '2026-11-06T18:00:00+08:00' },
      ],
    });
  });

  it('clears the co-handlers on a reopen, so a part the reply ended can no longer be co-replied', () => {
    // A part is never open at a reopen (the lead's reply ended it), so a reopen drops nothing that
    // counts; what it changes is who co-handles: nobody, until the ticket is co-assigned again.
    const f = new Feed();
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-a', '2026-11-09 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-06 18:00');
    f.ev('ticket.replied', 'T1', '2026-11-05 10:00', { deptId: 'd-a' });
    f.ev('ticket.closed', 'T1', '2026-11-06 10:00');
    expectApplied(f.ev('ticket.reopened', 'T1', '2026-11-07 10:00', { reason: '群众不满意' }));
    expect(f.state.tickets.get('T1')!.co).toBeNull();
    f.assigned('T1', '2026-11-09 09:00', 'd-a', '2026-11-16 18:00');
    expect(code(coreplied(f, 'T1', '2026-11-09 10:00', 'd-co'))).toBe('wrong-dept');
    expect(row(f, 'd-co').coOnTimeRate).toBe(0); // the part the reply ended, counted once
    expect(detail(f, 'T1').coHandlers.map((h) => [h.state, h.endedBy])).toEqual([['done', 'ticket.replied']]);
    // Reopened straight from replied (no close between): d-co could still have co-replied before.
    signedTicket(f, 'T2', '2026-11-02 09:00', 'd-a', '2026-11-09 18:00');
    coassigned(f, 'T2', '2026-11-02 10:00', 'd-co', '2026-11-06 18:00');
    f.ev('ticket.replied', 'T2', '2026-11-05 10:00', { deptId: 'd-a' });
    expectApplied(f.ev('ticket.reopened', 'T2', '2026-11-05 12:00', { reason: '回访核实问题未解决' }));
    f.assigned('T2', '2026-11-05 13:00', 'd-a', '2026-11-16 18:00');
    expect(code(coreplied(f, 'T2', '2026-11-05 14:00', 'd-co'))).toBe('wrong-dept');
    expect(code(coassigned(f, 'T2', '2026-11-05 15:00', 'd-co', '2026-11-10 18:00'))).toBe('applied');
    expect(detail(f, 'T2').coHandlers.map((h) => [h.deptId, h.state, h.endedBy])).toEqual([
      ['d-co', 'done', 'ticket.replied'],
      ['d-co', 'open', null],
    ]);
  });
});

describe('yellow reasons and the parts now', () => {
  it('tries sign-overdue, then due-soon, then co-overdue; red before all of them', () => {
    const f = new Feed();
    // Lead due 11-20; part due 11-04 18:00.
    f.created('T1', '2026-11-02 08:00');
    f.assigned('T1', '2026-11-02 09:00', 'd-a', '2026-11-20 18:00', { signDueAt: sh('2026-11-05 09:00') });
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-04 18:00');
    const at = (asOf: string) => assess(f.rules, moment(f.rules, ms(asOf)), f.state.tickets.get('T1')!);
    expect(at('2026-11-04 17:00')).toMatchObject({ colour: 'green', reason: null, auto: 0 });
    expect(at('2026-11-04 18:01')).toMatchObject({ colour: 'yellow', reason: 'co-overdue', auto: 1, level: 1 });
    expect(at('2026-11-05 09:01').reason).toBe('sign-overdue'); // not yet signed
    f.ev('ticket.signed', 'T1', '2026-11-05 10:00', { deptId: 'd-a' });
    expect(at('2026-11-05 10:01').reason).toBe('co-overdue');
    expect(detail(f, 'T1', '2026-11-05 10:01')).toMatchObject({
      colour: 'yellow',
      reason: 'co-overdue',
      why: '协办单位超过协办时限仍未完成其协办部分',
    });
    expect(at('2026-11-19 10:00').reason).toBe('due-soon'); // one working day left
    expect(at('2026-11-20 18:01')).toMatchObject({ colour: 'red', reason: 'overdue' });
    coreplied(f, 'T1', '2026-11-06 10:00', 'd-co');
    expect(at('2026-11-06 10:01')).toMatchObject({ colour: 'green', reason: null });
  });

  it('counts parts open and overdue now, per co-handler whatever the period, and lists them', () => {
    const f = new Feed();
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-a', '2026-11-30 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-04 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-c2', '2026-11-25 18:00');
    signedTicket(f, 'T2', '2026-11-03 09:00', 'd-b', '2026-11-30 18:00');
    coassigned(f, 'T2', '2026-11-03 10:00', 'd-co', '2026-11-03 18:00');
    const s = buildSnapshot(f.state, f.rules, { asOf: ms(ASOF), builtAt: 0, wallNow: 0, seq: 1 });
    expect(s.coHandling).toEqual({ open: 3, overdue: 2 });
    expect(s.departments.map((d) => [d.id, d.coOverdueNow])).toEqual([
      ['d-a', 0],
      ['d-b', 0],
      ['d-c2', 0],
      ['d-co', 2],
    ]);
    expect(s.warnings.yellow.map((w) => [w.ticketId, w.reason])).toEqual([
      ['T1', 'co-overdue'],
      ['T2', 'co-overdue'],
    ]);
    expect(row(f, 'd-co', { from: '2026-10-01', to: '2026-10-31' }).coOverdueNow).toBe(2);
    const list = listCoParts(f.state, f.rules, ms(ASOF), { deptId: 'd-co', overdue: true, offset: 0, limit: 10 });
    expect(list.total).toBe(2);
    expect(list.items.map((i) => [i.ticketId, i.deptId, i.leadId, i.dueAt, i.overdue])).toEqual([
      ['T2', 'd-co', 'd-b', '2026-11-03T18:00:00+08:00', true],
      ['T1', 'd-co', 'd-a', '2026-11-04T18:00:00+08:00', true],
    ]);
    expect(listCoParts(f.state, f.rules, ms(ASOF), { offset: 0, limit: 10 }).total).toBe(3);
  });
});

describe('returns (退单) and tickets passed back and forth (多次退回)', () => {
  function returnedTicket(f: Feed, id: string, depts: string[], at = '2026-11-02', extra: Record<string, unknown> = {}) {
    f.created(id, `${at} 08:00`, extra);
    let h = 9;
    for (const d of depts) {
      f.assigned(id, `${at} ${String(h).padStart(2, '0')}:00`, d, '2026-11-30 18:00');
      expectApplied(f.ev('ticket.returned', id, `${at} ${String(h).padStart(2, '0')}:30`, { deptId: d, reason: '非本单位职责' }));
      h++;
    }
  }

  it('counts returns per department by the day of the return, and the return rate against assignments', () => {
    const f = new Feed();
    returnedTicket(f, 'T1', ['d-a', 'd-b', 'd-a']);
    f.assigned('T1', '2026-11-02 13:00', 'd-c', '2026-11-30 18:00');
    signedTicket(f, 'T2', '2026-11-02 09:00', 'd-a', '2026-11-30 18:00');
    expect(row(f, 'd-a')).toMatchObject({ assigned: 3, returned: 2, returnRate: 2 / 3 });
    expect(row(f, 'd-b')).toMatchObject({ assigned: 1, returned: 1, returnRate: 1 });
    expect(row(f, 'd-c')).toMatchObject({ assigned: 1, returned: 0, returnRate: 0 });
    // Returns are not in the score: d-a's responseRate is its only rate (3 sign-fors or returns on time of 3).
    expect(row(f, 'd-a').score).toBe(100);
    expect(row(f, 'd-a', { from: '2026-11-03', to: '2026-11-20' })).toMatchObject({ returned: 0, returnRate: null });
  });

  it('lists tickets returned twice or more, not closed, by returns then ticketId, with their route', () => {
    const f = new Feed();
    returnedTicket(f, 'T-b', ['d-a', 'd-b']);
    returnedTicket(f, 'T-a', ['d-b', 'd-a']);
    returnedTicket(f, 'T-c', ['d-a', 'd-b', 'd-a'], '2026-11-02', { kind: 'report', title: '举报某单位 13812345678' });
    returnedTicket(f, 'T-1', ['d-a']); // once: not bounced
    returnedTicket(f, 'T-x', ['d-a', 'd-b', 'd-c']);
    f.ev('ticket.closed', 'T-x', '2026-11-03 10:00', { direct: true }); // closed: left out
    returnedTicket(f, 'T-d', ['d-c', 'd-a'], '2026-11-02', { title: '电话13812345678' });
    f.assigned('T-d', '2026-11-03 09:00', 'd-b', '2026-11-30 18:00'); // with d-b now: still listed
    const s = buildSnapshot(f.state, f.rules, { asOf: ms(ASOF), builtAt: 0, wallNow: 0, seq: 1 });
    expect(s.bounced).toEqual([
      {
        ticketId: 'T-c',
        returns: 3,
        route: ['d-a', 'd-b', 'd-a'],
        district: '370902',
        category: ['城乡建设', '市政设施'],
        title: '城乡建设',
      },
      { ticketId: 'T-a', returns: 2, route: ['d-b', 'd-a'], district: '370902', category: ['城乡建设', '市政设施'], title: '标题T-a' },
      { ticketId: 'T-b', returns: 2, route: ['d-a', 'd-b'], district: '370902', category: ['城乡建设', '市政设施'], title: '标题T-b' },
      {
        ticketId: 'T-d',
        returns: 2,
        route: ['d-c', 'd-a'],
        district: '370902',
        category: ['城乡建设', '市政设施'],
        title: '电话138****5678',
      },
    ]);
    expect(detail(f, 'T-c').route).toEqual(['d-a', 'd-b', 'd-a']);
    const byB = listReturns(f.state, { deptId: 'd-b', offset: 0, limit: 10 });
    expect([byB.total, byB.items.map((i) => i.ticketId)]).toEqual([3, ['T-c', 'T-a', 'T-b']]);
    expect(listReturns(f.state, { offset: 0, limit: 10 }).total).toBe(5);
  });

  it('lists at most 20', () => {
    const f = new Feed();
    for (let i = 0; i < 22; i++) returnedTicket(f, `T${String(i).padStart(2, '0')}`, i === 21 ? ['d-a', 'd-b', 'd-a'] : ['d-a', 'd-b']);
    const s = buildSnapshot(f.state, f.rules, { asOf: ms(ASOF), builtAt: 0, wallNow: 0, seq: 1 });
    expect(s.bounced).toHaveLength(20);
    expect(s.bounced[0].ticketId).toBe('T21');
    expect(s.bounced.at(-1)!.ticketId).toBe('T18');
  });
});

describe('co-handling through the store', () => {
  it('keeps parts and routes in the stored ticket records', () => {
    const f = new Feed();
    signedTicket(f, 'T1', '2026-11-02 09:00', 'd-a', '2026-11-30 18:00');
    coassigned(f, 'T1', '2026-11-02 10:00', 'd-co', '2026-11-04 18:00');
    const c = takeChanges(f.state, f.rules);
    expect(JSON.parse(c.tickets.get('T1')!)).toMatchObject({
      co: [{ deptId: 'd-co', at: ms('2026-11-02 10:00'), dueAt: ms('2026-11-04 18:00'), endAt: null, coReplied: false }],
      route: null,
    });
    expect(JSON.parse(c.rollups.get('2026-11-02')!)['d-a']).toMatchObject({ returned: 0, coEnded: 0, coOnTime: 0 });
  });
});
