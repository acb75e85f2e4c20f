// The soak's workload, shared by the soak test (tests/browser/soak.test.ts: counts, order, heap) and
// the soak benchmark (scripts/bench-soak.ts: updates per second). A wall page is fed by a server that
// pushes as fast as it may while the stream takes simulated entries in small batches; what the page
// received is read from its live store.
import type { CDPSession } from 'playwright-core';
import { DAY, DEFAULT_SEED, entryFields, generate, HOUR, parseLocalDate, type SimItem } from '../../scripts/sim/index.ts';
import { loadConfig } from '../../scripts/lib/config.ts';
import { SIM_DAY } from '../browser/traffic.ts';
import { liveProbe, type OpenedPage } from './browser.ts';

/** Any node-redis client: only XADD is used. */
interface Redis {
  xAdd(key: string, id: string, fields: Record<string, string>): Promise<string>;
}

/** The server's push interval in the soak: every push carries a change. */
export const SOAK_PUSH_MS = 20;
/** Entries per write, one write every SOAK_PUSH_MS. */
export const SOAK_BATCH = 4;

/**
 * One endless simulated stream from ten days before the day, and its backlog: everything up to the
 * day's noon, written before the page opens. By noon the bounded lists (50 red, 50 yellow, the
 * rankings) are full, so growth after the first updates means a leak, not a list still filling up.
 */
export function soakTraffic(day = SIM_DAY): { source: Generator<SimItem, void, undefined>; backlog: SimItem[] } {
  const start = parseLocalDate(day);
  const source = generate({ seed: DEFAULT_SEED, start: start - 10 * DAY, districts: loadConfig({}).city.districts });
  const backlog: SimItem[] = [];
  for (let n = source.next(); !n.done; n = source.next()) {
    backlog.push(n.value);
    if (n.value.atMs >= start + 12 * HOUR) break;
  }
  return { source, backlog };
}

export interface Producer {
  /** Entries written so far. */
  written(): number;
  /** The stream id of the last entry written. */
  lastId(): string;
  /** Stops writing; resolves once the last write is done. Rejects with the first write error. */
  stop(): Promise<void>;
}

/** Writes `batch` entries of `source` every `everyMs` until stopped. */
export function startProducer(
  redis: Redis,
  stream: string,
  source: Generator<SimItem, void, undefined>,
  o: { lastId: string; batch?: number; everyMs?: number },
): Producer {
  const batchSize = o.batch ?? SOAK_BATCH;
  const everyMs = o.everyMs ?? SOAK_PUSH_MS;
  let written = 0;
  let lastId = o.lastId;
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const started = Date.now();
      const batch: SimItem[] = [];
      while (batch.length < batchSize) {
        const n = source.next();
        if (n.done) break;
        batch.push(n.value);
      }
      if (batch.length === 0) return;
      const ids = await Promise.all(batch.map((it) => redis.xAdd(stream, '*', entryFields(it))));
      lastId = ids[ids.length - 1]!;
      written += batch.length;
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();
  return {
    written: () => written,
    lastId: () => lastId,
    stop: async () => {
      stop = true;
      await loop;
    },
  };
}

/** Snapshots and patches the page's live store has taken. */
export async function pageMessages(p: OpenedPage): Promise<number> {
  const s = (await liveProbe(p.page)).stats;
  return (s?.snapshots ?? 0) + (s?.patches ?? 0);
}

/**
 * Waits until `count()` reaches `target`. No bound on how long that takes in all, only on a stall:
 * it fails when the count has not moved for `stallMs` (a machine however slow still makes progress;
 * a broken push or a frozen page does not).
 */
export async function waitForCount(
  what: string,
  count: () => Promise<number>,
  target: number,
  o: { stallMs?: number; everyMs?: number } = {},
): Promise<number> {
  const stallMs = o.stallMs ?? 120_000;
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const n = await count();
    if (n >= target) return n;
    if (n !== last) {
      last = n;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(`${what}: stuck at ${n} of ${target} for ${stallMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, o.everyMs ?? 250));
  }
}

export interface HeapFigures {
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

/** The page's JS heap after two forced GCs, its DOM and listeners, and what its store took. */
export async function measureHeap(cdp: CDPSession, p: OpenedPage): Promise<HeapFigures> {
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
