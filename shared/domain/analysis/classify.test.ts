// Naive Bayes category suggestions, with a hand-worked posterior.
import { describe, expect, it } from 'vitest';
import { ms, rulesFor } from '../test/build.ts';
import { fact } from '../test/facts.ts';
import { decidingWords, posteriors, suggestCategories, trainNaiveBayes } from './classify.ts';
import { makeContext } from './context.ts';
import type { Ticket } from '../state.ts';

const ex = (category: string, ...words: string[]) => ({ category, words });

describe('naive Bayes', () => {
  const m = trainNaiveBayes([ex('城乡建设', '暖气', '不热'), ex('城乡建设', '暖气', '漏水'), ex('交通运输', '公交', '晚点')]);

  it('gives the hand-worked posterior', () => {
    // Vocabulary 5. 城乡建设: 2 docs, 4 tokens (暖气 2); 交通运输: 1 doc, 2 tokens.
    // Priors (add one): 3/5 and 2/5. P(暖气|城) = 3/9, P(暖气|交) = 1/7.
    // P(城|暖气) = (3/5 · 3/9) / (3/5 · 3/9 + 2/5 · 1/7) = 0.2 / (0.2 + 0.0571429) = 0.777778
    const p = posteriors(m, ['暖气']);
    expect(p[0].category).toBe('城乡建设');
    expect(p[0].p).toBeCloseTo(0.2 / (0.2 + 2 / 35), 9);
    expect(p[1].p).toBeCloseTo(1 - p[0].p, 12);
  });

  it('explains by the words that decided', () => {
    // ln P(公交|交) − ln P(公交|城) = ln(2/7) − ln(1/9) = 0.944462; 暖气 speaks the other way: left out.
    expect(decidingWords(m, ['公交', '暖气'], '交通运输', '城乡建设')).toEqual([
      { word: '公交', weight: expect.closeTo(Math.log(18 / 7), 9) },
    ]);
  });

  it("suggests a category for today's open ticket whose given one looks unlikely, not for a closed or fitting one", () => {
    const rules = rulesFor();
    const history = [];
    for (let i = 0; i < 20; i++) history.push(fact(`h${i}`, '2026-10-07 09:00', { category: ['城乡建设'], words: ['暖气', '不热'] }));
    for (let i = 0; i < 20; i++) history.push(fact(`b${i}`, '2026-10-07 10:00', { category: ['交通运输'], words: ['公交', '晚点'] }));
    const today = [
      fact('WRONG', '2026-10-08 09:00', { category: ['交通运输'], words: ['暖气', '不热'] }),
      fact('RIGHT', '2026-10-08 09:10', { category: ['城乡建设'], words: ['暖气', '不热'] }),
      fact('CLOSED', '2026-10-08 09:20', { category: ['交通运输'], words: ['暖气', '不热'] }),
    ];
    const open = new Set(['WRONG', 'RIGHT']);
    const ctx = makeContext(rules, [...history, ...today], ms('2026-10-08 12:00'), (id) =>
      open.has(id) ? ({ state: 'new', dueAt: null, deptId: null } as unknown as Ticket) : undefined,
    );
    const s = suggestCategories(ctx, trainNaiveBayes(history.map((f) => ({ words: f.words, category: f.category[0] }))));
    expect(s.map((x) => [x.ticketId, x.given, x.suggested])).toEqual([['WRONG', '交通运输', '城乡建设']]);
    expect(s[0].words.map((w) => w.word).sort()).toEqual(['不热', '暖气']);
    expect(s[0].givenP).toBeLessThan(0.05);
  });
});
