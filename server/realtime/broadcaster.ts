// The push loop: every HOTLINE_PUSH_MS build the snapshot; when a figure changed, or nothing was sent
// for heartbeatMs, send the next message to every up-to-date client: a JSON Patch against the last
// message, or (about once a minute) the whole snapshot as a resync. One global seq; the last message
// sent is the base of the next patch, so it is also what a new client gets on connect.
import { createPatch } from 'rfc6902';
import type { PatchMessage, Snapshot } from '../../shared/contract/snapshot.ts';
import type { SnapshotBuilder } from '../core/snapshots.ts';

export interface BroadcastSink {
  snapshot(s: Snapshot): void;
  patch(p: PatchMessage): void;
}

export interface BroadcasterOptions {
  pushMs: number;
  heartbeatMs: number;
  resyncMs: number;
}

/** Fields that change on every build without a figure changing. */
function figuresKey(s: Snapshot): string {
  return JSON.stringify({ ...s, seq: 0, builtAt: '', asOf: '' });
}

export class Broadcaster {
  #seq = 0;
  #last: Snapshot | null = null;
  #lastKey = '';
  #lastSentAt = 0;
  #lastFullAt = 0;
  #timer: NodeJS.Timeout | null = null;
  #early: NodeJS.Timeout | null = null;

  constructor(
    private readonly build: SnapshotBuilder,
    private readonly sink: BroadcastSink,
    private readonly o: BroadcasterOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The last message sent (seq included): the base of the next patch. */
  get current(): Snapshot {
    if (!this.#last) this.#prime();
    return this.#last!;
  }

  get seq(): number {
    return this.#seq;
  }

  start(): void {
    if (!this.#last) this.#prime();
    this.#timer = setInterval(() => this.tick(), this.o.pushMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#early) clearTimeout(this.#early);
    this.#timer = null;
    this.#early = null;
  }

  #prime(): void {
    const now = this.now();
    this.#last = this.build(++this.#seq, now);
    this.#lastKey = figuresKey(this.#last);
    this.#lastSentAt = now;
    this.#lastFullAt = now;
  }

  /**
   * Entries were applied: when the loop has been idle for a push interval, send now instead of at
   * the next turn, so a quiet wall sees an event at once (still at most one message per interval).
   */
  nudge(): void {
    if (!this.#timer || this.#early || this.now() - this.#lastSentAt < this.o.pushMs) return;
    this.#early = setTimeout(() => {
      this.#early = null;
      this.tick();
    }, 0);
    this.#early.unref();
  }

  /** One turn of the loop (public for tests). Returns what it sent. */
  tick(): 'patch' | 'snapshot' | null {
    const now = this.now();
    // Just sent (after a nudge): wait for the next turn. 0.9 leaves room for timer jitter.
    if (now - this.#lastSentAt < this.o.pushMs * 0.9) return null;
    const prev = this.current;
    const next = this.build(this.#seq + 1, now);
    const key = figuresKey(next);
    if (key === this.#lastKey && now - this.#lastSentAt < this.o.heartbeatMs) return null;
    this.#seq = next.seq;
    this.#last = next;
    this.#lastKey = key;
    this.#lastSentAt = now;
    if (now - this.#lastFullAt >= this.o.resyncMs) {
      this.#lastFullAt = now;
      this.sink.snapshot(next);
      return 'snapshot';
    }
    this.sink.patch({ seq: next.seq, ops: createPatch(prev, next) });
    return 'patch';
  }
}
