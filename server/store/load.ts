// Loading the durable state: everything under the instance's prefix, scanned into the core's
// restoreState. The position (the last entry made durable) is read alongside, from the same hash
// the batch writes it to, so it always matches the state.
import { createState, releaseDurable, restoreState, SCHEMA_VERSION, type CoreState, type Rules } from '../../shared/domain/index.ts';
import type { Logger } from '../util/log.ts';
import type { Keys } from './keys.ts';
import { migrateStored } from './migrate.ts';
import type { RedisClient } from './redis.ts';

export interface Loaded {
  state: CoreState;
  /** Stream id of the last entry made durable; null before the first batch. */
  position: string | null;
  /**
   * The stored state has an older schema and was not migrated (no `migrate` given): `state` is
   * empty and `position` null, so the consumer, once it holds the lock, loads again and migrates.
   */
  needsMigration?: boolean;
}

export interface LoadOptions {
  /** Run pending migrations (only while holding the consumer lock). */
  migrate?: { log: Logger };
}

/** The stored state cannot be used by this server: stop with the message, never overwrite it. */
export class StoredStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoredStateError';
  }
}

async function scanHash(conn: RedisClient, key: string): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const batch of conn.hScanIterator(key, { COUNT: 1000 })) {
    for (const { field, value } of batch) out.push([String(field), String(value)]);
  }
  return out;
}

export async function loadState(conn: RedisClient, keys: Keys, rules: Rules, opts: LoadOptions = {}): Promise<Loaded> {
  let meta = await conn.hGetAll(keys.meta);
  if (!meta.state && !meta.position) return { state: createState(), position: null };

  const found = Number(meta.schema);
  if (Number.isInteger(found) && found >= 1 && found < SCHEMA_VERSION && !(meta.stream && meta.stream !== keys.stream)) {
    if (!opts.migrate) return { state: createState(), position: null, needsMigration: true };
    try {
      await migrateStored({ conn, keys, rules, log: opts.migrate.log, from: found });
    } catch (err) {
      throw new StoredStateError(
        `migrating the stored state under ${keys.prefix}* from schema version ${found} failed: ${(err as Error).message}`,
      );
    }
    meta = await conn.hGetAll(keys.meta);
  }
  if (Number(meta.schema) !== SCHEMA_VERSION) {
    throw new StoredStateError(
      `stored state under ${keys.prefix}* has schema version ${meta.schema ?? '(none)'}, this server needs ${SCHEMA_VERSION}. ` +
        `Rebuild it from the stream: delete the ${keys.prefix}* keys and the consumer group ${keys.group} ` +
        `(or start with another HOTLINE_INSTANCE), then start again.`,
    );
  }
  if (meta.stream && meta.stream !== keys.stream) {
    throw new StoredStateError(
      `stored state under ${keys.prefix}* was built from the stream ${meta.stream}, not ${keys.stream}. ` +
        `Use another HOTLINE_INSTANCE for another stream.`,
    );
  }

  const [tickets, days, topics, rollups, depts, ids, facts] = await Promise.all([
    scanHash(conn, keys.tickets),
    scanHash(conn, keys.days),
    scanHash(conn, keys.topics),
    scanHash(conn, keys.rollups),
    scanHash(conn, keys.depts),
    conn.zRangeWithScores(keys.ids, 0, -1),
    scanHash(conn, keys.facts),
  ]);
  let state: CoreState;
  try {
    state = restoreState(
      {
        meta: meta.state ?? null,
        tickets,
        days,
        topics,
        rollups,
        depts,
        ids: ids.map(({ value, score }) => [String(value), Number(score)] as [string, number]),
        facts,
      },
      undefined,
      rules,
    );
  } catch (err) {
    throw new StoredStateError(`stored state under ${keys.prefix}* cannot be restored: ${(err as Error).message}`);
  }
  // Long-closed tickets and old ids stay in Redis only; a batch that names one loads it back.
  releaseDurable(state, rules);
  return { state, position: meta.position || null };
}

/** The position alone: used to tell whether a batch whose EXEC reply was lost went through. */
export async function storedPosition(conn: RedisClient, keys: Keys): Promise<string | null> {
  return (await conn.hGet(keys.meta, 'position')) ?? null;
}
