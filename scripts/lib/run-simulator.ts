// Writes the simulated hotline into a Redis stream: live (entries as their time comes, at `speed`
// times the usual arrival rate, after back-filling the month on an empty stream) or one whole day
// as fast as Redis takes it. Stoppable; resumes where it left off after a restart.
import { redactUrl } from '../../server/ops/redact.ts';
import { createClient } from 'redis';
import type { District } from '../../shared/config.ts';
import { DAY, DEFAULT_SEED, entryFields, generate, isoLocal, parseLocalDate, startOfLocalMonth, type SimItem } from '../sim/index.ts';
import { loadConfig } from './config.ts';

export interface SimulatorOptions {
  redisUrl?: string;
  stream?: string;
  seed?: string;
  /** `live` (default) or one `day` (YYYY-MM-DD). */
  day?: string;
  /** Arrivals at this many times the usual rate: live from now on, or for the whole day. Default 1. */
  speed?: number;
  /** Stop after writing this many entries. */
  maxEvents?: number;
  /** Live: back-fill the month so far when the stream is empty. Default true. */
  backfill?: boolean;
  /** Mean tickets on a weekday (default 600). */
  ticketsPerDay?: number;
  districts?: readonly District[];
  log?: (line: string) => void;
}

export interface SimulatorResult {
  written: number;
  lastAt: string | null;
}

export interface SimulatorHandle {
  /** Settles when the run ends (a day written, max events reached, or stopped). */
  done: Promise<SimulatorResult>;
  stop(): Promise<SimulatorResult>;
}

/** How much history a restarted live run replays (without writing) to rebuild its tickets. */
const LOOKBACK_MS = 45 * DAY;
/** Entries per pipelined write. */
const BATCH = 2000;

interface Marker {
  seed: string;
  from: number;
  at: string;
}

export function runSimulator(opts: SimulatorOptions = {}): SimulatorHandle {
  const stream = opts.stream ?? process.env.HOTLINE_STREAM ?? 'hotline:events';
  const url = opts.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const seed = opts.seed ?? DEFAULT_SEED;
  const speed = opts.speed ?? 1;
  const log = opts.log ?? ((line: string) => console.log(`sim: ${line}`));
  const districts = opts.districts ?? loadConfig().city.districts;
  const markerKey = `${stream}:sim:backfilled`;
  const progressKey = `${stream}:sim:progress`;
  if (!(speed > 0)) throw new Error(`speed must be a positive number, got ${opts.speed}`);

  let connected = false;
  let lastError = '';
  const client = createClient({
    url,
    socket: {
      // Give up on a Redis that never answered (a wrong REDIS_URL); once connected, keep retrying.
      reconnectStrategy: (retries: number) =>
        !connected && retries >= 20 ? new Error(`cannot reach Redis at ${redactUrl(url)}`) : Math.min(100 + retries * 100, 2000),
    },
  });
  client.on('ready', () => {
    connected = true;
    lastError = '';
  });
  client.on('error', (err: Error) => {
    // Once per outage, not once per retry.
    if (err.message !== lastError) log(`redis: ${err.message}`);
    lastError = err.message;
  });
  let stopped = false;
  let wake: (() => void) | null = null;
  let written = 0;
  let lastAtMs: number | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        wake = null;
        resolve();
      }
      wake = done;
    });

  async function write(items: SimItem[], live: boolean): Promise<void> {
    await Promise.all(items.map((it) => client.xAdd(stream, '*', entryFields(it))));
    written += items.length;
    lastAtMs = items[items.length - 1].atMs;
    if (live) await client.set(progressKey, String(lastAtMs));
  }

  /** Where a live run starts: the month on an empty stream, else where the last run stopped. */
  async function livePlan(now: number): Promise<{ start: number; emitFrom: number }> {
    const [len, markerRaw, progressRaw] = await Promise.all([client.xLen(stream), client.get(markerKey), client.get(progressKey)]);
    const marker = markerRaw ? (JSON.parse(markerRaw) as Marker) : null;
    if (!marker && len === 0 && opts.backfill !== false) {
      const from = startOfLocalMonth(now);
      await client.set(markerKey, JSON.stringify({ seed, from, at: isoLocal(now) } satisfies Marker));
      log(`empty stream ${stream}: back-filling from ${isoLocal(from)} to now`);
      return { start: from, emitFrom: from };
    }
    if (marker && marker.seed === seed && progressRaw) {
      const progress = Math.min(Number(progressRaw) + 1, now);
      log(`resuming after ${isoLocal(progress)} (catching up ${Math.round((now - progress) / 1000)} s)`);
      return { start: Math.max(marker.from, progress - LOOKBACK_MS), emitFrom: progress };
    }
    log(`stream ${stream} has ${len} entries: simulating from now on, no history`);
    return { start: now, emitFrom: now };
  }

  async function run(): Promise<SimulatorResult> {
    await client.connect();
    const t0 = performance.now();
    try {
      if (opts.day !== undefined) {
        const start = parseLocalDate(opts.day);
        if (Number.isNaN(start)) throw new Error(`--day must be a date YYYY-MM-DD, got ${opts.day}`);
        const gen = generate({
          seed,
          start,
          end: start + DAY,
          districts,
          ticketsPerDay: opts.ticketsPerDay,
          boost: { from: start, factor: speed },
        });
        let batch: SimItem[] = [];
        for (const it of gen) {
          if (stopped || (opts.maxEvents !== undefined && written + batch.length >= opts.maxEvents)) break;
          batch.push(it);
          if (batch.length >= BATCH) {
            await write(batch, false);
            batch = [];
          }
        }
        if (batch.length > 0) await write(batch, false);
        log(`day ${opts.day}: ${written} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
        return result();
      }

      const now = Date.now();
      const plan = await livePlan(now);
      const gen = generate({ seed, ...plan, districts, ticketsPerDay: opts.ticketsPerDay, boost: { from: now, factor: speed } });
      let caughtUp = false;
      let next = gen.next();
      while (!stopped && !next.done) {
        const batch: SimItem[] = [];
        // Everything already due, whole seconds at a time (a resume starts after the last second written).
        while (!next.done && next.value.atMs <= Date.now() && (batch.length < BATCH || next.value.atMs === batch[batch.length - 1].atMs)) {
          if (opts.maxEvents !== undefined && written + batch.length >= opts.maxEvents) break;
          batch.push(next.value);
          next = gen.next();
        }
        if (batch.length > 0) await write(batch, true);
        if (opts.maxEvents !== undefined && written >= opts.maxEvents) break;
        if (!caughtUp && (next.done || next.value.atMs > Date.now())) {
          caughtUp = true;
          if (written > 0) log(`caught up: ${written} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s; now live at ${speed}x`);
          else log(`live at ${speed}x`);
        }
        if (!next.done && next.value.atMs > Date.now()) await sleep(Math.min(next.value.atMs - Date.now(), 1000));
      }
      return result();
    } finally {
      await client.quit().catch(() => client.destroy());
    }
  }

  const result = (): SimulatorResult => ({ written, lastAt: lastAtMs === null ? null : isoLocal(lastAtMs) });
  const done = run();
  return {
    done,
    async stop() {
      stopped = true;
      wake?.();
      return done.catch(() => result());
    },
  };
}
