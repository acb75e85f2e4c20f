// Soak: one wall page open while the server pushes as fast as it may (HOTLINE_PUSH_MS=20) and the
// stream takes simulated entries in small batches every 20 ms, so every push carries a change. The
// page's JS heap after a forced GC, after the first 1,000 updates and at the end, must not grow by
// 20% or more; no patch may be lost or fail on the way.
//
// Updates are counted by the page itself (the live store's snapshots + patches, and its seq). The
// server sends at most one message per HOTLINE_PUSH_MS, so 10,000 messages take at least 200 s; the
// run stops after LIANXIN_SOAK_MESSAGES messages (10,000) once LIANXIN_SOAK_EVENTS stream entries
// (10,000) went through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { DAY, DEFAULT_SEED, entryFields, generate, HOUR, parseLocalDate, type SimItem } from '../../scripts/sim/index.ts';
import { loadConfig } from '../../scripts/lib/config.ts';
import { launchBrowser, liveProbe, pageWait, screenUrl, type OpenedPage, type TestBrowser } from '../support/browser.ts';
import { getSnapshot } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { serverAt, startWebServer } from './common.ts';
import { feed, SIM_DAY } from './traffic.ts';

const envInt = (name: string, dflt: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : dflt;
};
const BASELINE_MESSAGES = 1_000;
const TARGET_MESSAGES = Math.max(BASELINE_MESSAGES + 500, envInt('LIANXIN_SOAK_MESSAGES', 10_000));
const TARGET_EVENTS = envInt('LIANXIN_SOAK_EVENTS', 10_000);
const PUSH_MS = 20;
/** Entries per write, one write every PUSH_MS: ~200 entries a second. */
const BATCH = 4;
const MAX_GROWTH = 0.2;
/** Wall-clock bound of the streaming phase (the long version gets its own). */
const STREAM_BOUND_MS = Math.max(150_000, TARGET_MESSAGES * PUSH_MS * 1.6);

interface HeapFigures {
  usedMB: number;
  /** DOM nodes alive in the renderer (Performance.getMetrics 'Nodes'), attached or not. */
  nodes: number;
  /** Nodes in the document (a TreeWalker over everything): nodes − inDocument are detached. */
  inDocument: number;
  warningRows: number;
  deptRows: number;
  listeners: number;
  messages: number;
  seq: number;
}

async function measure(cdp: CDPSession, p: OpenedPage): Promise<HeapFigures> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = (n: string) => metrics.find((x) => x.name === n)?.value ?? NaN;
  const live = await liveProbe(p.page);
  const dom = await p.page.evaluate(() => {
    const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
    let n = 1;
    while (walker.nextNode()) n++;
    return {
      inDocument: n,
      warningRows: document.querySelectorAll('[data-testid^="warning-"][data-ticket-id]').length,
      deptRows: document.querySelectorAll('[data-testid^="dept-row-"]').length,
    };
  });
  return {
    usedMB: heap.usedSize / 1048576,
    nodes: m('Nodes'),
    ...dom,
    listeners: m('JSEventListeners'),
    messages: (live.stats?.snapshots ?? 0) + (live.stats?.patches ?? 0),
    seq: live.seq ?? 0,
  };
}

describe('a wall page under a fast stream of updates', () => {
  let server: TestServer;
  let redis: TestRedis;
  let browser: TestBrowser;
  let source: Generator<SimItem, void, undefined>;
  let lastId: string;

  beforeAll(async () => {
    server = await startWebServer({ env: { HOTLINE_PUSH_MS: String(PUSH_MS) } });
    redis = await connectRedis(server.redisUrl);
    // One endless simulated stream from ten days before the day: everything up to the day's
    // noon written at once (a backlog for the wall), the rest during the soak. By noon the bounded
    // lists (50 red, 50 yellow, the rankings) are full, so the heap at update 1,000 is the page at
    // its working size, and growth after it means a leak, not a list still filling up.
    const day = parseLocalDate(SIM_DAY);
    source = generate({ seed: DEFAULT_SEED, start: day - 10 * DAY, districts: loadConfig({}).city.districts });
    const backlog: SimItem[] = [];
    for (let n = source.next(); !n.done; n = source.next()) {
      backlog.push(n.value);
      if (n.value.atMs >= day + 12 * HOUR) break;
    }
    lastId = await feed(redis, server.stream, backlog);
    await serverAt(server, lastId);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await redis?.quit().catch(() => undefined);
    await server?.close();
  });

  it(
    `keeps its heap within ${MAX_GROWTH * 100}% from update 1,000 to update ${TARGET_MESSAGES.toLocaleString('en-US')} (${TARGET_EVENTS.toLocaleString('en-US')}+ entries)`,
    async () => {
      const wall = await browser.open(screenUrl(server.url, TOKEN.wall));
      const cdp = await wall.page.context().newCDPSession(wall.page);
      await cdp.send('Performance.enable');
      await pageWait('the wall to be live', async () => (await liveProbe(wall.page)).lastEntryId === lastId, 20_000);
      const first = await liveProbe(wall.page);
      const t0 = Date.now();

      // The producer: BATCH entries every PUSH_MS until told to stop.
      let written = 0;
      let stop = false;
      let writeError: unknown = null;
      const producer = (async () => {
        try {
          while (!stop) {
            const started = Date.now();
            const batch: SimItem[] = [];
            while (batch.length < BATCH) {
              const n = source.next();
              if (n.done) break;
              batch.push(n.value);
            }
            if (batch.length === 0) break;
            const ids = await Promise.all(batch.map((it) => redis.xAdd(server.stream, '*', entryFields(it))));
            lastId = ids[ids.length - 1]!;
            written += batch.length;
            await new Promise((r) => setTimeout(r, Math.max(0, PUSH_MS - (Date.now() - started))));
          }
        } catch (err) {
          writeError = err;
        }
      })();

      let baseline: HeapFigures | null;
      try {
        const messagesNow = async () => {
          const p = await liveProbe(wall.page);
          return (p.stats?.snapshots ?? 0) + (p.stats?.patches ?? 0);
        };
        await pageWait('1,000 updates in the page', async () => (await messagesNow()) >= BASELINE_MESSAGES, STREAM_BOUND_MS, 250);
        baseline = await measure(cdp, wall);
        const baselineAt = Date.now();
        console.log(
          `soak: after ${baseline.messages} updates (${((baselineAt - t0) / 1000).toFixed(0)} s, ${written} entries): heap ${baseline.usedMB.toFixed(2)} MB, ${baseline.nodes} DOM nodes (${baseline.inDocument} in the document), ${baseline.listeners} listeners`,
        );
        await pageWait(
          `${TARGET_MESSAGES} updates and ${TARGET_EVENTS} entries`,
          async () => written >= TARGET_EVENTS && (await messagesNow()) >= TARGET_MESSAGES,
          STREAM_BOUND_MS,
          250,
        );
      } finally {
        stop = true;
        await producer;
      }
      expect(writeError).toBeNull();
      const streamedMs = Date.now() - t0;
      // The page catches up with the last entry, then the last measure.
      await serverAt(server, lastId, 30_000);
      await pageWait('the page to catch up with the last entry', async () => (await liveProbe(wall.page)).lastEntryId === lastId, 30_000);
      const end = await measure(cdp, wall);
      const probe = await liveProbe(wall.page);
      const growth = end.usedMB / baseline!.usedMB - 1;
      console.log(
        [
          `soak: ${end.messages} updates in ${(streamedMs / 1000).toFixed(0)} s (${(end.messages / (streamedMs / 1000)).toFixed(1)}/s; seq ${first.seq} → ${end.seq}), ${written} entries written`,
          `soak: heap after GC: ${baseline!.usedMB.toFixed(2)} MB at update ${baseline!.messages}, ${end.usedMB.toFixed(2)} MB at update ${end.messages} (${(growth * 100).toFixed(1)}%)`,
          `soak: DOM nodes ${baseline!.nodes} → ${end.nodes} (in the document ${baseline!.inDocument} → ${end.inDocument}; warning rows ${baseline!.warningRows} → ${end.warningRows}, unit rows ${baseline!.deptRows} → ${end.deptRows}), JS listeners ${baseline!.listeners} → ${end.listeners}`,
          `soak: store stats ${JSON.stringify(probe.stats)}`,
        ].join('\n'),
      );

      // Nothing lost on the way: every message applied in order, and the page shows the server's figures.
      expect(probe.stats!.gaps).toBe(0);
      expect(probe.stats!.failures).toBe(0);
      expect(end.seq - (first.seq ?? 0)).toBeGreaterThanOrEqual(TARGET_MESSAGES - 5);
      const snap = await getSnapshot(server.url);
      expect(await wall.page.getAttribute('[data-testid="ingest-applied"]', 'data-value')).toBe(String(snap.ingest.applied));
      expect(await wall.page.getAttribute('[data-testid="today-created"]', 'data-value')).toBe(String(snap.today.created));
      expect(await wall.page.getAttribute('[data-testid="open"]', 'data-value')).toBe(String(snap.open));

      expect(growth).toBeLessThan(MAX_GROWTH);
      // DOM nodes grow with the lists (warning rows up to 50 + 50), but none may pile up detached.
      expect(end.nodes - end.inDocument).toBeLessThan(1_000);
      expect(wall.errors, wall.errors.join('\n')).toEqual([]);
      await cdp.detach();
      await wall.page.close();
    },
    STREAM_BOUND_MS * 2 + 60_000,
  );
});
