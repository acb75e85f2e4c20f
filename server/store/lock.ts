// The consumer lock: one process per instance reads the stream at a time (SET NX PX, renewed every
// second). Another process of the same instance waits and takes over when the lock lapses, so
// processes never split the stream between them. Renewal and release only touch the lock when it
// still holds this process's token.
import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis.ts';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LockOptions {
  ttlMs: number;
  renewMs: number;
}

export const DEFAULT_LOCK: LockOptions = { ttlMs: 3000, renewMs: 1000 };

export class ConsumerLock {
  readonly token = randomUUID();
  #held = false;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly conn: RedisClient,
    readonly key: string,
    private readonly opts: LockOptions = DEFAULT_LOCK,
    /** Called once when a renewal finds the lock taken or lapsed. */
    private readonly onLost: () => void = () => {},
  ) {}

  get held(): boolean {
    return this.#held;
  }

  async tryAcquire(): Promise<boolean> {
    const ok = await this.conn.set(this.key, this.token, { condition: 'NX', expiration: { type: 'PX', value: this.opts.ttlMs } });
    if (ok !== 'OK') return false;
    this.#held = true;
    this.#startRenewing();
    return true;
  }

  /** Forget the lock locally (a write found it gone); a later tryAcquire may take it again. */
  markLost(): void {
    if (!this.#held) return;
    this.#held = false;
    this.#stopRenewing();
    this.onLost();
  }

  async release(): Promise<void> {
    this.#stopRenewing();
    if (!this.#held) return;
    this.#held = false;
    if (!this.conn.isReady) return; // it lapses by itself
    await this.conn.eval(RELEASE, { keys: [this.key], arguments: [this.token] }).catch(() => undefined);
  }

  #startRenewing(): void {
    this.#stopRenewing();
    this.#timer = setInterval(() => void this.#renew(), this.opts.renewMs);
    this.#timer.unref();
  }

  #stopRenewing(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #renew(): Promise<void> {
    if (!this.#held || !this.conn.isReady) return; // Redis away: the next write's fence decides
    try {
      const r = await this.conn.eval(RENEW, { keys: [this.key], arguments: [this.token, String(this.opts.ttlMs)] });
      if (Number(r) !== 1) this.markLost();
    } catch {
      // A failed renewal is not a lost lock; a lapsed one is found at the next renewal or write.
    }
  }
}
