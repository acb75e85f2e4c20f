// The stream consumer: read -> validate and apply (the core) -> persist and acknowledge (one
// MULTI/EXEC per batch) -> tell the realtime layer. Holds the instance's consumer lock while it
// reads; survives Redis going away (keeps the last state, retries, resumes where it was).
import type { RejectedEntry, StreamEntry } from '../../shared/contract/events.ts';
import {
  hydrateIds,
  hydrateTickets,
  missingTickets,
  parseEntry,
  processEntry,
  releaseDurable,
  takeChanges,
  unknownIds,
  type ParseResult,
} from '../../shared/domain/index.ts';
import type { HotlineEvent } from '../../shared/contract/events.ts';
import type { Engine } from '../core/engine.ts';
import { throttled, type Logger } from '../util/log.ts';
import { WatchError } from 'redis';
import { commitBatch, LockLostError, type BatchWrite } from './commit.ts';
import { ensureGroup } from './group.ts';
import type { Keys } from './keys.ts';
import { loadState, storedPosition, StoredStateError } from './load.ts';
import { ConsumerLock, DEFAULT_LOCK, type LockOptions } from './lock.ts';
import { readGroup } from './read-batch.ts';
import type { RedisClient } from './redis.ts';
import { isAtOrBefore } from './stream-ids.ts';

export type ConsumerStatus =
  /** Not started, or before its first read. */
  | 'starting'
  /** Another process of this instance holds the lock; this one waits to take over. */
  | 'standby'
  /** Holding the lock and reading. */
  | 'running'
  /** Redis is away or a batch failed: retrying with back-off. */
  | 'retrying'
  /** The stored state cannot be used (schema): retrying slowly, never writing. */
  | 'failed'
  | 'stopped';

export interface ConsumerOptions {
  engine: Engine;
  /** The consumer's own connection: blocking reads and WATCH need one nobody else uses. */
  conn: RedisClient;
  /** Shared connection for the lock's renewals (the consumer's own may be blocked in a read). */
  main: RedisClient;
  keys: Keys;
  batchSize: number;
  /** The loaded state the engine starts with, and its position. */
  initialPosition: string | null;
  /** The initial state is not the stored one (it waits for a migration): load it once the lock is held. */
  initialNeedsLoad?: boolean;
  onBatch: (info: { entries: number; processed: number }) => void;
  log: Logger;
  blockMs?: number;
  lock?: LockOptions;
  /** Wall clock for `lastEntryAt`; injectable for tests. */
  now?: () => number;
}

const LOCK_RETRY_MS = 500;

class StoppedError extends Error {}

export class StreamConsumer {
  #status: ConsumerStatus = 'starting';
  #stopping = false;
  #loop: Promise<void> | null = null;
  #blocked = false;
  #wake: (() => void) | null = null;
  /** Stream id of the last entry made durable. */
  #position: string | null;
  /** The engine's state equals what Redis holds at #position (nothing applied but not written). */
  #clean = true;
  #needGroup = false;
  #settled: Promise<void>;
  #settle!: () => void;
  readonly lock: ConsumerLock;
  readonly #o: ConsumerOptions;
  readonly #warn: (m: string) => void;
  lastError: string | null = null;

  constructor(o: ConsumerOptions) {
    this.#o = o;
    this.#position = o.initialPosition;
    this.#clean = !o.initialNeedsLoad;
    this.lock = new ConsumerLock(o.main, o.keys.lock, o.lock ?? DEFAULT_LOCK, () =>
      o.log.warn(`consumer lock ${o.keys.lock} lapsed or was taken: pausing until it is ours again`),
    );
    this.#warn = throttled(o.log.warn, 10_000);
    this.#settled = new Promise((r) => (this.#settle = r));
  }

  get status(): ConsumerStatus {
    return this.#status;
  }

  get position(): string | null {
    return this.#position;
  }

  /** Resolves once the consumer is reading or knows it is standing by (or failed). */
  whenSettled(): Promise<void> {
    return this.#settled;
  }

  start(): void {
    if (this.#loop) return;
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    // A blocked XREADGROUP would hold the loop up to BLOCK ms: cut it. Entries it may have been
    // handed stay pending for this consumer and are read first next time.
    if (this.#blocked && this.#o.conn.isOpen) this.#o.conn.destroy();
    await this.#loop;
    await this.lock.release();
    this.#setStatus('stopped');
  }

  #setStatus(s: ConsumerStatus): void {
    this.#status = s;
    if (s !== 'starting') this.#settle();
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      try {
        if (!this.lock.held) {
          if (!(await this.#takeOver())) {
            await this.#pause(LOCK_RETRY_MS);
            continue;
          }
          this.#setStatus('running');
        }
        if (this.#needGroup) {
          await ensureGroup(this.#o.conn, this.#o.keys, this.#position);
          this.#needGroup = false;
        }
        const entries = await this.#read();
        if (this.#status === 'retrying') this.#o.log.info('consumer: reading again');
        this.#setStatus('running');
        failures = 0;
        if (entries.length > 0) {
          const processed = await this.#applyBatch(entries);
          this.#o.onBatch({ entries: entries.length, processed });
        }
      } catch (err) {
        if (this.#stopping) break;
        if (err instanceof LockLostError) {
          this.lock.markLost();
          continue;
        }
        failures++;
        this.lastError = (err as Error).message;
        // The stream or the group was deleted under us: recreate the group at our position.
        if (this.lastError.includes('NOGROUP')) this.#needGroup = true;
        if (err instanceof StoredStateError) {
          this.#setStatus('failed');
          this.#o.log.error(err.message);
          await this.lock.release();
          await this.#pause(5000);
          continue;
        }
        this.#setStatus('retrying');
        this.#warn(`consumer: ${(err as Error).message}; retrying`);
        await this.#pause(Math.min(100 * 2 ** Math.min(failures, 5), 2000));
      }
    }
  }

  /** Take the lock; then make sure the engine holds exactly the durable state, and the group exists. */
  async #takeOver(): Promise<boolean> {
    const { conn, keys, engine, log } = this.#o;
    if (!(await this.lock.tryAcquire())) {
      if (this.#status !== 'standby') log.info(`another process consumes ${keys.stream} for ${keys.group}: standing by`);
      this.#setStatus('standby');
      return false;
    }
    try {
      // Someone else may have consumed while this process waited: reload unless nothing moved.
      const stored = await storedPosition(conn, keys);
      if (!this.#clean || stored !== this.#position) {
        const loaded = await loadState(conn, keys, engine.rules, { migrate: { log } });
        engine.state = loaded.state;
        this.#position = loaded.position;
        this.#clean = true;
      }
      const group = await ensureGroup(conn, keys, this.#position);
      log.info(`consuming ${keys.stream} as group ${keys.group} (${group}), from ${this.#position ?? 'the first entry'}`);
      return true;
    } catch (err) {
      await this.lock.release();
      throw err;
    }
  }

  /** This consumer's pending entries first (delivered before a crash, never acknowledged), then new ones. */
  async #read(): Promise<StreamEntry[]> {
    const { conn, keys, batchSize } = this.#o;
    const base = { group: keys.group, consumer: keys.consumer, stream: keys.stream, count: batchSize };
    const pending = await readGroup(conn, { ...base, from: '0' });
    if (pending.length > 0 || this.#stopping) return pending;
    this.#blocked = true;
    try {
      return await readGroup(conn, { ...base, from: '>', blockMs: this.#o.blockMs ?? 1000 });
    } finally {
      this.#blocked = false;
    }
  }

  async #applyBatch(entries: StreamEntry[]): Promise<number> {
    const { engine, log } = this.#o;
    const now = this.#o.now ?? Date.now;
    const rejections: RejectedEntry[] = [];
    let position: string | null = null;
    let processed = 0;
    // Already durable (delivered again after a crash): acknowledge only, neither applied nor a duplicate.
    const fresh = entries.filter((e) => !isAtOrBefore(e.id, this.#position));
    const parsed = fresh.map((e) => parseEntry(engine.rules, e.fields));
    await this.#loadNamed(parsed);
    for (const [i, entry] of fresh.entries()) {
      this.#clean = false;
      let outcome;
      try {
        outcome = processEntry(engine.state, engine.rules, entry, now(), parsed[i]);
      } catch (err) {
        // A bug in the core must not lose or half-write anything: let go of the lock, so the
        // half-applied state is dropped and reloaded from Redis when it is taken again.
        log.error(`core failed on entry ${entry.id}: ${(err as Error).stack ?? err}`);
        await this.lock.release();
        throw err;
      }
      if (outcome.kind === 'rejected') rejections.push({ entryId: entry.id, reason: outcome.reason, raw: outcome.raw });
      position = entry.id;
      processed++;
    }
    const write: BatchWrite = {
      changes: position !== null ? takeChanges(engine.state, engine.rules) : null,
      rejections,
      ackIds: entries.map((e) => e.id),
      position,
    };
    await this.#commit(write);
    if (position !== null) this.#position = position;
    this.#clean = true;
    this.#releaseNow();
    return processed;
  }

  /**
   * Closed tickets and old applied ids live in Redis only; load back the ones this batch names, so
   * a late visit finds its ticket and a late duplicate its id (memory.ts).
   */
  async #loadNamed(parsed: ParseResult[]): Promise<void> {
    const { conn, keys, engine } = this.#o;
    const events: HotlineEvent[] = parsed.flatMap((p) => (p.ok ? [p.event] : []));
    const tickets = missingTickets(engine.state, events);
    const ids = unknownIds(engine.state, events);
    const [ticketJson, idScores] = await Promise.all([
      tickets.length > 0 ? conn.hmGet(keys.tickets, tickets) : Promise.resolve([]),
      ids.length > 0 ? conn.zmScore(keys.ids, ids) : Promise.resolve([]),
    ]);
    hydrateTickets(
      engine.state,
      tickets.map((id, i) => [id, (ticketJson[i] as string | null) ?? null]),
    );
    hydrateIds(
      engine.state,
      ids.map((id, i) => [id, (idScores[i] as number | null) ?? null]),
    );
  }

  #releasedAt = 0;
  /** Every few seconds, with nothing waiting to be written, let go of what Redis holds. */
  #releaseNow(): void {
    const now = Date.now();
    if (now - this.#releasedAt < 10_000) return;
    this.#releasedAt = now;
    releaseDurable(this.#o.engine.state, this.#o.engine.rules);
  }

  /** Retry the same write until it is in, the lock is lost, or the server stops. */
  async #commit(write: BatchWrite): Promise<void> {
    let attempt = 0;
    for (;;) {
      if (this.#stopping) throw new StoppedError('stopping');
      try {
        await commitBatch(this.#o.conn, this.#o.keys, this.lock.token, write);
        return;
      } catch (err) {
        if (err instanceof WatchError) continue; // the lock was renewed meanwhile: check again
        if (err instanceof LockLostError) throw err;
        attempt++;
        this.lastError = (err as Error).message;
        this.#setStatus('retrying');
        this.#warn(`consumer: writing a batch failed (${(err as Error).message}); retrying`);
        await this.#pause(Math.min(100 * 2 ** Math.min(attempt, 5), 2000));
      }
    }
  }

  #pause(ms: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.#wake = done;
    });
  }
}
