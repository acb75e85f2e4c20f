// npm run bench: how fast the pure core is, on simulated traffic generated before any timing.
//   node --expose-gc --import tsx scripts/bench-core.ts [--events N] [--per-day N] [--seed S]
// (a) JSON.parse and zod validation, (b) applyEvent, (c) heap per open ticket after a forced GC,
// (d) buildSnapshot with that many open tickets, (e) rankings for a past month. (b) is the core alone,
// with no segmenter (no hot-topic keywords); (a+)/(b+) add the server's jieba segmenter.
// Clock: HOTLINE_CLOCK=event semantics (asOf = the largest `at` applied).
import { parseArgs } from 'node:util';
import { makeEventSchema, type HotlineEvent } from '../shared/contract/events.ts';
import {
  applyEvent,
  asOfMs,
  buildSnapshot,
  createRules,
  createState,
  eventKeywords,
  maskText,
  rankings,
  releaseDurable,
} from '../shared/domain/index.ts';
import { createSegmenter } from '../server/core/segmenter.ts';
import { loadConfig } from './lib/config.ts';
import { entryFields, generate, isoLocal, parseLocalDate } from './sim/index.ts';

const TARGET_APPLY_PER_SEC = 200_000;
const TARGET_BYTES_PER_OPEN = 1024;

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    'per-day': { type: 'string', default: '2000' },
    seed: { type: 'string', default: 'bench' },
    start: { type: 'string', default: '2026-01-01' },
  },
});
const N = Number(values.events);
const perDay = Number(values['per-day']);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('note: run with node --expose-gc for the memory figures (npm run bench does)');
const heapAfterGc = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');
/** `figure / target` and whether it meets the target (more is better, or less is better). */
const verdict = (figure: number, target: number, more: boolean) =>
  `${(figure / target).toFixed(2)}x the target, ${(more ? figure >= target : figure <= target) ? 'meets it' : 'MISSES it'}`;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

const config = loadConfig();
const codes = config.city.districts.map((d) => d.code);
const baseHeap = heapAfterGc();

// Generate before timing anything.
const start = parseLocalDate(values.start);
// eslint-disable-next-line prefer-const -- the array is let go (set to null) before timing the next part
let [raws, genMs] = time(() => {
  const out: string[] = [];
  for (const it of generate({ seed: values.seed, start, districts: config.city.districts, ticketsPerDay: perDay })) {
    const f = entryFields(it);
    if (f.event !== undefined) out.push(f.event);
    if (out.length >= N) break;
  }
  return out;
});
console.log(`generated ${fmt(raws.length)} entries (${perDay} tickets/weekday from ${values.start}) in ${(genMs / 1000).toFixed(1)} s`);

// (a) parse and validate.
const schema = makeEventSchema(codes);
// eslint-disable-next-line prefer-const -- the array is let go (set to null) before timing the next part
let [parsed, parseMs] = time(() => {
  const out: unknown[] = new Array(raws.length);
  for (let i = 0; i < raws.length; i++) {
    try {
      out[i] = JSON.parse(raws[i]);
    } catch {
      out[i] = null;
    }
  }
  return out;
});
// eslint-disable-next-line prefer-const -- the array is let go (set to null) before timing the next part
let [events, validateMs] = time(() => {
  const out: HotlineEvent[] = [];
  for (const v of parsed) {
    const r = schema.safeParse(v);
    if (r.success) out.push(r.data);
  }
  return out;
});
const entries = raws.length;
raws = [];
parsed = [];
console.log(`(a) JSON.parse:      ${fmt(rate(entries, parseMs))} entries/s (${(parseMs / 1000).toFixed(2)} s)`);
console.log(
  `    zod validation:  ${fmt(rate(entries, validateMs))} entries/s (${(validateMs / 1000).toFixed(2)} s), ${fmt(events.length)} valid`,
);
console.log(`    both:            ${fmt(rate(entries, parseMs + validateMs))} entries/s`);

// (a') masking, as ingest does it to each created ticket's title with its citizen (privacy.ts), on the
// generated titles (a few carry a phone or ID number): the best of three runs, and its share of (a).
{
  const titles = events.flatMap((e) => (e.type === 'ticket.created' ? [[e.title, e.citizen] as const] : []));
  const maskRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    const [, ms] = time(() => {
      let n = 0;
      for (const [title, citizen] of titles) n += maskText(title, citizen).length;
      return n;
    });
    maskRuns.push(ms);
  }
  const maskMs = Math.min(...maskRuns);
  console.log(
    `(a') masking titles: ${fmt(rate(titles.length, maskMs))} titles/s (${fmt(titles.length)} titles, ${(maskMs / 1000).toFixed(2)} s), ` +
      `${((maskMs / (parseMs + validateMs)) * 100).toFixed(1)}% of the time (a) takes for all entries`,
  );
}

// (b) apply: three runs on fresh states (the machine may be busy); the best counts, the last is kept.
const rules = createRules(config, { tz: 'Asia/Shanghai', clock: 'event' });
const applyOnce = () => {
  const st = createState({ trackChanges: false });
  const outcomes = { applied: 0, duplicate: 0, rejected: 0 };
  const [, ms] = time(() => {
    for (const e of events) {
      const o = applyEvent(st, rules, e);
      outcomes[o.kind === 'duplicate' ? 'duplicate' : o.kind]++;
    }
  });
  return { st, outcomes, ms };
};
const runsMs: number[] = [];
let last: ReturnType<typeof applyOnce> | null;
for (let i = 0; i < 3; i++) {
  // eslint-disable-next-line no-useless-assignment -- let the previous run's state go before the next one
  last = null;
  heapAfterGc();
  last = applyOnce();
  runsMs.push(last.ms);
}
const { st: state, outcomes } = last!;
const applied = events.length;
const applyRate = rate(applied, Math.min(...runsMs));
console.log(
  `(b) applyEvent, no segmenter (no keywords): ${fmt(applyRate)} events/s   target >= ${fmt(TARGET_APPLY_PER_SEC)}: ${verdict(applyRate, TARGET_APPLY_PER_SEC, true)}`,
);
console.log(
  `    runs: ${runsMs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}; ${fmt(outcomes.applied)} applied, ${fmt(outcomes.duplicate)} duplicates, ${fmt(outcomes.rejected)} rejected`,
);

// (a+)/(b+) the hot topics' cost, as the server runs: keywords are taken when an entry is parsed
// (jieba on the masked title, beside validation), then applying counts them for the last few days.
// What the run leaves on the heap (compiled code, jieba's dictionary) is measured and kept out of (c).
const beforeSegmenter = heapAfterGc();
{
  const segment = createSegmenter();
  const seg = createRules(config, { tz: 'Asia/Shanghai', clock: 'event', segment });
  const created = events.filter((e) => e.type === 'ticket.created').length;
  const [keywords, kwMs] = time(() => events.map((e) => eventKeywords(seg, e)));
  const words = keywords.reduce((n, k) => n + k.length, 0);
  const st = createState({ trackChanges: false });
  const [, segApplyMs] = time(() => {
    for (let i = 0; i < events.length; i++) applyEvent(st, seg, events[i], undefined, keywords[i]);
  });
  const at = asOfMs(st, seg, Date.now())!;
  const snapOnce = () => buildSnapshot(st, seg, { asOf: at, builtAt: Date.now(), wallNow: Date.now(), seq: 1 });
  snapOnce();
  const [snap, segSnapMs] = time(() => {
    let r = snapOnce();
    for (let i = 1; i < 20; i++) r = snapOnce();
    return r;
  });
  // The keywords' share of the heap: the state with them, then without them.
  const withKw = heapAfterGc();
  let kwWords = 0;
  for (const d of st.topics.values()) kwWords += Object.keys(d.keywords).length;
  const topicDays = st.topics.size;
  st.topics.clear();
  const kwHeap = withKw - heapAfterGc();
  const applySeg = rate(applied, segApplyMs);
  console.log(
    `(a+) hot-topic keywords at parse time (jieba, masked titles): ${fmt(rate(created, kwMs))} titles/s, ` +
      `${(words / Math.max(1, created)).toFixed(1)} keywords each; parse + validation + keywords: ${fmt(rate(entries, parseMs + validateMs + kwMs))} entries/s`,
  );
  console.log(
    `(b+) applyEvent counting the keywords: ${fmt(applySeg)} events/s   target >= ${fmt(TARGET_APPLY_PER_SEC)}: ${verdict(applySeg, TARGET_APPLY_PER_SEC, true)}`,
  );
  console.log(
    `     buildSnapshot with hot topics and clusters ${(segSnapMs / 20).toFixed(1)} ms (${snap.hotTopics.length} hot topics, ${snap.clusters.length} clusters); ` +
      `keywords kept for ${topicDays} days: ${mb(kwHeap)} (${fmt(Math.round(kwWords / Math.max(1, topicDays)))} words a day)`,
  );
}
const segmenterResidue = Math.max(0, heapAfterGc() - beforeSegmenter);
events = [];

// (c) memory: first as an in-process replay holds it (every ticket, every id of the retention),
// then as the server holds it, which lets closed tickets and old ids live in Redis only
// (releaseDurable, shared/domain/memory.ts) and loads back the few a batch names.
const open = state.open.size;
const fullHeap = heapAfterGc() - baseHeap - segmenterResidue;
console.log(
  `(c) heap, everything kept (replay): ${mb(fullHeap)} for ${fmt(state.tickets.size)} tickets, ${fmt(open)} open, ${fmt(state.ids.size)} ids` +
    `${gc ? '' : ' (no --expose-gc: rough)'}; per ticket held ${fmt(Math.round(fullHeap / Math.max(1, state.tickets.size)))} B`,
);
const released = releaseDurable(state, rules);
const serverHeap = heapAfterGc() - baseHeap - segmenterResidue;
const perOpen = serverHeap / Math.max(1, open);
console.log(
  `    heap as the server holds it: ${mb(serverHeap)} (${fmt(released.tickets)} closed tickets and ${fmt(released.ids)} ids left to Redis; ` +
    `${fmt(state.tickets.size)} tickets, ${fmt(state.ids.size)} ids and ${fmt(state.rollups.size)} days of rollups in memory)`,
);
console.log(`    (not counted: ${mb(segmenterResidue)} that the (b+) run left on the heap)`);
console.log(
  `    per open ticket: ${fmt(Math.round(perOpen))} B   target <= ${TARGET_BYTES_PER_OPEN} B: ${verdict(perOpen, TARGET_BYTES_PER_OPEN, false)}`,
);

// (d) snapshot, (e) rankings of the month before asOf's.
const asOf = asOfMs(state, rules, Date.now())!;
const runs = 20;
const [, snapMs] = time(() => {
  for (let i = 0; i < runs; i++) buildSnapshot(state, rules, { asOf, builtAt: Date.now(), wallNow: Date.now(), seq: i + 1, notices: [] });
});
const snap = buildSnapshot(state, rules, { asOf, builtAt: Date.now(), wallNow: Date.now(), seq: 1, notices: [] });
console.log(
  `(d) buildSnapshot:   ${(snapMs / runs).toFixed(1)} ms (asOf ${isoLocal(asOf)}, ${fmt(snap.open)} open, ${fmt(snap.overdue)} red, ${snap.departments.length} departments)`,
);
const asOfDate = isoLocal(asOf).slice(0, 10);
const firstOfMonth = parseLocalDate(`${asOfDate.slice(0, 8)}01`);
const lastMonthEnd = isoLocal(firstOfMonth - 1000).slice(0, 10);
const period = { from: `${lastMonthEnd.slice(0, 8)}01`, to: lastMonthEnd };
const [ranked, rankMs] = time(() => {
  let r;
  for (let i = 0; i < runs; i++) r = rankings(state, rules, period, asOf);
  return r!;
});
console.log(
  `(e) rankings ${period.from}..${period.to}: ${(rankMs / runs).toFixed(1)} ms (${ranked.departments.length} departments, with the previous period)`,
);
