// The instance's consumer group on the stream.
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/**
 * Create the group if needed: at the stored position, or at the stream's very first entry on the
 * first start (MKSTREAM: the stream may not exist yet), so entries written before the centre ever ran
 * count. A group without any durable state behind it (a crash before the first batch was written,
 * or state deleted on purpose) is recreated from the first entry, so everything is read again in
 * stream order.
 */
export async function ensureGroup(conn: RedisClient, keys: Keys, position: string | null): Promise<'created' | 'existing' | 'recreated'> {
  try {
    await conn.xGroupCreate(keys.stream, keys.group, position ?? '0', { MKSTREAM: true });
    return 'created';
  } catch (err) {
    if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
  }
  if (position !== null) return 'existing';
  await conn.xGroupDestroy(keys.stream, keys.group);
  await conn.xGroupCreate(keys.stream, keys.group, '0', { MKSTREAM: true });
  return 'recreated';
}
