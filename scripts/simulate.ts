// npm run simulate -- [--speed N] [--day YYYY-MM-DD] [--max-events N] [--seed S] [--per-day N] [--no-backfill]
// Writes the simulated hotline to REDIS_URL's stream HOTLINE_STREAM (see lib/run-simulator.ts).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runSimulator } from './lib/run-simulator.ts';

export { runSimulator, type SimulatorOptions, type SimulatorHandle } from './lib/run-simulator.ts';

const USAGE = `usage: npm run simulate -- [options]
  --speed N        live: arrivals at N times the usual rate, event times = now (default 1)
  --day YYYY-MM-DD write that whole day (Asia/Shanghai) as fast as Redis takes it, then exit
  --max-events N   stop after N entries
  --seed S         same seed, same traffic and ids (default lianxin)
  --per-day N      mean tickets on a weekday (default 600)
  --no-backfill    live on an empty stream: do not back-fill the month so far
env: REDIS_URL (default redis://127.0.0.1:6379), HOTLINE_STREAM (default hotline:events), HOTLINE_CONFIG`;

function positive(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > 0)) {
    console.error(`--${name} must be a positive number, got ${v}\n${USAGE}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        speed: { type: 'string' },
        day: { type: 'string' },
        'max-events': { type: 'string' },
        seed: { type: 'string' },
        'per-day': { type: 'string' },
        'no-backfill': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sim = runSimulator({
    speed: positive('speed', values.speed),
    day: values.day,
    maxEvents: positive('max-events', values['max-events']),
    seed: values.seed,
    ticketsPerDay: positive('per-day', values['per-day']),
    backfill: !values['no-backfill'],
  });
  const stop = () => void sim.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const r = await sim.done;
  console.log(`sim: wrote ${r.written} entries${r.lastAt ? `, last at ${r.lastAt}` : ''}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: Error) => {
    console.error(`sim: ${err.message}`);
    process.exit(1);
  });
}
