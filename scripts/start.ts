// npm start (after scripts/setup.sh): everything on one machine. A private Redis in data/ (unless
// REDIS_URL is given), tokens kept in data/tokens.json (unless HOTLINE_TOKENS is given), the client
// built when stale, the server in-process, and the simulator feeding it (SIM=off to disable; with REDIS_URL set, only SIM=on runs it).
import { startServer } from '../server/app.ts';
import { redactUrl } from '../server/ops/redact.ts';
import { prettyLogger } from './lib/pretty-log.ts';
import { ConfigError } from '../server/config/env.ts';
import { runSimulator, type SimulatorHandle } from './lib/run-simulator.ts';
import { ensureClientBuilt } from './lib/build-client.ts';
import { DATA_DIR, ROOT } from './lib/paths.ts';
import { startRedisChild, type RedisChild } from './lib/redis-child.ts';
import { startTokens } from './lib/tokens.ts';
import { screenUrls } from './lib/urls.ts';

const log = (line: string) => console.log(`[start] ${line}`);
/** Since the process started (performance.now() counts from then), so tsx's start-up counts too. */
const elapsed = () => `${(performance.now() / 1000).toFixed(1)} s`;

let redis: RedisChild | null = null;
let server: Awaited<ReturnType<typeof startServer>> | null = null;
let sim: SimulatorHandle | null = null;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  // A close that hangs must not keep the process up.
  setTimeout(() => process.exit(code || 1), 15_000).unref();
  await sim?.stop().catch(() => undefined);
  await server?.close().catch((err: Error) => console.error(`[start] server close: ${err.message}`));
  await redis?.stop().catch(() => undefined);
  log('stopped');
  process.exit(code);
}

function simSpeed(): number {
  const raw = process.env.SIM_SPEED?.trim() || '5';
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`SIM_SPEED must be a positive number, got ${raw}`);
  return n;
}

async function main(): Promise<void> {
  process.chdir(ROOT);
  process.on('SIGINT', () => {
    log(stopping ? 'second Ctrl-C: exiting now' : 'stopping (Ctrl-C again to force)');
    void shutdown(0);
  });
  process.on('SIGTERM', () => void shutdown(0));

  // The simulator writes only to the Redis that npm start manages, or where SIM=on points it.
  const simSetting = process.env.SIM?.trim().toLowerCase();
  const simOn = simSetting === 'on' || (simSetting !== 'off' && !process.env.REDIS_URL?.trim());
  const speed = simOn ? simSpeed() : 0;
  const tokens = startTokens(DATA_DIR);
  log(`tokens from ${tokens.source}`);

  let redisUrl = process.env.REDIS_URL?.trim();
  if (!redisUrl) {
    redis = await startRedisChild(DATA_DIR);
    redisUrl = redis.url;
    log(`redis-server at ${redactUrl(redisUrl)} (password in data/redis.pass, data in data/redis, appendonly) after ${elapsed()}`);
  }

  await ensureClientBuilt(ROOT, log);

  const env = {
    ...process.env,
    HOTLINE_TOKENS: tokens.env,
    REDIS_URL: redisUrl,
    HOTLINE_STATIC: process.env.HOTLINE_STATIC ?? `${ROOT}dist/client`,
  };
  server = await startServer(env, { log: prettyLogger(process.env.LOG_LEVEL?.trim() || 'info') });

  if (simOn) {
    log(`simulator writes to ${redactUrl(redisUrl)} (SIM=off to disable; with REDIS_URL set it runs only with SIM=on)`);
    sim = runSimulator({
      redisUrl,
      stream: process.env.HOTLINE_STREAM?.trim() || undefined,
      speed,
      log: (line) => console.log(`[sim] ${line}`),
    });
    sim.done.catch((err: Error) => console.error(`[sim] stopped: ${err.message}`));
  }

  console.log('');
  console.log(`Lianxin is ready in ${elapsed()} on port ${server.port}${simOn ? `, simulator at ${speed}x` : ', simulator off'}:`);
  for (const line of screenUrls(server.port, tokens)) console.log(line);
  for (const n of server.notices) console.log(`  notice: ${n}`);
  console.log('Ctrl-C stops everything.\n');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error('[start] refusing to start, the configuration is invalid:');
    for (const line of err.errors) console.error(`  ${line}`);
  } else if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`[start] failed: port ${process.env.PORT ?? 8080} is in use; choose another with PORT=...`);
  } else {
    console.error(`[start] failed: ${(err as Error).message}`);
  }
  void shutdown(1);
});
