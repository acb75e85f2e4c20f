// Stored-state migrations on a real Redis: pending steps run in order, each records its version in
// the meta hash and in the core's meta JSON, finished steps are not run again.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig } from '../../shared/config.ts';
import { createRules } from '../../shared/domain/index.ts';
import { makeKeys } from '../../server/store/keys.ts';
import { migrateStored } from '../../server/store/migrate.ts';
import type { MigrationStep } from '../../server/store/migrations/index.ts';
import type { RedisClient } from '../../server/store/redis.ts';
import { silentLogger } from '../../server/util/log.ts';
import { uniqueNames } from '../support/server.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
});
afterAll(async () => {
  await redis?.quit();
});

describe('migrateStored', () => {
  it('runs the steps above the stored version in order and records each version', async () => {
    const names = uniqueNames('migrate');
    const keys = makeKeys(names.instance, names.stream);
    await redis.hSet(keys.meta, { schema: '1', state: JSON.stringify({ schema: 1, maxAt: 5 }), stream: names.stream, position: '1-0' });
    const ran: string[] = [];
    const step = (to: number): MigrationStep => ({
      to,
      what: `step ${to}`,
      run: async ({ conn, keys: k }) => {
        ran.push(`${to} at ${await conn.hGet(k.meta, 'schema')}`);
      },
    });
    const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event' });
    const conn = redis as unknown as RedisClient;
    const run = await migrateStored({ conn, keys, rules, log: silentLogger, from: 1 }, [step(3), step(1), step(2), step(5)], 4);
    expect(ran).toEqual(['2 at 1', '3 at 2']);
    expect(run).toEqual({ from: 1, to: 4, steps: ['step 2', 'step 3'] });
    expect(await redis.hGet(keys.meta, 'schema')).toBe('4');
    expect(JSON.parse((await redis.hGet(keys.meta, 'state'))!)).toEqual({ schema: 4, maxAt: 5 });
  });
});
