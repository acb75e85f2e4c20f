// What the browser benchmarks (bench:render, bench:soak) share: a private redis-server on a free
// port with the server in-process serving the built client under the event clock, and a main that
// stops everything it started on the way out, Ctrl-C and kills included.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../server/app.ts';
import { silentLogger } from '../../server/util/log.ts';
import { ROOT } from './paths.ts';
import { startRedisChild, type RedisChild } from './redis-child.ts';

export interface BenchServer {
  redis: RedisChild;
  server: RunningServer;
  /** A wall token. */
  token: string;
  stream: string;
}

/** Redis (its data in `tmp`), then the server on 127.0.0.1:0 pushing every `pushMs`. */
export async function startBenchServer(
  name: string,
  tmp: string,
  pushMs: number,
  started: { redis?: RedisChild; server?: RunningServer },
): Promise<BenchServer> {
  const redis = (started.redis = await startRedisChild(tmp));
  const token = `bench-${randomUUID()}`;
  const stream = `bench:${name}:events`;
  const server = (started.server = await startServer(
    {
      HOTLINE_TOKENS: `wall:${token}`,
      REDIS_URL: redis.url,
      PORT: '0',
      HOST: '127.0.0.1',
      HOTLINE_STREAM: stream,
      HOTLINE_INSTANCE: `bench-${name}`,
      HOTLINE_CLOCK: 'event',
      HOTLINE_PUSH_MS: String(pushMs),
      HOTLINE_STATIC: join(ROOT, 'dist/client'),
    },
    { log: silentLogger },
  ));
  return { redis, server, token, stream };
}

/** Runs `main`, then `stopAll` whatever happens (also on SIGINT/SIGTERM), and exits 0 or 1. */
export async function runBench(name: string, main: () => Promise<void>, stopAll: () => Promise<void>): Promise<never> {
  // Ctrl-C or a kill: stop what was started (the private Redis runs in its own process group).
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      console.log(`[bench:${name}] ${sig}: stopping`);
      setTimeout(() => process.exit(130), 15_000).unref();
      void stopAll().finally(() => process.exit(130));
    });
  }
  let code = 0;
  try {
    await main();
  } catch (err) {
    console.error(`[bench:${name}] failed: ${(err as Error).stack ?? err}`);
    code = 1;
  } finally {
    await stopAll();
  }
  process.exit(code);
}
