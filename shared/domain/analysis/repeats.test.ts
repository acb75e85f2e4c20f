// Repeat demands: the same caller or place about the same matter within 30 days; reopened and returned tickets.
import { describe, expect, it } from 'vitest';
import { ms, rulesFor } from '../test/build.ts';
import { fact } from '../test/facts.ts';
import { makeContext } from './context.ts';
import { findRepeats } from './repeats.ts';

const rules = rulesFor();
const gas = ['城乡建设', '燃气管理'];
const noise = ['生态环境', '噪声污染'];

describe('repeat demands', () => {
  const asOf = ms('2026-10-31 10:00');
  const facts = [
    // Caller h1 about gas three times in October (a repeat), and once 31 days before today (out of the window).
    fact('OLD', '2026-09-30 09:00', { caller: 'h1', category: gas }),
    fact('R1', '2026-10-02 09:00', { caller: 'h1', category: gas }),
    fact('R2', '2026-10-15 09:00', { caller: 'h1', category: gas }),
    fact('R3', '2026-10-31 08:00', { caller: 'h1', category: gas }),
    // The same caller about another matter once: no repeat for that matter.
    fact('X1', '2026-10-20 09:00', { caller: 'h1', category: noise }),
    // Another caller once.
    fact('X2', '2026-10-20 09:00', { caller: 'h2', category: gas }),
    // The same place, two callers, about noise: a place repeat.
    fact('P1', '2026-10-25 22:00', { place: '117.123000,36.198000', category: noise, district: '370911' }),
    fact('P2', '2026-10-26 22:30', { place: '117.123000,36.198000', category: noise, district: '370911' }),
    // Reopened twice, once; returned by d-1 twice and d-2 once; returned once only.
    fact('W1', '2026-10-10 09:00', { reopens: 2 }),
    fact('W2', '2026-10-11 09:00', { reopens: 1 }),
    fact('W3', '2026-10-12 09:00', { returns: ['d-1', 'd-2', 'd-1'] }),
    fact('W4', '2026-10-13 09:00', { returns: ['d-2'] }),
  ];

  it('groups the same caller and the same place about the same matter, with counts and ids only', () => {
    const r = findRepeats(makeContext(rules, facts, asOf), (id) => id, true);
    expect(r.items.filter((x) => x.type === 'caller' || x.type === 'place')).toEqual([
      {
        type: 'caller',
        matter: '城乡建设/燃气管理',
        deptId: null,
        deptName: null,
        district: '370902',
        districtName: '泰山区',
        count: 3,
        times: 3,
        first: '2026-10-02T09:00:00+08:00',
        last: '2026-10-31T08:00:00+08:00',
        open: 0,
        ticketIds: ['R1', 'R2', 'R3'],
      },
      {
        type: 'place',
        matter: '生态环境/噪声污染',
        deptId: null,
        deptName: null,
        district: '370911',
        districtName: '岱岳区',
        count: 2,
        times: 2,
        first: '2026-10-25T22:00:00+08:00',
        last: '2026-10-26T22:30:00+08:00',
        open: 0,
        ticketIds: ['P1', 'P2'],
      },
    ]);
    expect(JSON.stringify(r)).not.toMatch(/h1|h2|117\.12/);
  });

  it('lists tickets reopened twice and, by department, tickets returned twice', () => {
    const r = findRepeats(makeContext(rules, facts, asOf), (id) => `名${id}`, true);
    const pick = (type: string) =>
      r.items
        .filter((x) => x.type === type)
        .map(({ deptId, deptName, count, times, ticketIds }) => ({ deptId, deptName, count, times, ticketIds }));
    // W1 was never assigned: 未派单. W2 reopened once, W4 returned once: not listed.
    expect(pick('reopened')).toEqual([{ deptId: '', deptName: '未派单', count: 1, times: 2, ticketIds: ['W1'] }]);
    expect(pick('returned')).toEqual([
      { deptId: 'd-1', deptName: '名d-1', count: 1, times: 2, ticketIds: ['W3'] },
      { deptId: 'd-2', deptName: '名d-2', count: 1, times: 1, ticketIds: ['W3'] },
    ]);
  });
});
