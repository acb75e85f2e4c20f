// The barometer (晴雨表, 研判): one answer from the analysis facts, the clock passed in.
// GET /api/v1/analysis answers analyse(...) as JSON; the leader's 研判 page reads it.
import type { Rules } from '../rules.ts';
import type { CoreState } from '../state.ts';
import { dateOfDay } from '../time.ts';
import { suggestCategories, trainingFacts, trainNaiveBayes, type NaiveBayes, type Suggestion } from './classify.ts';
import { findClusters, type ClusterItem } from './clusters.ts';
import { makeContext, type AnalysisContext } from './context.ts';
import { findRepeats, type RepeatItem } from './repeats.ts';
import { findSpikes, type Spike, type SpikesAnswer } from './spikes.ts';
import { findRisks, monthlyCandidates, type MonthlyItem, type RiskItem } from './trends.ts';

export * from './classify.ts';
export * from './clusters.ts';
export * from './context.ts';
export * from './facts.ts';
export * from './poisson.ts';
export * from './repeats.ts';
export * from './spikes.ts';
export * from './trends.ts';

export interface AnalysisAnswer {
  /** The local date analysed, and the moment "today so far" ends (asOf, or that date's end). */
  date: string;
  asOf: string;
  /** The window of facts the analysis holds: its first date and how many tickets. */
  window: { from: string; tickets: number };
  /** The rules in force (config analysis), for the 口径说明. */
  rules: Rules['config']['analysis'];
  baseline: SpikesAnswer['baseline'];
  notes: string[];
  /** Keys tested for a spike (at least spikeMinCount tickets today). */
  tested: number;
  spikes: Spike[];
  clusters: ClusterItem[];
  repeats: RepeatItem[];
  risks: RiskItem[];
  monthly: MonthlyItem[];
  suggestions: Suggestion[];
  /** The classifier: training tickets and categories. */
  classifier: { trainedOn: number; categories: number };
}

/** The context of the core's state at `asOf`: its facts, its open tickets. */
export function contextOf(state: CoreState, rules: Rules, asOf: number): AnalysisContext {
  return makeContext(rules, state.facts.values(), asOf, (id) => state.tickets.get(id));
}

export function deptNameOf(state: CoreState, rules: Rules): (id: string) => string {
  return (id) => rules.config.deptNames[id] ?? state.depts.get(id)?.name ?? id;
}

/**
 * Every list at once. `model` is a classifier trained earlier (the server retrains it hourly);
 * without one it is trained here on the window's days before today.
 */
export function analyse(state: CoreState, rules: Rules, asOf: number, model?: NaiveBayes): AnalysisAnswer {
  const ctx = contextOf(state, rules, asOf);
  const deptName = deptNameOf(state, rules);
  const spikes = findSpikes(ctx);
  const m = model ?? trainNaiveBayes(trainingFacts(ctx).map((f) => ({ words: f.words, category: f.category[0] })));
  const repeats = findRepeats(ctx, deptName, rules.hashPhone !== undefined);
  const notes: string[] = [];
  if (spikes.note) notes.push(spikes.note);
  if (!repeats.callersCompared) notes.push('未配置 HOTLINE_ANALYSIS_SECRET：不比对来电人（callers are not compared without a key）');
  let first = Infinity;
  for (const f of state.facts.values()) {
    first = f.at;
    break;
  }
  return {
    date: dateOfDay(ctx.today),
    asOf: rules.zone.format(asOf),
    window: { from: first === Infinity ? dateOfDay(ctx.today) : dateOfDay(rules.zone.dayOf(first)), tickets: state.facts.size },
    rules: rules.config.analysis,
    baseline: spikes.baseline,
    notes,
    tested: spikes.tested,
    spikes: spikes.spikes,
    clusters: findClusters(ctx, deptName),
    repeats: repeats.items,
    risks: findRisks(ctx, new Set(spikes.spikes.map((s) => s.key))),
    monthly: monthlyCandidates(ctx),
    suggestions: suggestCategories(ctx, m),
    classifier: { trainedOn: m.docs, categories: m.classes.size },
  };
}
