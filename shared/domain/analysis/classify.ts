// 智能分类: a multinomial naive Bayes over a ticket's title keywords (jieba tokens through the hot
// topics' rules), trained on the product's own history (tickets and the first-level category the
// centre gave them). P(c | words) ∝ P(c) · Π P(w | c), with add-one (Laplace) smoothing over the
// vocabulary. It suggests a category where the given one has posterior below `suggestBelow` and
// another at least `suggestAbove`; the deciding words are those with the largest
// ln P(w | suggested) − ln P(w | given).
import { iso, type AnalysisContext } from './context.ts';
import type { Fact } from './facts.ts';

export interface NaiveBayes {
  /** Training tickets. */
  docs: number;
  vocabulary: number;
  classes: Map<string, { docs: number; tokens: number; words: Map<string, number> }>;
}

export function trainNaiveBayes(examples: Iterable<{ words: readonly string[]; category: string }>): NaiveBayes {
  const classes: NaiveBayes['classes'] = new Map();
  const vocab = new Set<string>();
  let docs = 0;
  for (const ex of examples) {
    if (ex.words.length === 0) continue;
    docs++;
    let c = classes.get(ex.category);
    if (!c) classes.set(ex.category, (c = { docs: 0, tokens: 0, words: new Map() }));
    c.docs++;
    for (const w of ex.words) {
      vocab.add(w);
      c.tokens++;
      c.words.set(w, (c.words.get(w) ?? 0) + 1);
    }
  }
  return { docs, vocabulary: vocab.size, classes };
}

const lnPw = (m: NaiveBayes, c: { tokens: number; words: Map<string, number> }, w: string) =>
  Math.log(((c.words.get(w) ?? 0) + 1) / (c.tokens + m.vocabulary));

/** Posterior of every class, descending (then by name). Empty when the model knows no class. */
export function posteriors(m: NaiveBayes, words: readonly string[]): Array<{ category: string; p: number }> {
  const scores: Array<{ category: string; s: number }> = [];
  for (const [category, c] of m.classes) {
    let s = Math.log((c.docs + 1) / (m.docs + m.classes.size));
    for (const w of words) s += lnPw(m, c, w);
    scores.push({ category, s });
  }
  if (scores.length === 0) return [];
  const top = Math.max(...scores.map((x) => x.s));
  const sum = scores.reduce((acc, x) => acc + Math.exp(x.s - top), 0);
  return scores
    .map(({ category, s }) => ({ category, p: Math.exp(s - top) / sum }))
    .sort((a, b) => b.p - a.p || (a.category < b.category ? -1 : 1));
}

/** The words that speak most for `a` against `b`: ln P(w|a) − ln P(w|b), positive only, largest first. */
export function decidingWords(
  m: NaiveBayes,
  words: readonly string[],
  a: string,
  b: string,
  limit = 3,
): Array<{ word: string; weight: number }> {
  const ca = m.classes.get(a);
  const cb = m.classes.get(b);
  if (!ca) return [];
  const empty = { tokens: 0, words: new Map<string, number>() };
  return [...new Set(words)]
    .map((word) => ({ word, weight: lnPw(m, ca, word) - lnPw(m, cb ?? empty, word) }))
    .filter((x) => x.weight > 0)
    .sort((x, y) => y.weight - x.weight || (x.word < y.word ? -1 : 1))
    .slice(0, limit);
}

export interface Suggestion {
  ticketId: string;
  at: string;
  given: string;
  /** Posterior of the given first-level category. */
  givenP: number;
  suggested: string;
  p: number;
  /** The words that decided, with ln P(w|suggested) − ln P(w|given). */
  words: Array<{ word: string; weight: number }>;
}

/** The training set: the window's tickets before today, with keywords. */
export function trainingFacts(ctx: AnalysisContext): Fact[] {
  const out: Fact[] = [];
  for (const [day, facts] of ctx.byDay) if (day < ctx.today) for (const f of facts) if (f.words.length > 0) out.push(f);
  return out;
}

/** Suggestions for today's tickets still open whose given category looks unlikely. */
export function suggestCategories(ctx: AnalysisContext, model: NaiveBayes): Suggestion[] {
  const a = ctx.rules.config.analysis;
  const out: Suggestion[] = [];
  if (model.classes.size < 2) return out;
  for (const f of ctx.byDay.get(ctx.today) ?? []) {
    if (f.words.length === 0 || !ctx.now(f.id).open) continue;
    const post = posteriors(model, f.words);
    const given = f.category[0];
    const givenP = post.find((x) => x.category === given)?.p ?? 0;
    const best = post[0];
    if (best.category === given || givenP >= a.suggestBelow || best.p < a.suggestAbove) continue;
    out.push({
      ticketId: f.id,
      at: iso(ctx.rules, f.at),
      given,
      givenP,
      suggested: best.category,
      p: best.p,
      words: decidingWords(model, f.words, best.category, given),
    });
  }
  out.sort((x, y) => x.givenP - y.givenP || (x.ticketId < y.ticketId ? -1 : 1));
  return out.slice(0, a.listLimit);
}
