// Wiring: configuration -> Redis -> durable state -> consumer, HTTP, Socket.IO. startServer is what
// main.ts runs and what the tests start (many times in one process), so close() undoes everything.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StreamEntry } from '../shared/contract/events.ts';
import { asOfMs, calendarNotice, createRules } from '../shared/domain/index.ts';
import { ConfigError, parseEnv, type EnvInput } from './config/env.ts';
import type { Engine } from './core/engine.ts';
import { readerNow } from './core/now.ts';
import { createSegmenter, type Segmenter } from './core/segmenter.ts';
import { snapshotBuilder } from './core/snapshots.ts';
import { statusNotices } from './core/status-notices.ts';
import { createHttpApp } from './http/app.ts';
import { UnavailableError, type HttpContext, type TicketStore } from './http/context.ts';
import { Broadcaster } from './realtime/broadcaster.ts';
import { attachRealtime, type Realtime } from './realtime/io.ts';
import { StreamConsumer } from './store/consumer.ts';
import { makeKeys } from './store/keys.ts';
import { loadState } from './store/load.ts';
import { schedulePersonalDataSweep } from './store/retention.ts';
import { closeRedis, COMMAND_DEADLINE_MS, createRedis, pingWithin, RedisWatch, withinDeadline, type RedisClient } from './store/redis.ts';
import { consoleLogger, type Logger } from './util/log.ts';
import { localDate } from './util/time.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** Tell every screen to reload (what SIGUSR2 and POST /api/v1/admin/reload do). */
  reload(): void;
  /** Notices worth printing at start-up (the calendar running out). */
  notices: string[];
  close(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** For tests only: stand-ins that make the product fail on an entry, as a defect would (events.md `internal`). */
  testSeams?: {
    /** In place of jieba: a throw fails the entry while it is parsed. */
    segmenter?: Segmenter;
    /** Called after the core processed each entry: a throw fails it after the state changed. */
    afterEntry?: (entry: StreamEntry) => void;
  };
}

/** A full snapshot about once a minute, so a client that missed a patch without noticing recovers. */
const RESYNC_MS = 60_000;
/** How often the consuming process looks for tickets whose personal data is due for deletion (cheap when none is). */
const PERSONAL_DATA_SWEEP_MS = 5_000;

export async function startServer(input: EnvInput, opts: StartOptions = {}): Promise<RunningServer> {
  const parsed = parseEnv(input);
  if (!parsed.ok) throw new ConfigError(parsed.errors);
  const env = parsed.env;
  const log = opts.log ?? consoleLogger;
  const rules = createRules(env.config, {
    tz: env.tz,
    clock: env.clock,
    segment: opts.testSeams?.segmenter ?? createSegmenter(env.config.privacy),
  });
  const keys = makeKeys(env.instance, env.stream);

  const main = createRedis(env.redisUrl, 'main', log);
  const conn = createRedis(env.redisUrl, 'consumer', log);
  const cleanup = async () => {
    await closeRedis(conn);
    await closeRedis(main);
  };
  let engine: Engine;
  let consumer: StreamConsumer;
  try {
    log.info(`connecting to Redis at ${redact(env.redisUrl)}`);
    await Promise.all([main.connect(), conn.connect()]);
    const loaded = await loadState(main, keys, rules);
    engine = { rules, state: loaded.state, tz: env.tz, clock: env.clock };
    consumer = new StreamConsumer({
      engine,
      conn,
      main,
      keys,
      batchSize: env.config.limits.batchSize,
      initialPosition: loaded.position,
      initialNeedsLoad: loaded.needsMigration === true,
      onBatch: () => broadcaster.nudge(),
      log,
      afterEntry: opts.testSeams?.afterEntry,
    });
  } catch (err) {
    await cleanup();
    throw err;
  }

  const startNotices: string[] = [];
  const cal = calendarNotice(rules, localDate(readerNow(engine), env.tz));
  if (cal) {
    startNotices.push(cal);
    log.warn(cal);
  }

  const watch = new RedisWatch(main);
  const notices = statusNotices({ redis: main, watch, consumer, tz: env.tz });
  const build = snapshotBuilder(engine, notices);
  let realtime: Realtime | null = null;
  const broadcaster = new Broadcaster(
    build,
    { snapshot: (s) => realtime?.sink.snapshot(s), patch: (p) => realtime?.sink.patch(p) },
    { pushMs: env.pushMs, heartbeatMs: env.config.limits.heartbeatMs, resyncMs: RESYNC_MS },
  );

  const ctx: HttpContext = {
    env,
    engine,
    store: ticketStore(main, keys, watch),
    snapshot: () => build(broadcaster.seq),
    ready: async () => {
      const redis = await pingWithin(main, 1000);
      // Entries set aside as internal are defects to fix, reported here, but ingestion goes on.
      const internal = { count: consumer.internalRejections, last: consumer.lastInternal };
      return { ready: redis && consumer.status === 'running', redis, consumer: consumer.status, internal };
    },
    reload: () => realtime?.reload(),
    log,
  };
  const http = createServer(createHttpApp(ctx));
  realtime = attachRealtime(http, {
    tokens: env.tokens,
    tz: env.tz,
    districtCodes: env.config.city.districts.map((d) => d.code),
    focusSeconds: env.config.limits.focusSeconds,
    current: () => broadcaster.current,
    log,
  });

  consumer.start();
  const sweep = schedulePersonalDataSweep({
    conn: main,
    keys,
    rules,
    now: () => asOfMs(engine.state, rules, Date.now()),
    active: () => consumer.status === 'running',
    log,
    everyMs: PERSONAL_DATA_SWEEP_MS,
  });
  await Promise.race([consumer.whenSettled(), new Promise((r) => setTimeout(r, 5000).unref())]);
  broadcaster.start();

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(env.port, env.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    broadcaster.stop();
    watch.stop();
    await sweep.stop();
    await consumer.stop();
    await realtime.close().catch(() => undefined);
    await cleanup();
    throw err;
  }
  const port = (http.address() as AddressInfo).port;
  const host = env.host === '0.0.0.0' || env.host === '::' ? '127.0.0.1' : env.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log.info(`listening on ${url} (stream ${env.stream}, instance ${env.instance}, clock ${env.clock})`);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    notices: startNotices,
    reload: () => realtime?.reload(),
    close: () =>
      (closing ??= (async () => {
        broadcaster.stop();
        watch.stop();
        await sweep.stop();
        await consumer.stop();
        await realtime!.close();
        await cleanup();
      })()),
  };
}

function ticketStore(main: RedisClient, keys: ReturnType<typeof makeKeys>, watch: RedisWatch): TicketStore {
  // Reads and writes that need Redis answer 503 while it is away or hung (the state in memory still
  // serves everything else): at once when it is known not to answer, else after COMMAND_DEADLINE_MS.
  const guard = async <T>(p: () => Promise<T>): Promise<T> => {
    if (!watch.responsive()) throw new UnavailableError('redis is not answering');
    try {
      return await withinDeadline(p(), COMMAND_DEADLINE_MS);
    } catch (err) {
      throw new UnavailableError((err as Error).message);
    }
  };
  return {
    details: (id) => guard(async () => (await main.hGet(keys.details, id)) ?? null),
    record: (id) => guard(async () => (await main.hGet(keys.tickets, id)) ?? null),
    timeline: (id) => guard(() => main.lRange(keys.timeline(id), 0, -1)),
    append: (json) => guard(() => main.xAdd(keys.stream, '*', { event: json })),
  };
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
