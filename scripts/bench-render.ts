// npm run bench:render: how long the wall takes to show an update, in real Chromium, at 1920×1080
// and at 3840×2160. A private redis-server on a free port, the server in-process with the built
// client (HOTLINE_CLOCK=event, HOTLINE_PUSH_MS=100), three days of simulated backlog, then a steady
// simulated stream so that every push carries a change.
//
// Measured per update, inside the page (an init script wraps WebSocket before the app loads):
//   message → frame   from the dispatch of the socket's message event (before socket.io, the store,
//                     Vue and ECharts handle it) to the end of the next rendered frame (a task posted
//                     from the next requestAnimationFrame callback runs once that frame's style, layout
//                     and paint are done on the main thread; rasterising on other threads is not in it);
//   server → frame    from the server's builtAt of that message (same machine clock) to the same frame
//                     end: adds the push, the network and any wait in the page's task queue.
// Long animation frames (> 50 ms, PerformanceObserver 'long-animation-frame') are counted.
//
//   tsx scripts/bench-render.ts [--updates 300] [--push-ms 100] [--warmup 20] [--sizes 1920x1080,3840x2160]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import type { RunningServer } from '../server/app.ts';
import { launchBrowser, type TestBrowser } from '../tests/support/browser.ts';
import { ensureClientBuilt } from './lib/build-client.ts';
import { loadConfig } from './lib/config.ts';
import { runBench, startBenchServer } from './lib/bench-run.ts';
import { ROOT } from './lib/paths.ts';
import type { RedisChild } from './lib/redis-child.ts';
import { DAY, entryFields, generate, parseLocalDate, type SimItem } from './sim/index.ts';

const TARGET_MS = 16;

const { values } = parseArgs({
  options: {
    updates: { type: 'string', default: '300' },
    'push-ms': { type: 'string', default: '100' },
    warmup: { type: 'string', default: '20' },
    sizes: { type: 'string', default: '1920x1080,3840x2160' },
    day: { type: 'string', default: '2026-03-18' },
    seed: { type: 'string', default: 'lianxin' },
  },
});
const UPDATES = Number(values.updates);
const PUSH_MS = Number(values['push-ms']);
const WARMUP = Number(values.warmup);
const SIZES = values.sizes.split(',').map((s) => {
  const [w, h] = s.split('x').map(Number);
  if (!(w! > 0 && h! > 0)) throw new Error(`--sizes: WxH,WxH…, got ${values.sizes}`);
  return { width: w!, height: h! };
});
if (!(UPDATES > 0) || !(PUSH_MS >= 50) || !(WARMUP >= 0)) throw new Error('--updates > 0, --push-ms >= 50, --warmup >= 0');

const log = (line: string) => console.log(`[bench:render] ${line}`);

/**
 * Runs in the page before the app: records each socket.io snapshot/patch and the frame after it.
 * A string, not a function: tsx (esbuild) would put its __name helper into a serialised function.
 */
const RENDER_HOOK = `(() => {
  const recs = [];
  const long = [];
  window.__lxRender = { recs, long, reset() { recs.length = 0; long.length = 0; } };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) long.push(e.duration); })
      .observe({ type: 'long-animation-frame', buffered: false });
  } catch (e) { /* not supported: no long frame count */ }
  const Native = window.WebSocket;
  const onmessage = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage');
  class Hooked extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      let current = null;
      // engine.io sets onmessage: wrap it to time the app's work on the message, its microtasks
      // included (socket.io's hand-over, the store, Vue's flush: render, watchers, ECharts setOption).
      Object.defineProperty(this, 'onmessage', {
        configurable: true,
        get: () => onmessage.get.call(this),
        set: (fn) => onmessage.set.call(this, typeof fn !== 'function' ? fn : (ev) => {
          const rec = current;
          current = null;
          try { return fn.call(this, ev); } finally {
            // socket.io hands the packet on in a microtask, and Vue flushes in one queued from that:
            // a few levels of microtasks come after both.
            const after = (n) => queueMicrotask(() => (n > 0 ? after(n - 1) : (rec.js = performance.now() - rec.t0)));
            if (rec) after(4);
          }
        }),
      });
      // Registered before engine.io sets onmessage: runs first, before the app sees the message.
      this.addEventListener('message', (ev) => {
        const d = ev.data;
        if (typeof d !== 'string' || !d.startsWith('42[')) return;
        const kind = d.startsWith('42["patch"') ? 'patch' : d.startsWith('42["snapshot"') ? 'snapshot' : null;
        if (!kind) return;
        const m = /(?:"\\/builtAt","value"|"builtAt"):"([^"]+)"/.exec(d);
        const rec = { kind, t0: performance.now(), builtAt: m ? Date.parse(m[1]) : NaN, js: NaN, raf: NaN, frame: NaN };
        current = rec;
        if (recs.length < 20000) recs.push(rec);
        requestAnimationFrame((frameStart) => {
          // The frame's own start (the same for every callback of the frame, ECharts' included).
          rec.raf = frameStart;
          const ch = new MessageChannel();
          ch.port1.onmessage = () => { rec.frame = performance.now(); ch.port1.close(); };
          ch.port2.postMessage(0);
        });
      });
    }
  }
  window.WebSocket = Hooked;
})();`;

interface Sample {
  kind: string;
  t0: number;
  builtAt: number;
  /** Message dispatch → the app's handler and its microtasks done (ms). */
  js: number;
  /** Start of the next frame (its requestAnimationFrame time). */
  raf: number;
  frame: number;
}

const quantile = (sorted: number[], q: number) => {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
};

interface Row {
  size: string;
  updates: number;
  /** Main-thread work of an update: its JS, plus its frame from the frame's start to its end. */
  workMedian: number;
  workP95: number;
  msgMedian: number;
  msgP95: number;
  msgMax: number;
  jsMedian: number;
  jsP95: number;
  srvMedian: number;
  srvP95: number;
  longFrames: number;
  longMax: number;
  seconds: number;
}

/** What main() started, stopped at the end whatever happens. */
const running: { redis?: RedisChild; server?: RunningServer; browser?: TestBrowser } = {};
const tmp = mkdtempSync(join(tmpdir(), 'lianxin-bench-render-'));

async function main(): Promise<Row[]> {
  await ensureClientBuilt(ROOT, log);
  const { redis, server, token, stream } = await startBenchServer('render', tmp, PUSH_MS, running);
  log(`redis ${redis.url}, server ${server.url}, push every ${PUSH_MS} ms`);

  const r = createClient({ url: redis.url });
  r.on('error', () => {});
  await r.connect();
  try {
    // Backlog: three days up to the day's midnight; then the same endless stream, live.
    const day = parseLocalDate(values.day);
    const source = generate({ seed: values.seed, start: day - 3 * DAY, districts: loadConfig().city.districts });
    const write = async (items: SimItem[]) => {
      const ids = await Promise.all(items.map((it) => r.xAdd(stream, '*', entryFields(it))));
      return ids[ids.length - 1]!;
    };
    let backlog: SimItem[] = [];
    let lastId = '';
    for (let n = source.next(); !n.done; n = source.next()) {
      backlog.push(n.value);
      if (backlog.length === 2000) {
        lastId = await write(backlog);
        backlog = [];
      }
      if (n.value.atMs >= day) break;
    }
    if (backlog.length) lastId = await write(backlog);
    const snapshotId = async () => {
      const res = await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token}` } });
      return ((await res.json()) as { lastEntryId: string | null }).lastEntryId;
    };
    for (const deadline = Date.now() + 60_000; (await snapshotId()) !== lastId;) {
      if (Date.now() > deadline) throw new Error('the server did not take the backlog within 60 s');
      await new Promise((res) => setTimeout(res, 100));
    }
    log(`backlog of three days written and applied (${lastId})`);

    const browser = (running.browser = await launchBrowser());
    const rows: Row[] = [];
    for (const size of SIZES) {
      const label = `${size.width}×${size.height}`;
      const { page, errors } = await browser.open(`${server.url}/?token=${encodeURIComponent(token)}#/wall`, {
        viewport: size,
        init: RENDER_HOOK,
      });
      await page.waitForFunction(
        () => {
          const app = (
            document.querySelector('#app') as unknown as {
              __vue_app__?: { config: { globalProperties: { $pinia?: { _s: Map<string, { phase: string; snapshot: unknown }> } } } };
            }
          )?.__vue_app__;
          const live = app?.config.globalProperties.$pinia?._s.get('live');
          return live?.phase === 'live' && live.snapshot !== null;
        },
        undefined,
        { timeout: 30_000 },
      );
      await page.waitForSelector('[data-testid="map-chart"] canvas', { timeout: 15_000 });
      await page.waitForTimeout(1500);

      // A steady stream: a few entries every push interval, so each push changes figures.
      let stop = false;
      const producer = (async () => {
        while (!stop) {
          const t = Date.now();
          const batch: SimItem[] = [];
          for (let i = 0; i < 4; i++) {
            const n = source.next();
            if (!n.done) batch.push(n.value);
          }
          if (batch.length) await write(batch);
          await new Promise((res) => setTimeout(res, Math.max(0, PUSH_MS / 2 - (Date.now() - t))));
        }
      })();
      const t0 = Date.now();
      let samples: Sample[] = [];
      let longFrames: number[] = [];
      try {
        const count = () => page.evaluate(() => (window as unknown as { __lxRender: { recs: unknown[] } }).__lxRender.recs.length);
        // Warm-up, then reset and measure.
        const warmDeadline = Date.now() + 60_000;
        while ((await count()) < WARMUP) {
          if (Date.now() > warmDeadline)
            throw new Error(`${label}: no socket updates seen by the page hook within 60 s (${errors.join(' | ') || 'no page errors'})`);
          await new Promise((res) => setTimeout(res, 100));
        }
        await page.evaluate(() => (window as unknown as { __lxRender: { reset(): void } }).__lxRender.reset());
        const deadline = Date.now() + Math.max(120_000, UPDATES * PUSH_MS * 4);
        while ((await count()) < UPDATES + 1) {
          if (Date.now() > deadline) throw new Error(`${label}: fewer than ${UPDATES} updates within the time bound`);
          await new Promise((res) => setTimeout(res, 200));
        }
        await page.waitForTimeout(300); // the last frame
        const got = await page.evaluate(() => {
          const h = (window as unknown as { __lxRender: { recs: Sample[]; long: number[] } }).__lxRender;
          return {
            recs: h.recs.map((x) => ({ ...x, t0: x.t0 + performance.timeOrigin, frame: x.frame + performance.timeOrigin })),
            long: [...h.long],
          };
        });
        samples = got.recs.slice(0, UPDATES);
        longFrames = got.long;
      } finally {
        stop = true;
        await producer;
      }
      const seconds = (Date.now() - t0) / 1000;
      const done = samples.filter((s) => Number.isFinite(s.frame));
      const msg = done.map((s) => s.frame - s.t0).sort((a, b) => a - b);
      const js = done
        .map((s) => s.js)
        .filter(Number.isFinite)
        .sort((a, b) => a - b);
      // Work, not waiting: a frame starts on the display's beat, so the time between the handler's
      // end and the next frame's start is idle (on average half a frame) and not counted here.
      const work = done
        .filter((s) => Number.isFinite(s.js) && Number.isFinite(s.raf))
        .map((s) => s.js + (s.frame - Math.max(s.raf, s.t0 + s.js)))
        .sort((a, b) => a - b);
      const srv = done
        .filter((s) => Number.isFinite(s.builtAt))
        .map((s) => s.frame - s.builtAt)
        .sort((a, b) => a - b);
      rows.push({
        size: label,
        updates: done.length,
        workMedian: quantile(work, 0.5),
        workP95: quantile(work, 0.95),
        msgMedian: quantile(msg, 0.5),
        msgP95: quantile(msg, 0.95),
        msgMax: msg[msg.length - 1] ?? NaN,
        jsMedian: quantile(js, 0.5),
        jsP95: quantile(js, 0.95),
        srvMedian: quantile(srv, 0.5),
        srvP95: quantile(srv, 0.95),
        longFrames: longFrames.length,
        longMax: longFrames.length ? Math.max(...longFrames) : 0,
        seconds,
      });
      const patches = samples.filter((s) => s.kind === 'patch').length;
      log(
        `${label}: ${done.length} updates (${patches} patches) measured in ${seconds.toFixed(0)} s${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`,
      );
      await page.close();
    }
    return rows;
  } finally {
    await r.quit().catch(() => undefined);
  }
}

function table(rows: Row[]): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
  const x = (n: number) => (Number.isFinite(n) ? `${(n / TARGET_MS).toFixed(2)}x` : '—');
  const head = [
    'size',
    'updates',
    'work median',
    'work p95',
    'work median/16ms',
    'latency median',
    'latency p95',
    'latency max',
    'JS median',
    'JS p95',
    'server→frame median',
    'server→frame p95',
    'long frames (max ms)',
  ];
  const body = rows.map((r) => [
    r.size,
    String(r.updates),
    f(r.workMedian),
    f(r.workP95),
    x(r.workMedian),
    f(r.msgMedian),
    f(r.msgP95),
    f(r.msgMax),
    f(r.jsMedian),
    f(r.jsP95),
    f(r.srvMedian),
    f(r.srvP95),
    `${r.longFrames} (${f(r.longMax)})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

async function stopAll(): Promise<void> {
  await running.browser?.close().catch(() => undefined);
  await running.server?.close().catch(() => undefined);
  await running.redis?.stop().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}

await runBench(
  'render',
  async () => {
    const rows = await main();
    console.log('');
    console.log(`The wall applying and rendering one update, in ms (target: ${TARGET_MS} ms of work, one frame)`);
    console.log(table(rows));
    console.log(
      "work: the update's JS (socket.io, store, Vue, ECharts setOption; microtasks included) + its frame (requestAnimationFrame callbacks, ECharts drawing, style, layout, paint) from the frame's start to its end;",
    );
    console.log(
      "latency: socket message → end of that frame, idle wait for the frame's start included; JS: the message handler alone; server→frame: the message's builtAt → frame end.",
    );
    for (const r of rows) {
      console.log(
        `${r.size}: work median ${r.workMedian.toFixed(1)} ms (${(r.workMedian / TARGET_MS).toFixed(2)}x the target: ${r.workMedian <= TARGET_MS ? 'meets it' : 'MISSES it'}), p95 ${r.workP95.toFixed(1)} ms; latency median ${r.msgMedian.toFixed(1)} ms`,
      );
    }
  },
  stopAll,
);
