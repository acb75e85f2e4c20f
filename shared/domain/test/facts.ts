// Test helpers for the analysis: hand-made facts, no events needed.
import type { Fact } from '../analysis/facts.ts';
import { ms } from './build.ts';

export function fact(id: string, at: string, extra: Partial<Fact> = {}): Fact {
  return {
    id,
    at: ms(at),
    kind: 'complaint',
    category: ['城乡建设', '市政设施'],
    district: '370902',
    street: null,
    place: null,
    words: [],
    caller: null,
    title: `标题${id}`,
    depts: [],
    reopens: 0,
    returns: [],
    ...extra,
  };
}

/** `n` facts on a local date at a time, ids `${prefix}-${date}-${i}`, one minute apart. */
export function many(prefix: string, n: number, date: string, time: string, extra: Partial<Fact> = {}): Fact[] {
  const out: Fact[] = [];
  const start = ms(`${date} ${time}`);
  for (let i = 0; i < n; i++) {
    const f = fact(`${prefix}-${date}-${i}`, `${date} ${time}`, extra);
    f.at = start + i * 60_000;
    out.push(f);
  }
  return out;
}
