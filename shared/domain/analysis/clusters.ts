// 解决一类事: clusters of tickets that say the same thing in different words, near each other, close in
// time. Each ticket is a TF-IDF vector over its title's keywords (jieba tokens through topics.ts'
// rules: no names, no numbers, no stopwords; IDF over the window's tickets); two tickets are linked
// when their cosine similarity is at least `clusterSimilarity`, they are in the same district (and
// the same street when both name one), and were created at most `clusterGapHours` apart. A cluster
// is a connected group of links (single linkage) of at least `clusterMin` tickets.
import { HOUR } from '../time.ts';
import { factsBetween, iso, type AnalysisContext } from './context.ts';
import type { Fact } from './facts.ts';

export interface ClusterItem {
  /** The top words of the cluster (summed TF-IDF weight), most telling first. */
  label: string;
  words: string[];
  district: string;
  districtName: string;
  /** The street when all its tickets that name one name the same, else null. */
  street: string | null;
  count: number;
  first: string;
  last: string;
  /** Departments its tickets were assigned to, by tickets descending then id. */
  departments: Array<{ id: string; name: string; count: number }>;
  open: number;
  overdue: number;
  /** A few masked titles, never of a 举报 ticket. */
  samples: string[];
  ticketIds: string[];
}

type Vector = Map<string, number>;

/** TF-IDF vectors (unit length) of the facts' words, IDF = ln(N / df) + 1 over these facts. */
export function tfidf(facts: readonly Fact[]): Vector[] {
  const df = new Map<string, number>();
  for (const f of facts) for (const w of new Set(f.words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = facts.length;
  return facts.map((f) => {
    const v: Vector = new Map();
    for (const w of f.words) v.set(w, (v.get(w) ?? 0) + 1);
    let norm = 0;
    for (const [w, tf] of v) {
      const x = tf * (Math.log(n / df.get(w)!) + 1);
      v.set(w, x);
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [w, x] of v) v.set(w, x / norm);
    return v;
  });
}

export function cosine(a: Vector, b: Vector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let s = 0;
  for (const [w, x] of a) {
    const y = b.get(w);
    if (y !== undefined) s += x * y;
  }
  return s;
}

function find(parent: number[], i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

const SAMPLES = 3;
const LABEL_WORDS = 3;

export function findClusters(ctx: AnalysisContext, deptName: (id: string) => string): ClusterItem[] {
  const { rules } = ctx;
  const a = rules.config.analysis;
  const facts = factsBetween(ctx, ctx.today - a.clusterDays + 1, ctx.today).filter((f) => f.words.length > 0);
  const vectors = tfidf(facts);
  const parent = facts.map((_, i) => i);
  const gap = a.clusterGapHours * HOUR;
  // Only tickets sharing a word in the same district can be similar: an inverted index per district.
  const index = new Map<string, number[]>();
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    const seen = new Set<number>();
    for (const w of new Set(f.words)) {
      const key = `${f.district}|${w}`;
      const list = index.get(key) ?? [];
      for (const j of list) {
        if (seen.has(j)) continue;
        seen.add(j);
        const g = facts[j];
        if (f.street && g.street && f.street !== g.street) continue;
        if (Math.abs(f.at - g.at) > gap) continue;
        if (cosine(vectors[i], vectors[j]) + 1e-9 < a.clusterSimilarity) continue;
        parent[find(parent, i)] = find(parent, j);
      }
      list.push(i);
      index.set(key, list);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < facts.length; i++) {
    const r = find(parent, i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const out: ClusterItem[] = [];
  for (const members of groups.values()) {
    if (members.length < a.clusterMin) continue;
    const fs = members.map((i) => facts[i]);
    const weight = new Map<string, number>();
    for (const i of members) for (const [w, x] of vectors[i]) weight.set(w, (weight.get(w) ?? 0) + x);
    const words = [...weight]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, LABEL_WORDS)
      .map(([w]) => w);
    const streets = new Set(fs.flatMap((f) => (f.street ? [f.street] : [])));
    const depts = new Map<string, number>();
    for (const f of fs) for (const d of f.depts) depts.set(d, (depts.get(d) ?? 0) + 1);
    let open = 0;
    let overdue = 0;
    for (const f of fs) {
      const now = ctx.now(f.id);
      if (now.open) open++;
      if (now.overdue) overdue++;
    }
    const district = fs[0].district;
    out.push({
      label: words.join(' · '),
      words,
      district,
      districtName: rules.districtNames.get(district) ?? district,
      street: streets.size === 1 ? [...streets][0] : null,
      count: fs.length,
      first: iso(rules, fs[0].at),
      last: iso(rules, fs[fs.length - 1].at),
      departments: [...depts]
        .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .map(([id, count]) => ({ id, name: deptName(id), count })),
      open,
      overdue,
      samples: fs
        .filter((f) => f.kind !== 'report' && f.title !== null)
        .slice(-SAMPLES)
        .map((f) => f.title!),
      ticketIds: fs.slice(0, a.idsLimit).map((f) => f.id),
    });
  }
  out.sort((x, y) => y.count - x.count || (x.last > y.last ? -1 : x.last < y.last ? 1 : 0) || (x.label < y.label ? -1 : 1));
  return out.slice(0, a.listLimit);
}
