// npm run bench:soak: how many updates a second one wall page takes in the soak's workload (the soak
// test, tests/browser/soak.test.ts, asserts only counts, order and heap). A private redis-server on a
// free port, the server in-process with the built client (HOTLINE_CLOCK=event, HOTLINE_PUSH_MS=20),
// ten days and a half of simulated backlog, then 4 entries every 20 ms so that every push carries a
// change.
//
// Measured over the same seconds, side by side:
//   the page        snapshots + patches its live store applied (headless Chromium at 1920×1080);
//   the reference   a bare socket.io-client in this process, connected to the same server: what the
//                   server actually pushed. The ratio page / reference is the page's own share of the
//                   push rate; the server's ceiling is 1000 / HOTLINE_PUSH_MS (50/s).
//
//   tsx scripts/bench-soak.ts [--seconds 60] [--warmup 200]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import type { RunningServer } from '../server/app.ts';
import { feed } from '../tests/browser/traffic.ts';
import { launchBrowser, liveProbe, pageWait, screenUrl, type TestBrowser } from '../tests/support/browser.ts';
import { connectScreen, type ScreenClient } from '../tests/support/socket.ts';
import { pageMessages, soakTraffic, SOAK_PUSH_MS, startProducer, waitForCount, type Producer } from '../tests/support/soak.ts';
import { ensureClientBuilt } from './lib/build-client.ts';
import { runBench, startBenchServer } from './lib/bench-run.ts';
import { ROOT } from './lib/paths.ts';
import type { RedisChild } from './lib/redis-child.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '200' },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
if (!(SECONDS > 0) || !(WARMUP >= 0)) throw new Error('--seconds > 0, --warmup >= 0');

const log = (line: string) => console.log(`[bench:soak] ${line}`);

const running: { redis?: RedisChild; server?: RunningServer; browser?: TestBrowser; reference?: ScreenClient; producer?: Producer } = {};
const tmp = mkdtempSync(join(tmpdir(), 'lianxin-bench-soak-'));

async function main(): Promise<void> {
  await ensureClientBuilt(ROOT, log);
  const { redis, server, token, stream } = await startBenchServer('soak', tmp, SOAK_PUSH_MS, running);
  const r = createClient({ url: redis.url });
  r.on('error', () => {});
  await r.connect();
  try {
    const traffic = soakTraffic();
    const lastId = await feed(r, stream, traffic.backlog);
    const caughtUp = async () => {
      const res = await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token}` } });
      return ((await res.json()) as { lastEntryId: string | null }).lastEntryId === lastId;
    };
    await pageWait('the server to take the backlog', caughtUp, 300_000, 100);
    log(`backlog of ${traffic.backlog.length} entries applied; server ${server.url}, push every ${SOAK_PUSH_MS} ms`);

    const browser = (running.browser = await launchBrowser());
    const wall = await browser.open(screenUrl(server.url, token));
    await pageWait('the wall to be live', async () => (await liveProbe(wall.page)).lastEntryId === lastId, 120_000);
    const reference = (running.reference = connectScreen(server.url, { token }));
    await reference.until('the reference client connected', () => reference.messages[0], 30_000);

    const producer = (running.producer = startProducer(r, stream, traffic.source, { lastId }));
    await waitForCount('warm-up updates in the page', () => pageMessages(wall), WARMUP);
    const p0 = await pageMessages(wall);
    const r0 = reference.messages.length;
    const w0 = producer.written();
    const t0 = Date.now();
    await new Promise((res) => setTimeout(res, SECONDS * 1000));
    const p1 = await pageMessages(wall);
    const r1 = reference.messages.length;
    const w1 = producer.written();
    const s = (Date.now() - t0) / 1000;
    await producer.stop();
    const probe = await liveProbe(wall.page);

    const page = (p1 - p0) / s;
    const ref = (r1 - r0) / s;
    const ceiling = 1000 / SOAK_PUSH_MS;
    console.log('');
    console.log(`The wall page under the soak's workload, over ${s.toFixed(0)} s (after ${WARMUP} warm-up updates):`);
    console.log(`  entries written      ${((w1 - w0) / s).toFixed(1)}/s`);
    console.log(
      `  server pushes        ${ref.toFixed(1)}/s (a bare socket.io-client; ${(ref / ceiling).toFixed(2)}x the ceiling of ${ceiling}/s)`,
    );
    console.log(
      `  page updates         ${page.toFixed(1)}/s (${(page / ref).toFixed(2)}x the server's pushes, ${(page / ceiling).toFixed(2)}x the ceiling)`,
    );
    console.log(`  page store stats     ${JSON.stringify(probe.stats)}; reference client errors: ${reference.errors.length}`);
    if (wall.errors.length) console.log(`  page errors: ${wall.errors.join(' | ')}`);
  } finally {
    await r.quit().catch(() => undefined);
  }
}

async function stopAll(): Promise<void> {
  await running.producer?.stop().catch(() => undefined);
  running.reference?.close();
  await running.browser?.close().catch(() => undefined);
  await running.server?.close().catch(() => undefined);
  await running.redis?.stop().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}

await runBench('soak', main, stopAll);
