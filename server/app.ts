// Wiring: configuration -> Redis -> durable state -> consumer, HTTP, Socket.IO. startServer is what
// main.ts runs and what the tests start (many times in one process), so close() undoes everything.
import { callerHash } from './core/caller-hash.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StreamEntry } from '../shared/contract/events.ts';
import { asOfMs, calendarNotice, createRules } from '../shared/domain/index.ts';
import { Access } from './access/index.ts';
import { Directory, TokensFileError } from './access/people.ts';
import { SYSTEM } from './access/audit.ts';
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
import { socketSecurity } from './http/security.ts';
import { idempotencyStore } from './ops/idempotency.ts';
import { jsonLogger } from './ops/log.ts';
import { createMetrics } from './ops/metrics.ts';
import { redactUrl } from './ops/redact.ts';
import { trackRequests } from './ops/shutdown.ts';
import type { Logger } from './util/log.ts';
import { localDate } from './util/time.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** Tell every screen to reload (what SIGUSR2 and POST /api/v1/admin/reload do). */
  reload(): void;
  /** Notices worth printing at start-up (the calendar running out). */
  notices: string[];
  /** The server's logger (JSON lines unless the caller gave another). */
  log: Logger;
  /** How long close() waits for requests in flight (HOTLINE_SHUTDOWN_MS). */
  shutdownMs: number;
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

/** How often open sockets' credentials are checked again and the token file looked at. */
const ACCESS_CHECK_MS = 2_000;
/** A full snapshot about once a minute, so a client that missed a patch without noticing recovers. */
const RESYNC_MS = 60_000;
/** How often the consuming process looks for tickets whose personal data is due for deletion (cheap when none is). */
const PERSONAL_DATA_SWEEP_MS = 5_000;

export async function startServer(input: EnvInput, opts: StartOptions = {}): Promise<RunningServer> {
  const parsed = parseEnv(input);
  if (!parsed.ok) throw new ConfigError(parsed.errors);
  const env = parsed.env;
  const log = opts.log ?? jsonLogger(env.ops.logLevel);
  const rules = createRules(env.config, {
    tz: env.tz,
    clock: env.clock,
    segment: opts.testSeams?.segmenter ?? createSegmenter(env.config.privacy),
    ...(env.analysisSecret ? { hashPhone: callerHash(env.analysisSecret) } : {}),
  });
  const keys = makeKeys(env.instance, env.stream);

  const main = createRedis(env.redisUrl, 'main', log);
  const conn = createRedis(env.redisUrl, 'consumer', log);
  const cleanup = async () => {
    await closeRedis(conn);
    await closeRedis(main);
  };
  let engine: Engine;
  // eslint-disable-next-line prefer-const -- assigned once the consumer and sockets it reads exist
  let metrics: ReturnType<typeof createMetrics>;
  let consumer: StreamConsumer;
  let access: Access;
  try {
    log.info(`connecting to Redis at ${redactUrl(env.redisUrl)}`);
    await Promise.all([main.connect(), conn.connect()]);
    const directory = new Directory({
      env: env.tokens,
      file: env.tokensFile,
      tz: env.tz,
      redis: main,
      keys,
      log,
      onFileReload: (n, errors) =>
        access.audit.note(
          SYSTEM,
          'local',
          'tokens.reload',
          env.tokensFile ?? '',
          errors.length > 0 ? `kept the last list: ${errors[0]}` : `${n} people`,
        ),
    });
    try {
      await directory.load();
    } catch (err) {
      if (err instanceof TokensFileError) throw new ConfigError(err.errors);
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ConfigError([`HOTLINE_TOKENS_FILE=${env.tokensFile}: no such file`]);
      throw err;
    }
    if (directory.size === 0) {
      throw new ConfigError(['no token: HOTLINE_TOKENS is empty and HOTLINE_TOKENS_FILE names nobody (scripts/token.ts adds a person)']);
    }
    access = new Access({
      redis: main,
      keys,
      tz: env.tz,
      log,
      directory,
      sessionSeconds: env.sessionSeconds,
      trustProxy: env.trustProxy,
      failures: env.authFailures,
    });
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
      onBatch: (info) => {
        metrics.batch(info);
        broadcaster.nudge();
      },
      onDurable: (t) => metrics.durable(t),
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
    {
      snapshot: (s) => {
        realtime?.sink.snapshot(s);
        metrics.pushed('snapshot', s, realtime?.liveCount() ?? 0);
      },
      patch: (p) => {
        realtime?.sink.patch(p);
        metrics.pushed('patch', p, realtime?.liveCount() ?? 0);
      },
    },
    { pushMs: env.pushMs, heartbeatMs: env.config.limits.heartbeatMs, resyncMs: RESYNC_MS },
  );

  metrics = createMetrics({
    engine,
    consumer,
    redis: main,
    stream: keys.stream,
    group: keys.group,
    socketRoles: () => realtime?.roles() ?? [],
  });
  const ctx: HttpContext = {
    env,
    engine,
    store: ticketStore(main, keys, watch),
    // The last snapshot built (and pushed): never rebuilt per request (README, "Limits").
    snapshot: () => broadcaster.current,
    ready: async () => {
      const redis = await pingWithin(main, 1000);
      // Entries set aside as internal are defects to fix, reported here, but ingestion goes on.
      const internal = { count: consumer.internalRejections, last: consumer.lastInternal };
      return { ready: redis && consumer.status === 'running', redis, consumer: consumer.status, internal };
    },
    reload: () => realtime?.reload(),
    log,
    access,
    revalidate: async () => realtime?.revalidate(),
    wallsOnline: () => realtime?.wallsOnline() ?? new Map(),
    idempotency: idempotencyStore(main, keys),
    metrics,
  };
  const http = createServer(createHttpApp(ctx));
  const inFlight = trackRequests(http);
  realtime = attachRealtime(http, {
    access,
    checkMs: ACCESS_CHECK_MS,
    tz: env.tz,
    districtCodes: env.config.city.districts.map((d) => d.code),
    focusSeconds: env.config.limits.focusSeconds,
    current: () => broadcaster.current,
    log,
    serverOptions: socketSecurity(env.ops.origins, (origin) => log.warn(`socket refused: origin ${origin} is not allowed`)),
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
    log,
    shutdownMs: env.ops.shutdownMs,
    reload: () => realtime?.reload(),
    close: () =>
      (closing ??= (async () => {
        if (!(await inFlight.drain(env.ops.shutdownMs))) log.warn(`closing with ${inFlight.inFlight} requests still in flight`);
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
