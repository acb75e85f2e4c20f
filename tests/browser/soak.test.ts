// Soak: one wall page open while the server pushes as fast as it may (HOTLINE_PUSH_MS=20) and the
// stream takes simulated entries in small batches every 20 ms, so every push carries a change. The
// page's JS heap after a forced GC, after the first 1,000 updates and at the end, must not grow by
// 20% or more; no patch may be lost, fail or come out of order on the way.
//
// Counts, order and heap only: nothing here depends on how fast the machine is. The test waits for
// LIANXIN_SOAK_MESSAGES messages (10,000) and LIANXIN_SOAK_EVENTS entries (10,000) for as long as it
// takes, failing only when the page's count stops moving for two minutes. How many updates a second
// the page takes is the soak benchmark's figure (`npm run bench:soak`), not a pass condition.
//
// Updates are counted by the page itself (the live store's snapshots + patches, and its seq).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, liveProbe, pageWait, screenUrl, type TestBrowser } from '../support/browser.ts';
import { getSnapshot } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';
import { measureHeap, pageMessages, soakTraffic, SOAK_PUSH_MS, startProducer, waitForCount, type HeapFigures } from '../support/soak.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { serverAt, startWebServer } from './common.ts';
import { feed } from './traffic.ts';

const envInt = (name: string, dflt: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : dflt;
};
const BASELINE_MESSAGES = 1_000;
const TARGET_MESSAGES = Math.max(BASELINE_MESSAGES + 500, envInt('LIANXIN_SOAK_MESSAGES', 10_000));
const TARGET_EVENTS = envInt('LIANXIN_SOAK_EVENTS', 10_000);
const MAX_GROWTH = 0.2;
/** Only a backstop for vitest: the stall check in waitForCount is what fails a stuck run. At 2 updates a second this still passes. */
const TEST_BOUND_MS = TARGET_MESSAGES * 500 + 600_000;
/** Catching up with the stream once the producer stops: generous, it is not what is measured. */
const CATCH_UP_MS = 300_000;

describe('a wall page under a fast stream of updates', () => {
  let server: TestServer;
  let redis: TestRedis;
  let browser: TestBrowser;
  const traffic = soakTraffic();
  let lastId: string;

  beforeAll(async () => {
    server = await startWebServer({ env: { HOTLINE_PUSH_MS: String(SOAK_PUSH_MS) } });
    redis = await connectRedis(server.redisUrl);
    lastId = await feed(redis, server.stream, traffic.backlog);
    await serverAt(server, lastId, CATCH_UP_MS);
    browser = await launchBrowser();
  }, CATCH_UP_MS + 60_000);

  afterAll(async () => {
    await browser?.close();
    await redis?.quit().catch(() => undefined);
    await server?.close();
  });

  it(
    `keeps its heap within ${MAX_GROWTH * 100}% from update 1,000 to update ${TARGET_MESSAGES.toLocaleString('en-US')} (${TARGET_EVENTS.toLocaleString('en-US')}+ entries), every update in order`,
    async () => {
      const wall = await browser.open(screenUrl(server.url, TOKEN.wall));
      const cdp = await wall.page.context().newCDPSession(wall.page);
      await cdp.send('Performance.enable');
      await pageWait('the wall to be live', async () => (await liveProbe(wall.page)).lastEntryId === lastId, CATCH_UP_MS);
      const first = await liveProbe(wall.page);

      const producer = startProducer(redis, server.stream, traffic.source, { lastId });
      let baseline: HeapFigures;
      try {
        await waitForCount('updates in the page', () => pageMessages(wall), BASELINE_MESSAGES);
        baseline = await measureHeap(cdp, wall);
        console.log(
          `soak: after ${baseline.messages} updates (${producer.written()} entries): heap ${baseline.usedMB.toFixed(2)} MB, ${baseline.nodes} DOM nodes (${baseline.inDocument} in the document), ${baseline.listeners} listeners`,
        );
        await waitForCount('entries written', async () => producer.written(), TARGET_EVENTS);
        await waitForCount('updates in the page', () => pageMessages(wall), TARGET_MESSAGES);
      } finally {
        await producer.stop();
      }
      lastId = producer.lastId();
      // The page catches up with the last entry, then the last measure.
      await serverAt(server, lastId, CATCH_UP_MS);
      await pageWait(
        'the page to catch up with the last entry',
        async () => (await liveProbe(wall.page)).lastEntryId === lastId,
        CATCH_UP_MS,
      );
      const end = await measureHeap(cdp, wall);
      const probe = await liveProbe(wall.page);
      const growth = end.usedMB / baseline.usedMB - 1;
      console.log(
        [
          `soak: ${end.messages} updates (seq ${first.seq} → ${end.seq}), ${producer.written()} entries written`,
          `soak: heap after GC: ${baseline.usedMB.toFixed(2)} MB at update ${baseline.messages}, ${end.usedMB.toFixed(2)} MB at update ${end.messages} (${(growth * 100).toFixed(1)}%)`,
          `soak: DOM nodes ${baseline.nodes} → ${end.nodes} (in the document ${baseline.inDocument} → ${end.inDocument}; warning rows ${baseline.warningRows} → ${end.warningRows}, unit rows ${baseline.deptRows} → ${end.deptRows}), JS listeners ${baseline.listeners} → ${end.listeners}`,
          `soak: store stats ${JSON.stringify(probe.stats)}`,
        ].join('\n'),
      );

      // Counts and order: every message applied in seq order (a gap or a failed patch is counted by
      // the store), as many as were sent, and the page shows the server's figures.
      expect(producer.written()).toBeGreaterThanOrEqual(TARGET_EVENTS);
      expect(end.messages).toBeGreaterThanOrEqual(TARGET_MESSAGES);
      expect(probe.stats!.gaps).toBe(0);
      expect(probe.stats!.failures).toBe(0);
      expect(end.seq - (first.seq ?? 0)).toBeGreaterThanOrEqual(TARGET_MESSAGES - 5);
      const snap = await getSnapshot(server.url);
      expect(snap.lastEntryId).toBe(lastId);
      expect(await wall.page.getAttribute('[data-testid="ingest-applied"]', 'data-value')).toBe(String(snap.ingest.applied));
      expect(await wall.page.getAttribute('[data-testid="today-created"]', 'data-value')).toBe(String(snap.today.created));
      expect(await wall.page.getAttribute('[data-testid="open"]', 'data-value')).toBe(String(snap.open));

      // Heap bounds.
      expect(growth).toBeLessThan(MAX_GROWTH);
      // DOM nodes grow with the lists (warning rows up to 50 + 50), but none may pile up detached.
      expect(end.nodes - end.inDocument).toBeLessThan(1_000);
      expect(wall.errors, wall.errors.join('\n')).toEqual([]);
      await cdp.detach();
      await wall.page.close();
    },
    TEST_BOUND_MS,
  );
});
