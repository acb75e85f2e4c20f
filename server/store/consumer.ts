// The stream consumer: read -> validate and apply (the core) -> persist and acknowledge (one
// MULTI/EXEC per batch) -> tell the realtime layer. Holds the instance's consumer lock while it
// reads; survives Redis going away (keeps the last state, retries, resumes where it was). An entry
// the product itself fails on is tried 3 times in all, then set aside as `internal` (events.md):
// one bad entry never stops ingestion.
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
  type CoreState,
  type EntryOutcome,
  type ParseResult,
  type Rules,
} from '../../shared/domain/index.ts';
import type { HotlineEvent } from '../../shared/contract/events.ts';
import type { Engine } from '../core/engine.ts';
import { throttled, type Logger } from '../util/log.ts';
import { WatchError } from 'redis';
import { Attempts, attemptFields } from './attempts.ts';
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
  onBatch: (info: { entries: number; processed: number; ms: number }) => void;
  /** Entries just made durable, by outcome (metrics): counted once, however often a run was tried. */
  onDurable?: (tally: OutcomeTally) => void;
  log: Logger;
  blockMs?: number;
  lock?: LockOptions;
  /** Wall clock for `lastEntryAt` and for an `at` too far ahead; injectable for tests. */
  now?: () => number;
  /**
   * Test seam: called after the core processed each entry (not one set aside). A throw here is the
   * product failing on that entry after the state changed, as a bug in the core would.
   */
  afterEntry?: (entry: StreamEntry) => void;
}

export interface OutcomeTally {
  applied: number;
  duplicates: number;
  rejected: Map<string, number>;
}

/** An entry set aside because the product failed on it (events.md `internal`). */
export interface InternalRejection {
  entryId: string;
  message: string;
  /** When it was set aside (wall clock, ISO). */
  at: string;
}

const LOCK_RETRY_MS = 500;
/** Attempts at an entry the product fails on, in all, before it is set aside (events.md `internal`). */
export const MAX_ATTEMPTS = 3;

/** One run of entries being applied: acknowledgements that go with its first write, attempts already counted. */
interface Run {
  entries: StreamEntry[];
  parsed: ParseResult[];
  /** Entries durable already (delivered again): acknowledged with the first write. */
  acks: string[];
  /** Entries whose current attempt was counted when it began (attempts.ts). */
  counted: Set<string>;
}

const isSetAside = (p: ParseResult) => !p.ok && p.code === 'internal';
/** `wallNow`: the server's clock as the entry arrives (an `at` more than 24 h ahead of it is `schema`). */
function attemptParse(rules: Rules, entry: StreamEntry, wallNow: number): ParseResult | { error: unknown } {
  try {
    return parseEntry(rules, entry.fields, { wallNow });
  } catch (error) {
    return { error };
  }
}
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)) || 'unknown error';

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
  /** Read the pending list before new entries: at the start, after a take-over and after any failure. */
  #checkPending = true;
  /** The next batch, asked for while the current one is applied (null: its read failed). */
  #ahead: Promise<StreamEntry[] | null> | null = null;
  #settled: Promise<void>;
  #settle!: () => void;
  readonly lock: ConsumerLock;
  readonly #o: ConsumerOptions;
  readonly #warn: (m: string) => void;
  readonly #attempts: Attempts;
  /** Entries with fields in the attempts hash, cleared by the write that makes them durable. */
  readonly #attempted = new Set<string>();
  lastError: string | null = null;
  /** Entries set aside as `internal` by this process (a counter for the metrics). */
  internalRejections = 0;
  lastInternal: InternalRejection | null = null;
  /** Times this process loaded the state from Redis (taking over, or after a failure). */
  stateLoads = 0;

  constructor(o: ConsumerOptions) {
    this.#o = o;
    this.#position = o.initialPosition;
    this.#clean = !o.initialNeedsLoad;
    this.lock = new ConsumerLock(o.main, o.keys.lock, o.lock ?? DEFAULT_LOCK, () =>
      o.log.warn(`consumer lock ${o.keys.lock} lapsed or was taken: pausing until it is ours again`),
    );
    this.#warn = throttled(o.log.warn, 10_000);
    this.#attempts = new Attempts(o.conn, o.keys);
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
        // A failure in the middle of a run (Redis away while recovering) left the state unfinished.
        if (!this.#clean) await this.#loadState('a batch was left unfinished');
        if (this.#needGroup) {
          await ensureGroup(this.#o.conn, this.#o.keys, this.#position);
          this.#needGroup = false;
        }
        const { entries, redelivered } = await this.#read();
        if (this.#status === 'retrying') this.#o.log.info('consumer: reading again');
        this.#setStatus('running');
        failures = 0;
        if (!redelivered) this.#readAhead(entries.length);
        if (entries.length > 0) {
          const t0 = performance.now();
          const processed = await this.#applyBatch(entries, redelivered);
          this.#o.onBatch({ entries: entries.length, processed, ms: performance.now() - t0 });
        }
      } catch (err) {
        this.#checkPending = true;
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
    const { conn, keys, log } = this.#o;
    if (!(await this.lock.tryAcquire())) {
      if (this.#status !== 'standby') log.info(`another process consumes ${keys.stream} for ${keys.group}: standing by`);
      this.#setStatus('standby');
      return false;
    }
    this.#checkPending = true;
    try {
      // Someone else may have consumed while this process waited: reload unless nothing moved.
      const stored = await storedPosition(conn, keys);
      if (!this.#clean || stored !== this.#position) await this.#loadState('taking over the stream');
      await this.#attempts.forgetUpTo(this.#position);
      const group = await ensureGroup(conn, keys, this.#position);
      log.info(`consuming ${keys.stream} as group ${keys.group} (${group}), from ${this.#position ?? 'the first entry'}`);
      return true;
    } catch (err) {
      await this.lock.release();
      throw err;
    }
  }

  /** The state as Redis holds it, in place of the engine's (a failure, or another process moved on). */
  async #loadState(why: string): Promise<void> {
    const { conn, keys, engine, log } = this.#o;
    log.info(`consumer: loading the state from Redis (${why})`);
    const loaded = await loadState(conn, keys, engine.rules, { migrate: { log } });
    engine.state = loaded.state;
    this.#position = loaded.position;
    this.#clean = true;
    this.stateLoads++;
  }

  /**
   * This consumer's pending entries first (delivered before a crash, never acknowledged), then new
   * ones. `redelivered`: they come from the pending list. The pending list is read after a take-over
   * or a failure only: while batches go through, it holds nothing but the batch read ahead.
   */
  async #read(): Promise<{ entries: StreamEntry[]; redelivered: boolean }> {
    const { conn, keys, batchSize } = this.#o;
    const ahead = this.#ahead;
    this.#ahead = null;
    if (ahead && !this.#checkPending) {
      const entries = await ahead;
      if (entries !== null) return { entries, redelivered: false };
    }
    const base = { group: keys.group, consumer: keys.consumer, stream: keys.stream, count: batchSize };
    if (this.#checkPending || ahead) {
      const pending = await readGroup(conn, { ...base, from: '0' });
      if (pending.length > 0 || this.#stopping) return { entries: pending, redelivered: true };
      this.#checkPending = false;
    }
    this.#blocked = true;
    try {
      return { entries: await readGroup(conn, { ...base, from: '>', blockMs: this.#o.blockMs ?? 1000 }), redelivered: false };
    } finally {
      this.#blocked = false;
    }
  }

  /**
   * A full batch means a backlog: ask for the next one now (without blocking), so Redis reads it
   * while this one is applied and written. Its entries are delivered, pending until their batch is
   * durable; should anything fail before, the pending list is read again and they come from there.
   */
  #readAhead(count: number): void {
    if (count < this.#o.batchSize || this.#stopping) return;
    const { conn, keys, batchSize } = this.#o;
    this.#ahead = readGroup(conn, { group: keys.group, consumer: keys.consumer, stream: keys.stream, count: batchSize, from: '>' }).catch(
      () => null,
    );
  }

  async #applyBatch(entries: StreamEntry[], redelivered: boolean): Promise<number> {
    // Already durable (delivered again after a crash): acknowledge only, neither applied nor a duplicate.
    const acks = entries.filter((e) => isAtOrBefore(e.id, this.#position)).map((e) => e.id);
    const fresh = entries.filter((e) => !isAtOrBefore(e.id, this.#position));
    if (fresh.length === 0) {
      await this.#commit({ changes: null, rejections: [], ackIds: acks, position: null });
      return 0;
    }
    const run = (batch: StreamEntry[]): Run => ({ entries: batch, parsed: [], acks, counted: new Set() });
    if (!redelivered) {
      await this.#applyRun(run(fresh), false);
    } else {
      // Delivered before and never made durable: the process may have died on one of them. One at
      // a time, each attempt counted before it runs, so not even a crash makes the attempts unlimited.
      for (const entry of fresh) await this.#applyRun(run([entry]), true);
    }
    this.#releaseNow();
    return fresh.length;
  }

  /** Parses the run's entries, loads back what they name, applies them in order and makes them durable. */
  async #applyRun(run: Run, countFirst: boolean): Promise<void> {
    const rules = this.#o.engine.rules;
    for (const entry of run.entries) {
      // The first attempt without a wait on Redis, unless it must be counted before it runs.
      const first = countFirst ? null : attemptParse(rules, entry, (this.#o.now ?? Date.now)());
      run.parsed.push(first && !('error' in first) ? first : await this.#parseAgain(entry, run, first?.error));
    }
    await this.#loadNamed(run.parsed);
    await this.#applyDurably(run, 0, run.entries.length);
  }

  /**
   * Parsing touches no state: a throw (jieba, say) is retried at once, each attempt counted, and
   * after MAX_ATTEMPTS the entry is set aside. `firstError`: how the uncounted first attempt failed;
   * none: count the first attempt before it runs.
   */
  async #parseAgain(entry: StreamEntry, run: Run, firstError?: unknown): Promise<ParseResult> {
    const rules = this.#o.engine.rules;
    let attempts: number;
    let message: string;
    if (firstError === undefined) {
      attempts = await this.#beginAttempt(entry, run);
      if (attempts > MAX_ATTEMPTS) {
        return this.#setAside(entry, (await this.#attempts.lastError(entry.id)) ?? 'the server stopped while processing this entry');
      }
      const first = attemptParse(rules, entry, (this.#o.now ?? Date.now)());
      if (!('error' in first)) return first;
      firstError = first.error;
    }
    message = messageOf(firstError);
    attempts = await this.#failed(entry, firstError, run);
    while (attempts < MAX_ATTEMPTS) {
      attempts = await this.#beginAttempt(entry, run);
      const again = attemptParse(rules, entry, (this.#o.now ?? Date.now)());
      if (!('error' in again)) return again;
      message = messageOf(again.error);
      await this.#failed(entry, again.error, run);
    }
    return this.#setAside(entry, message);
  }

  /**
   * Applies run entries [from, to) to a clean state (what Redis holds at the position) and makes
   * them durable. When the product fails on one, the state may hold it half-applied: it is loaded
   * again from Redis, the entries before the failing one are applied again and made durable, the
   * failing one is tried again on throwaway copies of the state and then applied or set aside, and
   * the rest go on. The state is loaded once per failing entry, never in a loop.
   */
  async #applyDurably(run: Run, from: number, to: number): Promise<void> {
    const { engine } = this.#o;
    const done = this.#applyRange(run, from, to);
    if (done.failedAt === null) {
      await this.#write(run, from, to, done.rejections);
      this.#o.onDurable?.(done.tally);
      return;
    }
    const k = done.failedAt;
    const entry = run.entries[k];
    // Setting an entry aside only counts it as rejected: should even that fail, stop here (and retry with back-off).
    if (isSetAside(run.parsed[k])) throw done.error;
    let attempts = await this.#failed(entry, done.error, run);
    let message = messageOf(done.error);
    const expected = this.#position;
    await this.#loadState(`the product failed on entry ${entry.id}; applying again without it`);
    if (this.#position !== expected) throw new LockLostError(); // another process moved on meanwhile
    await this.#loadNamed(run.parsed.slice(from, to));
    if (k > from) await this.#applyDurably(run, from, k);
    let succeeded = false;
    while (!succeeded && attempts < MAX_ATTEMPTS) {
      attempts = await this.#beginAttempt(entry, run);
      try {
        this.#process(structuredClone(engine.state), entry, run.parsed[k]);
        succeeded = true;
      } catch (err) {
        message = messageOf(err);
        await this.#failed(entry, err, run);
      }
    }
    if (!succeeded) run.parsed[k] = this.#setAside(entry, message);
    // For real now: what worked on a copy (should it fail here after all, that is one more attempt),
    // or setting the entry aside.
    await this.#applyDurably(run, k, k + 1);
    if (k + 1 < to) await this.#applyDurably(run, k + 1, to);
  }

  /** Applies run entries [from, to) in order until the product fails on one. */
  #applyRange(
    run: Run,
    from: number,
    to: number,
  ): { failedAt: null; rejections: RejectedEntry[]; tally: OutcomeTally } | { failedAt: number; error: unknown } {
    const rejections: RejectedEntry[] = [];
    const tally: OutcomeTally = { applied: 0, duplicates: 0, rejected: new Map() };
    this.#clean = false;
    for (let i = from; i < to; i++) {
      try {
        const outcome = this.#process(this.#o.engine.state, run.entries[i], run.parsed[i]);
        if (outcome.kind === 'applied') tally.applied++;
        else if (outcome.kind === 'duplicate') tally.duplicates++;
        else {
          tally.rejected.set(outcome.code, (tally.rejected.get(outcome.code) ?? 0) + 1);
          rejections.push({ entryId: run.entries[i].id, reason: outcome.reason, raw: outcome.raw });
        }
      } catch (error) {
        return { failedAt: i, error };
      }
    }
    return { failedAt: null, rejections, tally };
  }

  #process(state: CoreState, entry: StreamEntry, parsed: ParseResult): EntryOutcome {
    const { engine } = this.#o;
    const outcome = processEntry(state, engine.rules, entry, (this.#o.now ?? Date.now)(), parsed);
    if (!isSetAside(parsed)) this.#o.afterEntry?.(entry);
    return outcome;
  }

  /** Makes run entries [from, to) durable: their changes, rejections, acknowledgements and position. */
  async #write(run: Run, from: number, to: number, rejections: RejectedEntry[]): Promise<void> {
    const { engine } = this.#o;
    const ids = run.entries.slice(from, to).map((e) => e.id);
    const attempted = ids.filter((id) => this.#attempted.has(id));
    await this.#commit({
      changes: takeChanges(engine.state, engine.rules),
      rejections,
      ackIds: [...run.acks.splice(0), ...ids],
      position: ids.at(-1)!,
      forgetAttempts: attemptFields(attempted),
    });
    this.#position = ids.at(-1)!;
    this.#clean = true;
    for (const id of attempted) {
      this.#attempted.delete(id);
      run.counted.delete(id);
    }
  }

  async #beginAttempt(entry: StreamEntry, run: Run): Promise<number> {
    this.#attempted.add(entry.id);
    run.counted.add(entry.id);
    return this.#attempts.begin(entry.id);
  }

  /** Records and logs a failed attempt; answers the attempts so far. */
  async #failed(entry: StreamEntry, err: unknown, run: Run): Promise<number> {
    this.#attempted.add(entry.id);
    const attempts = await this.#attempts.failed(entry.id, messageOf(err), run.counted.has(entry.id));
    run.counted.delete(entry.id);
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    this.#o.log.error(`consumer: the product failed on entry ${entry.id} (attempt ${attempts} of ${MAX_ATTEMPTS}): ${detail}`);
    return attempts;
  }

  /** The entry as a rejection `internal: <message>`: counted as rejected, reported, and ingestion goes on. */
  #setAside(entry: StreamEntry, message: string): ParseResult {
    this.internalRejections++;
    this.lastInternal = { entryId: entry.id, message, at: new Date((this.#o.now ?? Date.now)()).toISOString() };
    this.#o.log.error(`consumer: entry ${entry.id} set aside as internal after ${MAX_ATTEMPTS} attempts: ${message}`);
    return { ok: false, code: 'internal', reason: `internal: ${message}`, raw: entry.fields.event ?? '' };
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
