// Clusters of similar complaints: TF-IDF over keywords, cosine, same district and street, close in time.
import { describe, expect, it } from 'vitest';
import { ms, rulesFor } from '../test/build.ts';
import { fact } from '../test/facts.ts';
import { cosine, findClusters, tfidf } from './clusters.ts';
import { makeContext } from './context.ts';
import type { Fact } from './facts.ts';
import type { Ticket } from '../state.ts';

const rules = rulesFor();
const here = { district: '370902', street: '岱庙街道' };

function planted(): Fact[] {
  return [
    fact('A', '2026-10-06 09:00', { ...here, words: ['燃气', '异味'], title: '岱庙街道燃气异味', depts: ['d-gas'] }),
    fact('B', '2026-10-07 10:00', { ...here, words: ['燃气', '异味', '刺鼻'], title: '燃气异味刺鼻', depts: ['d-gas'] }),
    fact('C', '2026-10-08 08:00', { ...here, words: ['异味', '燃气', '泄漏'], kind: 'report', title: null, depts: ['d-safety'] }),
    fact('D', '2026-10-08 08:30', { ...here, words: ['暖气', '不热'] }),
    fact('E', '2026-10-08 08:40', { district: '370911', street: '岱庙街道', words: ['燃气', '异味'] }),
    fact('F', '2026-10-08 08:50', { district: '370902', street: '财源街道', words: ['燃气', '异味'] }),
    fact('G', '2026-10-11 09:00', { ...here, words: ['燃气', '异味'] }),
  ];
}

describe('TF-IDF and cosine', () => {
  it('match the hand-worked numbers', () => {
    const v = tfidf(planted());
    // 7 tickets; 燃气 and 异味 in 6: idf = ln(7/6) + 1 = 1.15415; 刺鼻 in 1: ln 7 + 1 = 2.94591.
    // cos(A, B) = 2 × 1.15415² / (√2 × 1.15415 × √(2 × 1.15415² + 2.94591²)) = 0.48464
    expect(cosine(v[0], v[1])).toBeCloseTo(0.48464, 4);
    expect(cosine(v[0], v[4])).toBeCloseTo(1, 9); // the same words
    expect(cosine(v[0], v[3])).toBe(0);
  });
});

describe('clusters', () => {
  it('join differently worded tickets of one street in three days, not other districts, streets or later days', () => {
    // At 2026-10-09 10:00 (7-day window) G is still to come; E is in another district, F on another street.
    const asOf = ms('2026-10-09 10:00');
    const open = new Set(['B', 'C']);
    const tickets = new Map<string, Partial<Ticket>>([
      ['B', { state: 'assigned', dueAt: ms('2026-10-08 10:00'), deptId: 'd-gas' }],
      ['C', { state: 'signed', dueAt: ms('2026-10-10 10:00'), deptId: 'd-safety' }],
    ]);
    const ctx = makeContext(rules, planted(), asOf, (id) => (open.has(id) ? (tickets.get(id) as Ticket) : undefined));
    const cs = findClusters(ctx, (id) => `名${id}`);
    expect(cs).toHaveLength(1);
    const c = cs[0];
    // A-B 0.485 and A-C 0.485 are >= 0.4 (B-C 0.235 is not: single linkage through A).
    expect(c.ticketIds).toEqual(['A', 'B', 'C']);
    expect(c.words.slice(0, 2).sort()).toEqual(['异味', '燃气']);
    expect(c).toMatchObject({ district: '370902', districtName: '泰山区', street: '岱庙街道', count: 3, open: 2, overdue: 1 });
    expect(c.first).toBe('2026-10-06T09:00:00+08:00');
    expect(c.last).toBe('2026-10-08T08:00:00+08:00');
    expect(c.departments).toEqual([
      { id: 'd-gas', name: '名d-gas', count: 2 },
      { id: 'd-safety', name: '名d-safety', count: 1 },
    ]);
    // The 举报 ticket C gives no sample.
    expect(c.samples).toEqual(['岱庙街道燃气异味', '燃气异味刺鼻']);
  });

  it('a ticket too far in time stays out: G joins none 3 days after the last', () => {
    const asOf = ms('2026-10-11 10:00');
    const cs = findClusters(makeContext(rules, planted(), asOf), (id) => id);
    expect(cs.map((c) => c.ticketIds)).toEqual([['A', 'B', 'C']]);
  });
});
