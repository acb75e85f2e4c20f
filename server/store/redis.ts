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

/** How long a request waits for Redis before it answers 503 (a hung Redis, not one that is away). */
export const COMMAND_DEADLINE_MS = 2000;

export class RedisDeadlineError extends Error {}

/**
 * `p`, or a rejection once `ms` have passed. A command written to a Redis that hangs (SIGSTOP, a
 * long blocking script) never fails by itself: the socket stays open. Its reply, should it come,
 * is dropped.
 */
export async function withinDeadline<T>(p: Promise<T>, ms: number, what = 'redis'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisDeadlineError(`${what} did not answer within ${ms} ms`)), ms);
  });
  p.catch(() => undefined); // a late failure after the deadline is not unhandled
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** PING with a deadline: readiness must answer quickly even when Redis hangs. */
export async function pingWithin(client: RedisClient, ms: number): Promise<boolean> {
  if (!client.isReady) return false;
  try {
    return (await withinDeadline(client.ping(), ms)) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * Whether a connected Redis answers: one PING at a time every `everyMs`; one that has not answered
 * after `deadlineMs` makes Redis unresponsive (since when it was sent) until a PING answers again.
 * A disconnected client is the reconnect logic's business (isReady), not this.
 */
export class RedisWatch {
  #inFlightSince: number | null = null;
  #hungSince: number | null = null;
  readonly #timer: NodeJS.Timeout;

  constructor(
    readonly client: RedisClient,
    o: { everyMs?: number; deadlineMs?: number; now?: () => number } = {},
  ) {
    const now = o.now ?? Date.now;
    const deadline = o.deadlineMs ?? COMMAND_DEADLINE_MS;
    this.#timer = setInterval(() => {
      if (this.#inFlightSince !== null) {
        if (this.#hungSince === null && now() - this.#inFlightSince > deadline) this.#hungSince = this.#inFlightSince;
        return;
      }
      if (!client.isReady) return;
      const sent = (this.#inFlightSince = now());
      client
        .ping()
        .then(() => {
          if (this.#inFlightSince === sent) this.#hungSince = null;
        })
        .catch(() => undefined)
        .finally(() => {
          if (this.#inFlightSince === sent) this.#inFlightSince = null;
        });
    }, o.everyMs ?? 500);
    this.#timer.unref();
  }

  /** Connected and answering (or not known otherwise yet). */
  responsive(): boolean {
    return this.client.isReady && this.#hungSince === null;
  }

  /** Since when a connected Redis has not answered; null while it answers. */
  hungSince(): number | null {
    return this.client.isReady ? this.#hungSince : null;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
