// npm run bench:ingest: the product draining a backlog, as a ratio to the raw reference measured in
// the same run on the same stream (issue 11: at least 50%). A private redis-server (appendonly, like
// the managed one) holds the simulator's days before timing; the reference drains them first with a
// consumer group of its own (scripts/lib/bench-stream.ts), then the real server (server/main.ts in
// its own process) drains them with its group, timed from its first /readyz 200 to the last entry
// made durable, counting only the entries it made durable in that time.
//   tsx scripts/bench-ingest.ts [--days N] [--per-day N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchClient, cpuOf, fmt, ratio, redisPid, referenceDrain, spawnServer, writeHistory } from './lib/bench-stream.ts';
import { startRedisChild } from './lib/redis-child.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '7' },
    'per-day': { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
  },
});
const days = Number(values.days);
const perDay = Number(values['per-day']);
const runs = Number(values.runs);
const TARGET = 0.5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'lianxin-bench-ingest-'));
const redis = await startRedisChild(dir);
const client = benchClient(redis.url);
await client.connect();
const rpid = await redisPid(client);

/** The product from an empty state: its keys and its consumer group gone, the stream as written. */
async function forgetProduct(): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: 'lianxin:main:*', COUNT: 1000 })) if (keys.length > 0) await client.del(keys);
  await client.del('hotline:events:rejected');
  await client.xGroupDestroy('hotline:events', 'lianxin:main').catch(() => undefined);
}

/** One drain by the real server, timed from its first /readyz 200; entries made durable per second. */
async function productDrain(
  entries: number,
  index: Map<string, number>,
): Promise<{ rate: number; made: number; before: number; seconds: number; cpuSeconds: number; redisCpu: number }> {
  const server = await spawnServer(redis.url, process.env.HOTLINE_CONFIG ? { HOTLINE_CONFIG: process.env.HOTLINE_CONFIG } : {});
  try {
    const position = async () => index.get((await client.hGet('lianxin:main:meta', 'position')) ?? '') ?? 0;
    const pid = server.child.pid!;
    const cpu0 = cpuOf(pid);
    const redis0 = cpuOf(rpid);
    const t0 = performance.now();
    const before = await position();
    let to = before;
    while (to < entries) {
      await new Promise((r) => setTimeout(r, 20));
      to = await position();
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpuSeconds = cpuOf(pid) - cpu0;
    return { rate: (to - before) / seconds, made: to - before, before, seconds, cpuSeconds, redisCpu: cpuOf(rpid) - redis0 };
  } finally {
    await server.kill('SIGTERM');
  }
}

try {
  const { entries, ids } = await writeHistory(client, { days, perDay });
  const index = new Map(ids.map((id, i) => [id, i + 1]));
  console.log(
    `wrote ${fmt(entries)} entries (${days} days, ${perDay} tickets a weekday) before timing; ${runs} runs, reference and product in turn`,
  );
  const ratios: number[] = [];
  const refs: number[] = [];
  const products: number[] = [];
  const costs: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const redis0 = cpuOf(rpid);
    const ref = await referenceDrain(redis.url);
    const refRedis = cpuOf(rpid) - redis0;
    await forgetProduct();
    const p = await productDrain(entries, index);
    refs.push(ref.rate);
    products.push(p.rate);
    ratios.push(p.rate / ref.rate);
    // CPU per entry (the process and Redis): what a busy shared machine changes least.
    const refCost = (ref.cpuSeconds + refRedis) / ref.entries;
    const cost = (p.cpuSeconds + p.redisCpu) / p.made;
    costs.push(refCost / cost);
    console.log(
      `run ${run}: reference ${fmt(ref.rate)} entries/s, product ${fmt(p.rate)} entries/s (${fmt(p.made)} made durable in ${p.seconds.toFixed(2)} s after /readyz, ${fmt(p.before)} before it): ${ratio(p.rate, ref.rate)}; ` +
        `CPU per entry ${(refCost * 1e6).toFixed(1)} µs vs ${(cost * 1e6).toFixed(1)} µs (server ${((p.cpuSeconds / p.made) * 1e6).toFixed(1)}, Redis ${((p.redisCpu / p.made) * 1e6).toFixed(1)}): ${ratio(refCost, cost)}`,
    );
  }
  console.log(`raw reference (XREADGROUP COUNT 1000 + JSON.parse + counters + pipelined XACK): median ${fmt(median(refs))} entries/s`);
  console.log(`the product draining the backlog (appendonly, made durable): median ${fmt(median(products))} entries/s`);
  console.log(`  = ${median(ratios).toFixed(2)}× the reference (median of the runs' ratios); target at least ${TARGET.toFixed(2)}×`);
  console.log(
    `  by CPU per entry (server + Redis against reference + Redis): ${median(costs).toFixed(2)}× the reference (less sensitive to a busy machine)`,
  );
} finally {
  await client.quit();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
