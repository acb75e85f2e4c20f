// Making one batch durable: the core's changes, the rejected entries, the new position and the XACK
// of every entry of the batch, in ONE MULTI/EXEC. Either all of it is in Redis or none of it, so an
// entry delivered again after a crash is recognised by its stream id (at or before the position).
import { WatchError } from 'redis';
import type { RejectedEntry } from '../../shared/contract/events.ts';
import { SCHEMA_VERSION, type Changes } from '../../shared/domain/index.ts';
import type { Keys } from './keys.ts';
import { storedPosition } from './load.ts';
import type { RedisClient } from './redis.ts';
import { compareStreamIds } from './stream-ids.ts';

export interface BatchWrite {
  /** null when every entry of the batch was already durable (acknowledge only). */
  changes: Changes | null;
  rejections: RejectedEntry[];
  /** Every entry of the batch, processed or not. */
  ackIds: string[];
  /** The last entry processed: the new position; null when the batch only acknowledges. */
  position: string | null;
  /** Fields of the attempts hash (attempts.ts) of entries this write makes durable. */
  forgetAttempts?: string[];
}

/** Another process holds the consumer lock now: this one must not write. */
export class LockLostError extends Error {
  constructor() {
    super('the consumer lock was lost');
    this.name = 'LockLostError';
  }
}

export type CommitResult = 'written' | 'already-durable';

/**
 * Write the batch, fenced by the lock: WATCH the lock key, check it is still ours, then MULTI/EXEC.
 * A renewal of the lock between WATCH and EXEC aborts the EXEC harmlessly (WatchError): the caller
 * just tries again. `conn` must be a connection nobody else uses concurrently (WATCH is per
 * connection).
 */
export async function commitBatch(conn: RedisClient, keys: Keys, lockToken: string, w: BatchWrite): Promise<CommitResult> {
  // WATCH, the lock's holder and the stored position in one round trip (sent together, answered in order).
  const watched = conn.watch(keys.lock);
  const holder = conn.get(keys.lock);
  const position = w.position !== null ? storedPosition(conn, keys) : Promise.resolve(null);
  try {
    const [, lock, stored] = await Promise.all([watched, holder, position]);
    if (lock !== lockToken) throw new LockLostError();
    // A retry after a lost EXEC reply: the write may already be in. The position tells.
    if (w.position !== null && stored !== null && compareStreamIds(stored, w.position) >= 0) {
      await conn.unwatch();
      // The acknowledgements went in with it; sending them again is harmless and makes sure.
      if (w.ackIds.length > 0) await conn.xAck(keys.stream, keys.group, w.ackIds);
      return 'already-durable';
    }
    const m = conn.multi();
    if (w.changes) addChanges(m, keys, w.changes, w.position);
    for (const r of w.rejections) {
      m.eval(ADD_REJECTED, { keys: [keys.rejected], arguments: [r.entryId, r.reason, r.raw] });
    }
    if (w.forgetAttempts && w.forgetAttempts.length > 0) m.hDel(keys.attempts, w.forgetAttempts);
    if (w.ackIds.length > 0) m.xAck(keys.stream, keys.group, w.ackIds);
    await m.exec();
    return 'written';
  } catch (err) {
    if (!(err instanceof WatchError)) await conn.unwatch().catch(() => undefined);
    throw err;
  }
}

type Multi = ReturnType<RedisClient['multi']>;

/**
 * A rejected entry is stored under its own stream id, so however many instances (each with its own
 * consumer group) reject it, the :rejected stream holds it once: the second XADD with an id not
 * above the stream's top fails, and redis.pcall keeps that failure inside the script.
 */
const ADD_REJECTED = `
local r = redis.pcall('XADD', KEYS[1], ARGV[1], 'entryId', ARGV[1], 'reason', ARGV[2], 'raw', ARGV[3])
if type(r) == 'table' and r.err then return 0 end
return 1`;

function addChanges(m: Multi, keys: Keys, c: Changes, position: string | null): void {
  // The position goes in with every write that moves it, in the same hash as the core's meta.
  const meta: Record<string, string> = { schema: String(SCHEMA_VERSION), stream: keys.stream };
  if (c.meta !== null) meta.state = c.meta;
  if (position !== null) meta.position = position;
  m.hSet(keys.meta, meta);
  if (c.tickets.size > 0) m.hSet(keys.tickets, c.tickets);
  if (c.details.size > 0) m.hSet(keys.details, c.details);
  if (c.closed.length > 0)
    m.zAdd(
      keys.closed,
      c.closed.map(([value, score]) => ({ value, score })),
    );
  if (c.days.size > 0) m.hSet(keys.days, c.days);
  if (c.topics.size > 0) m.hSet(keys.topics, c.topics);
  if (c.forgetTopics.length > 0) m.hDel(keys.topics, c.forgetTopics);
  if (c.facts.size > 0) m.hSet(keys.facts, c.facts);
  if (c.forgetFacts.length > 0) m.hDel(keys.facts, c.forgetFacts);
  if (c.rollups.size > 0) m.hSet(keys.rollups, c.rollups);
  if (c.depts.size > 0) m.hSet(keys.depts, c.depts);
  // One RPUSH per ticket, its events in stream order.
  const byTicket = new Map<string, string[]>();
  for (const [ticketId, json] of c.timeline) {
    let list = byTicket.get(ticketId);
    if (!list) byTicket.set(ticketId, (list = []));
    list.push(json);
  }
  for (const [ticketId, list] of byTicket) m.rPush(keys.timeline(ticketId), list);
  if (c.ids.length > 0)
    m.zAdd(
      keys.ids,
      c.ids.map(([value, score]) => ({ value, score })),
    );
  if (c.forgetIdsBefore !== null) m.zRemRangeByScore(keys.ids, '-inf', `(${c.forgetIdsBefore}`);
}
