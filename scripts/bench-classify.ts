// npm run bench:classify: the category classifier (智能分类, shared/domain/analysis/classify.ts) on the
// simulator's traffic through the real core and the server's jieba segmenter: trained on the analysis
// window's days before the last `--test-days`, its first-level category accuracy printed on those
// held-out recent days, beside the majority-class baseline in the same run.
//   npx tsx scripts/bench-classify.ts [--days 35] [--test-days 7] [--per-day 600] [--seed S]
import { parseArgs } from 'node:util';
import { createRules, createState, makeContext, posteriors, processEntry, trainNaiveBayes, type Fact } from '../shared/domain/index.ts';
import { createSegmenter } from '../server/core/segmenter.ts';
import { loadConfig } from './lib/config.ts';
import { entryFields, generate } from './sim/index.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '35' },
    'test-days': { type: 'string', default: '7' },
    'per-day': { type: 'string', default: '600' },
    seed: { type: 'string', default: 'classify' },
  },
});
const days = Number(values.days);
const testDays = Number(values['test-days']);
const config = loadConfig();
const rules = createRules(config, { tz: 'Asia/Shanghai', clock: 'event', segment: createSegmenter(config.privacy) });
const start = Date.parse('2026-10-12T00:00:00+08:00');
const end = start + days * 86_400_000;
const state = createState({ trackChanges: false });
let i = 0;
for (const item of generate({
  seed: values.seed,
  start,
  end,
  districts: config.city.districts,
  ticketsPerDay: Number(values['per-day']),
})) {
  processEntry(state, rules, { id: `${1_000_000 + i++}-0`, fields: entryFields(item) }, 0);
}
const ctx = makeContext(rules, state.facts.values(), end - 1);
const split = ctx.today - testDays + 1;
const train: Fact[] = [];
const test: Fact[] = [];
for (const [day, facts] of ctx.byDay) for (const f of facts) if (f.words.length > 0) (day < split ? train : test).push(f);
const model = trainNaiveBayes(train.map((f) => ({ words: f.words, category: f.category[0] })));
let right = 0;
for (const f of test) if (posteriors(model, f.words)[0]?.category === f.category[0]) right++;
const counts = new Map<string, number>();
for (const f of train) counts.set(f.category[0], (counts.get(f.category[0]) ?? 0) + 1);
const majority = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
const baseline = test.filter((f) => f.category[0] === majority).length;
const pc = (n: number) => `${((100 * n) / Math.max(1, test.length)).toFixed(1)}%`;
console.log(
  `naive Bayes, first-level category: trained on ${train.length} tickets (${model.classes.size} categories, ${model.vocabulary} words), ` +
    `held-out last ${testDays} days ${test.length} tickets: accuracy ${pc(right)}; majority class (${majority}) ${pc(baseline)}`,
);
