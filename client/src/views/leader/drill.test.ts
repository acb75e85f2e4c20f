import { describe, expect, it } from 'vitest';
import type { TicketAnswer } from '@shared/contract/snapshot.ts';
import { breadcrumbs, CITY, down, drillFromQuery, drillLevel, drillQuery } from './drill.ts';
import { superviseApplied } from './supervise.ts';

const names = { district: (c: string) => ({ '370902': '泰山区' })[c] ?? c, dept: (id: string) => ({ 'd-01': '市住建局' })[id] ?? id };

describe('leader drill-down', () => {
  it('reads the drill from the query and ignores malformed ids', () => {
    expect(drillFromQuery({ token: 'l1', district: '370902', dept: 'd-01' })).toEqual({ district: '370902', dept: 'd-01', ticket: null });
    expect(drillFromQuery({ district: ['370911', '370902'], ticket: 'bad id<script>' })).toEqual({
      district: '370911',
      dept: null,
      ticket: null,
    });
    expect(drillLevel(CITY)).toBe('city');
  });

  it('keeps the token and other keys when it writes the query', () => {
    const q = drillQuery(
      { token: 'l1', wall: 'x', district: '370902', ticket: 'T1' },
      down.dept({ district: '370902', dept: null, ticket: 'T1' }, 'd-01'),
    );
    expect(q).toEqual({ token: 'l1', wall: 'x', district: '370902', dept: 'd-01' });
    expect(drillQuery({ token: 'l1', district: '370902' }, CITY)).toEqual({ token: 'l1' });
  });

  it('narrows the scope going down and names each crumb', () => {
    const d = down.ticket(down.dept(down.district('370902'), 'd-01'), 'T1');
    expect(drillLevel(d)).toBe('ticket');
    const c = breadcrumbs(d, names);
    expect(c.map((x) => x.label)).toEqual(['全市', '泰山区', '市住建局', '工单 T1']);
    expect(c.map((x) => x.current)).toEqual([false, false, false, true]);
    expect(c[2]!.to).toEqual({ district: '370902', dept: 'd-01', ticket: null });
    expect(breadcrumbs(down.ticket(CITY, 'T2'), names).map((x) => x.testid)).toEqual(['crumb-city', 'crumb-ticket']);
  });
});

describe('supervision applied', () => {
  const answer = (events: { type: string; detail?: Record<string, unknown> }[]): TicketAnswer =>
    ({
      ticket: {} as TicketAnswer['ticket'],
      timeline: events.map((e) => ({ at: '2026-11-29T10:00:00+08:00', detail: {}, ...e })),
    }) as TicketAnswer;

  it('is seen when the timeline gains a ticket.supervised event or names the event id', () => {
    const before = answer([{ type: 'ticket.created' }, { type: 'ticket.supervised' }]);
    expect(superviseApplied(before, before, 'sup-1')).toBe(false);
    expect(
      superviseApplied(before, answer([{ type: 'ticket.created' }, { type: 'ticket.supervised' }, { type: 'ticket.supervised' }]), 'sup-1'),
    ).toBe(true);
    expect(superviseApplied(before, answer([{ type: 'ticket.supervised', detail: { id: 'sup-1' } }]), 'sup-1')).toBe(true);
  });
});
