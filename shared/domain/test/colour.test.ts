import { describe, expect, it } from 'vitest';
import { assess, moment } from '../index.ts';
import { Feed, expectApplied, ms } from './build.ts';

function ticketAt(f: Feed, id: string, asOf: string) {
  return assess(f.rules, moment(f.rules, ms(asOf)), f.state.tickets.get(id)!);
}

describe('ticket colours (三色亮牌)', () => {
  it('turns a normal ticket yellow across a weekend when one working day is left', () => {
    const f = new Feed();
    f.created('T1', '2026-11-25 09:00');
    expectApplied(f.assigned('T1', '2026-11-25 10:00', 'd-a', '2026-11-30 17:00'));
    f.ev('ticket.signed', 'T1', '2026-11-25 11:00', { deptId: 'd-a' });
    // Thursday: the next working day is Friday, ending Saturday 00:00 < Monday 17:00.
    expect(ticketAt(f, 'T1', '2026-11-26 10:00')).toMatchObject({ colour: 'green', level: 0 });
    // Friday: the next working day is Monday, ending Tuesday 00:00 ≥ Monday 17:00.
    expect(ticketAt(f, 'T1', '2026-11-27 10:00')).toMatchObject({ colour: 'yellow', reason: 'due-soon', auto: 1 });
    // Monday 17:01: red, the moment the deadline passes.
    expect(ticketAt(f, 'T1', '2026-11-30 17:01')).toMatchObject({ colour: 'red', reason: 'overdue', auto: 2 });
  });

  it('counts a make-up Saturday as the next working day', () => {
    const f = new Feed();
    f.created('T1', '2026-10-08 09:00');
    f.assigned('T1', '2026-10-08 10:00', 'd-a', '2026-10-12 09:00', { signDueAt: '2026-10-08T18:00:00+08:00' });
    f.ev('ticket.signed', 'T1', '2026-10-08 11:00', { deptId: 'd-a' });
    // Friday 10-09: next working day is Saturday 10-10 (调休), ending Sunday 00:00 < Monday 09:00.
    expect(ticketAt(f, 'T1', '2026-10-09 10:00').colour).toBe('green');
    // Saturday 10-10: next working day is Monday 10-12, ending Tuesday 00:00.
    expect(ticketAt(f, 'T1', '2026-10-10 10:00').colour).toBe('yellow');
  });

  it('warns of a missed sign-for deadline before the handling deadline', () => {
    const f = new Feed();
    f.created('T1', '2026-11-20 09:00');
    f.assigned('T1', '2026-11-20 09:00', 'd-a', '2026-12-10 09:00'); // default sign-for: Monday 09:00
    expect(ticketAt(f, 'T1', '2026-11-23 08:59').colour).toBe('green');
    expect(ticketAt(f, 'T1', '2026-11-23 09:01')).toMatchObject({ colour: 'yellow', reason: 'sign-overdue' });
    f.ev('ticket.signed', 'T1', '2026-11-23 10:00', { deptId: 'd-a' });
    expect(ticketAt(f, 'T1', '2026-11-23 11:00').colour).toBe('green');
  });

  it('uses the 25% rule and the 30-minute sign-for for urgent tickets', () => {
    const f = new Feed();
    f.created('U1', '2026-11-20 08:00', { urgency: 'urgent' });
    f.assigned('U1', '2026-11-20 08:00', 'd-a', '2026-11-20 16:00'); // 8 h; yellow from 14:00
    expect(ticketAt(f, 'U1', '2026-11-20 08:29').colour).toBe('green');
    expect(ticketAt(f, 'U1', '2026-11-20 08:31').reason).toBe('sign-overdue');
    f.ev('ticket.signed', 'U1', '2026-11-20 08:20', { deptId: 'd-a' });
    expect(ticketAt(f, 'U1', '2026-11-20 13:59').colour).toBe('green');
    expect(ticketAt(f, 'U1', '2026-11-20 14:00')).toMatchObject({ colour: 'yellow', reason: 'due-soon' });
  });

  it('moves the deadline with an extension made before it', () => {
    const f = new Feed();
    f.created('T1', '2026-11-02 09:00');
    f.assigned('T1', '2026-11-02 09:00', 'd-a', '2026-11-05 09:00');
    f.ev('ticket.signed', 'T1', '2026-11-02 10:00', { deptId: 'd-a' });
    expectApplied(
      f.ev('ticket.extended', 'T1', '2026-11-04 10:00', { deptId: 'd-a', dueAt: '2026-11-12T09:00:00+08:00', reason: '需协调' }),
    );
    expect(ticketAt(f, 'T1', '2026-11-06 10:00').colour).toBe('green');
    expect(ticketAt(f, 'T1', '2026-11-12 09:01').colour).toBe('red');
  });
});

describe('five-level supervision (五级督办)', () => {
  const f = new Feed();
  f.created('T1', '2026-10-30 09:00');
  f.assigned('T1', '2026-10-30 09:00', 'd-a', '2026-11-02 17:00');
  f.ev('ticket.signed', 'T1', '2026-10-30 10:00', { deptId: 'd-a' });

  it.each([
    ['2026-11-02 18:00', 2], // red, 0 overdue working days
    ['2026-11-04 10:00', 2], // 2 working days
    ['2026-11-05 10:00', 3], // 3
    ['2026-11-08 10:00', 3], // 4 (Sunday adds none)
    ['2026-11-09 10:00', 4], // 5
    ['2026-11-13 10:00', 4], // 9
    ['2026-11-16 10:00', 5], // 10
  ])('at %s the automatic level is %i', (asOf, level) => {
    expect(ticketAt(f, 'T1', asOf).auto).toBe(level);
  });

  it('keeps a manual level above the automatic one, and never lowers it', () => {
    expectApplied(f.ev('ticket.supervised', 'T1', '2026-11-03 10:00', { level: 4, by: 'leader' }));
    expect(ticketAt(f, 'T1', '2026-11-03 12:00')).toMatchObject({ auto: 2, level: 4 });
    expectApplied(f.ev('ticket.supervised', 'T1', '2026-11-03 11:00', { level: 1, by: 'leader' }));
    expect(ticketAt(f, 'T1', '2026-11-03 12:00').level).toBe(4);
    expect(ticketAt(f, 'T1', '2026-11-16 10:00').level).toBe(5);
  });
});
