// npm run bench:ingest: the live path at full speed. A private redis-server (appendonly, like the
// managed one), the real server with its consumer group, and the simulator's days written to the
// stream before timing; then the time until the server has made the last entry durable.
//   tsx scripts/bench-ingest.ts [--days N] [--per-day N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { startServer } from '../server/app.ts';
import { silentLogger } from '../server/util/log.ts';
import { defaultConfig } from '../shared/config.ts';
import { startRedisChild } from './lib/redis-child.ts';
import { entryFields, generate } from './sim/index.ts';

const { values } = parseArgs({ options: { days: { type: 'string', default: '7' }, 'per-day': { type: 'string', default: '2000' } } });
const days = Number(values.days);
const perDay = Number(values['per-day']);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const dir = mkdtempSync(join(tmpdir(), 'lianxin-bench-ingest-'));
const redis = await startRedisChild(dir);
const client = createClient({ url: redis.url });
await client.connect();
try {
  const start = Date.parse('2026-11-02T00:00:00+08:00');
  const items = [
    ...generate({ seed: 'bench', start, end: start + days * 86_400_000, districts: defaultConfig().city.districts, ticketsPerDay: perDay }),
  ];
  for (let i = 0; i < items.length; i += 1000) {
    const m = client.multi();
    for (const it of items.slice(i, i + 1000)) m.xAdd('hotline:events', '*', entryFields(it));
    await m.exec();
  }
  const [last] = (await client.xRevRange('hotline:events', '+', '-', { COUNT: 1 }))!;
  console.log(`wrote ${fmt(items.length)} entries (${days} days, ${perDay} tickets a weekday) before timing`);

  const t0 = performance.now();
  const server = await startServer(
    { HOTLINE_TOKENS: 'admin:bench', REDIS_URL: redis.url, PORT: '0', HOST: '127.0.0.1', HOTLINE_CLOCK: 'event', HOTLINE_STATIC: dir },
    { log: silentLogger },
  );
  for (;;) {
    if ((await client.hGet('lianxin:main:meta', 'position')) === last.id) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const seconds = (performance.now() - t0) / 1000;
  const rate = items.length / seconds;
  console.log(`server consumed and made durable ${fmt(items.length)} entries in ${seconds.toFixed(2)} s: ${fmt(rate)} entries/s`);
  console.log(`  (each batch of 500: parse, validate, apply, one MULTI/EXEC with state, position, rejections and XACK)`);
  await server.close();
} finally {
  await client.quit();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
}
