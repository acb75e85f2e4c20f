// The Redis layout the README documents, and refusing to start on stored state it cannot use.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer } from '../../server/app.ts';
import { StoredStateError } from '../../server/store/load.ts';
import { silentLogger } from '../../server/util/log.ts';
import { sampleEvents } from '../support/events.ts';
import { getSnapshot } from '../support/http.ts';
import { startTestServer, testEnv, uniqueNames } from '../support/server.ts';
import { atOrAfter, connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { waitFor } from '../support/wait.ts';

let redis: TestRedis;
beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
});
afterAll(async () => {
  await redis.close();
});

describe('Redis layout', () => {
  it('creates the group on a stream that does not exist yet, and keeps everything under lianxin:<instance>:', async () => {
    const names = uniqueNames('layout');
    const s = await startTestServer(names);
    try {
      const groups = await redis.xInfoGroups(names.stream);
      expect(groups.map((g) => g.name)).toEqual([`lianxin:${names.instance}`]);

      const ids = await produce(redis, names.stream, sampleEvents());
      await waitDurable(redis, names.instance, ids.at(-1)!);
      await waitFor('the snapshot', async () => atOrAfter((await getSnapshot(s.url)).lastEntryId, ids.at(-1)!));

      const p = `lianxin:${names.instance}:`;
      const keys = (await redis.keys(`${p}*`)).sort();
      expect(keys).toEqual(
        [
          'closed',
          'consumer',
          'days',
          'depts',
          'details',
          'facts',
          'ids',
          'meta',
          'rollups',
          'tickets',
          'timeline:TA202611300001',
          'timeline:TA202611300002',
          'topics',
        ].map((k) => p + k),
      );
      const meta = await redis.hGetAll(`${p}meta`);
      expect(meta).toMatchObject({ schema: expect.any(String), stream: names.stream, position: ids.at(-1) });
      expect(JSON.parse(meta.state)).toBeTypeOf('object');
      expect(await redis.type(`${p}ids`)).toBe('zset');
      expect(await redis.zCard(`${p}ids`)).toBe(11);
      expect(await redis.lLen(`${p}timeline:TA202611300001`)).toBe(6);
      // The closed tickets, by close time: where the personal-data sweep looks.
      expect(await redis.zRange(`${p}closed`, 0, -1)).toEqual(['TA202611300002', 'TA202611300001']);
      expect(await redis.pTTL(`${p}consumer`)).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
    // A clean close lets go of the consumer lock at once.
    expect(await redis.exists(`lianxin:${names.instance}:consumer`)).toBe(0);
  });
});

describe('stored state it cannot use', () => {
  it('refuses to start on another schema version, saying what to do', async () => {
    const names = uniqueNames('schema');
    await redis.hSet(`lianxin:${names.instance}:meta`, { schema: '999', state: '{"schema":999}', stream: names.stream, position: '1-0' });
    const err = await startServer(testEnv(names), { log: silentLogger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoredStateError);
    expect((err as Error).message).toMatch(/schema version 999/);
    expect((err as Error).message).toMatch(/HOTLINE_INSTANCE/);
  });

  it('refuses to start when the instance was built from another stream', async () => {
    const names = uniqueNames('other');
    const s = await startTestServer(names);
    const ids = await produce(redis, names.stream, sampleEvents().slice(0, 2));
    await waitDurable(redis, names.instance, ids[1]);
    await s.close();
    const err = await startServer(testEnv({ instance: names.instance }), { log: silentLogger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoredStateError);
    expect((err as Error).message).toMatch(/built from the stream/);
  });
});
