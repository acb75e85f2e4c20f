// Redis connections: reconnect forever with a capped back-off, fail fast while disconnected (so HTTP
// answers 503 and the consumer retries instead of piling commands up), and log errors throttled.
import { createClient } from 'redis';
import { throttled, type Logger } from '../util/log.ts';

export type RedisClient = ReturnType<typeof createRedis>;

export function createRedis(url: string, name: string, log: Logger) {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      // Reconnect forever: a Redis restart must not need a server restart.
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 5), 2000),
    },
  });
  const warn = throttled(log.warn, 10_000);
  // Without an 'error' listener node-redis errors would crash the process.
  client.on('error', (err: Error) => warn(`redis (${name}): ${err.message}`));
  return client;
}

/** Close without waiting for a dead server: graceful when connected, destroy otherwise. */
export async function closeRedis(client: RedisClient): Promise<void> {
  try {
    if (client.isReady) await client.close();
    else if (client.isOpen) client.destroy();
  } catch {
    if (client.isOpen) client.destroy();
  }
}

/** PING with a deadline: readiness must answer quickly even when Redis hangs. */
export async function pingWithin(client: RedisClient, ms: number): Promise<boolean> {
  if (!client.isReady) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((r) => {
    timer = setTimeout(() => r(false), ms);
  });
  try {
    return await Promise.race([client.ping().then((p) => p === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
