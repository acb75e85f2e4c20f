// Runs the pending migration steps (server/store/migrations) on the stored state of one instance and
// records each finished step's version, in the meta hash and in the core's meta JSON alike.
import { SCHEMA_VERSION, type Rules } from '../../shared/domain/index.ts';
import type { Logger } from '../util/log.ts';
import type { Keys } from './keys.ts';
import { MIGRATIONS, type MigrationStep } from './migrations/index.ts';
import type { RedisClient } from './redis.ts';

export interface MigrationRun {
  from: number;
  to: number;
  steps: string[];
}

async function setVersion(conn: RedisClient, keys: Keys, version: number): Promise<void> {
  const stateJson = await conn.hGet(keys.meta, 'state');
  const fields: Record<string, string> = { schema: String(version) };
  if (stateJson) fields.state = JSON.stringify({ ...(JSON.parse(stateJson) as object), schema: version });
  await conn.hSet(keys.meta, fields);
}

/**
 * Brings the stored state from `from` to SCHEMA_VERSION. The caller holds the consumer lock and has
 * checked that `from` is older than SCHEMA_VERSION.
 */
export async function migrateStored(
  o: { conn: RedisClient; keys: Keys; rules: Rules; log: Logger; from: number },
  steps: readonly MigrationStep[] = MIGRATIONS,
  target = SCHEMA_VERSION,
): Promise<MigrationRun> {
  const pending = steps.filter((s) => s.to > o.from && s.to <= target).sort((a, b) => a.to - b.to);
  const done: string[] = [];
  for (const step of pending) {
    o.log.info(`migrating ${o.keys.prefix}* to schema version ${step.to}: ${step.what}`);
    const t0 = Date.now();
    await step.run(o);
    await setVersion(o.conn, o.keys, step.to);
    done.push(step.what);
    o.log.info(`migrated ${o.keys.prefix}* to schema version ${step.to} in ${Date.now() - t0} ms`);
  }
  await setVersion(o.conn, o.keys, target);
  return { from: o.from, to: target, steps: done };
}
