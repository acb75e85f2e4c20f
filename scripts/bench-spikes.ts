// npm run bench:spikes: the spike test's false-alarm rate on quiet simulated history (no surge
// planted). 60 topics with steady daily rates (0.5 to 50 tickets a day), fewer on rest days (×0.5),
// holidays (×0.3), make-up days (×0.9), by a daytime hourly profile, over 150 days of the real
// calendar; every day after the first 60 is tested at 10:00, 14:00, 18:00 and 23:59. Printed: keys
// tested, false alarms, the rate per test and per day. Twice: counts exactly Poisson, and
// overdispersed (each day's rate × a gamma factor with a 20% coefficient of variation, as real days
// vary), so the README can state both.
//   npx tsx scripts/bench-spikes.ts [--seed N]
import { parseArgs } from 'node:util';
import { defaultConfig } from '../shared/config.ts';
import { createRules, findSpikes, makeContext, type Fact } from '../shared/domain/index.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '7' } } });
let seed = Number(values.seed) >>> 0;
const rand = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const poisson = (l: number) => {
  const limit = Math.exp(-l);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
};
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
/** Gamma(shape k, mean 1) by Marsaglia-Tsang (k >= 1). */
const gamma1 = (k: number) => {
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal();
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / k;
  }
};

const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event' });
const { zone, calendar } = rules;
const KIND = { working: 1, rest: 0.5, holiday: 0.3, makeup: 0.9 } as const;
// Share of a day's tickets per hour: quiet at night, busy 8-18.
const PROFILE = Array.from({ length: 24 }, (_, h) => (h < 7 ? 0.2 : h < 8 ? 1 : h < 18 ? 2 : h < 22 ? 1 : 0.4));
const PROFILE_SUM = PROFILE.reduce((s, x) => s + x, 0);
const RATES = [0.5, 1, 2, 5, 10, 20, 50];
const TOPICS = 60;
const DAYS = 150;
const WARMUP = 60;
const TIMES = ['10:00', '14:00', '18:00', '23:59'];
const districts = rules.config.city.districts.map((d) => d.code);

function run(overdispersed: boolean) {
  const first = zone.dayOf(Date.parse('2026-05-01T00:00:00+08:00'));
  const rates = Array.from({ length: TOPICS }, (_, i) => RATES[i % RATES.length]);
  const facts: Fact[] = [];
  let n = 0;
  for (let d = first; d < first + DAYS; d++) {
    const start = zone.startOfDay(d);
    const mult = KIND[calendar.dayKind(d)];
    for (let k = 0; k < TOPICS; k++) {
      const dayRate = rates[k] * mult * (overdispersed ? gamma1(25) : 1);
      for (let h = 0; h < 24; h++) {
        const c = poisson((dayRate * PROFILE[h]) / PROFILE_SUM);
        for (let i = 0; i < c; i++) {
          facts.push({
            id: `S${n++}`,
            at: start + h * 3_600_000 + Math.floor(rand() * 3_600_000),
            kind: 'complaint',
            category: [`类${k}`],
            district: districts[k % districts.length],
            street: null,
            place: null,
            words: [`词${k}`],
            caller: null,
            title: null,
            depts: [],
            reopens: 0,
            returns: [],
          });
        }
      }
    }
  }
  facts.sort((a, b) => a.at - b.at);
  let tests = 0;
  let alarms = 0;
  let checks = 0;
  const daysWithAlarm = new Set<number>();
  for (let d = first + WARMUP; d < first + DAYS; d++) {
    for (const hm of TIMES) {
      const asOf = Date.parse(`${new Date(d * 86_400_000).toISOString().slice(0, 10)}T${hm}:00+08:00`);
      const r = findSpikes(makeContext(rules, facts, asOf));
      checks++;
      tests += r.tested;
      alarms += r.spikes.length;
      if (r.spikes.length > 0) daysWithAlarm.add(d);
    }
  }
  const a = rules.config.analysis;
  const days = DAYS - WARMUP;
  console.log(
    `${overdispersed ? 'overdispersed (gamma, cv 20%)' : 'Poisson'}: alpha ${a.alpha}, min count ${a.spikeMinCount}, min ratio ${a.spikeMinRatio}, ` +
      `${a.baselineDays} comparable days; ${days} days × ${TIMES.length} checks: ${tests} key tests, ${alarms} false alarms ` +
      `= ${(alarms / Math.max(1, tests)).toExponential(2)} per test, ${(alarms / checks).toFixed(3)} per check, ` +
      `${daysWithAlarm.size} of ${days} days with any`,
  );
}

run(false);
run(true);
