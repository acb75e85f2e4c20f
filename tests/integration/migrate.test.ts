// Stored-state migrations on a real Redis: pending steps run in order, each records its version in
// the meta hash and in the core's meta JSON, finished steps are not run again; and step 2 (personal
// data) on a state written the schema-1 way, through the real server's start-up.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot, TicketAnswer, WarningsAnswer } from '../../shared/contract/snapshot.ts';
import { defaultConfig } from '../../shared/config.ts';
import { createRules } from '../../shared/domain/index.ts';
import { createSegmenter } from '../../server/core/segmenter.ts';
import { makeKeys } from '../../server/store/keys.ts';
import { migrateStored } from '../../server/store/migrate.ts';
import type { MigrationStep } from '../../server/store/migrations/index.ts';
import type { RedisClient } from '../../server/store/redis.ts';
import { silentLogger } from '../../server/util/log.ts';
import { assigned, at, callOffered, created } from '../support/events.ts';
import { call, getSnapshot } from '../support/http.ts';
import { personalDataIn } from '../support/privacy.ts';
import { startTestServer, uniqueNames } from '../support/server.ts';
import { connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

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

describe('step 2: personal data masked by the new rules', () => {
  const name = '王晓翠';
  const rawTitle = `${name}反映小区暖气不热，电话+8613812345678`;

  /** Every stored string a screen or the ticket detail reads, to compare two runs of the step. */
  async function dump(keys: ReturnType<typeof makeKeys>, ids: string[]) {
    return {
      tickets: await redis.hGetAll(keys.tickets),
      topics: await redis.hGetAll(keys.topics),
      closed: await redis.zRangeWithScores(keys.closed, 0, -1),
      timelines: await Promise.all(ids.map((id) => redis.lRange(keys.timeline(id), 0, -1))),
    };
  }

  it('re-masks titles and hot words, strips timelines and fills the closed index on start-up, once', async () => {
    const names = uniqueNames('mig2');
    const keys = makeKeys(names.instance, names.stream);
    // Schema 1 as a server of that version left it: ingest with today's server, then put back what
    // the old rules stored (they masked none of this title, kept the created event whole in the
    // timeline, counted the caller's name as a word, had no closed index, and older records no closedAt).
    const first = await startTestServer(names);
    const events: Array<Record<string, unknown>> = [];
    const ids = ['W1', 'W2', 'W3', 'W4', 'W5'];
    for (const [i, id] of ids.entries()) {
      events.push(created(id, at(i), { title: rawTitle, citizen: { name, phone: '13812345678' }, content: `${name}说暖气不热` }));
      events.push(assigned(id, at(10 + i), 'd-rl', at(60)));
    }
    events.push(
      { ...created('C1', at(5), { title: '路灯不亮 0538 6221234' }) },
      { v: 1, id: 'close-C1', type: 'ticket.closed', at: at(7), ticketId: 'C1', direct: true },
    );
    events.push(callOffered(at(240)));
    const entryIds = await produce(redis, names.stream, events);
    await waitDurable(redis, names.instance, entryIds.at(-1)!);
    await first.close();

    for (const [i, id] of ids.entries()) {
      const t = JSON.parse((await redis.hGet(keys.tickets, id))!) as Record<string, unknown>;
      await redis.hSet(keys.tickets, id, JSON.stringify({ ...t, title: rawTitle }));
      await redis.lSet(keys.timeline(id), 0, JSON.stringify(events[i * 2]));
    }
    const c1 = JSON.parse((await redis.hGet(keys.tickets, 'C1'))!) as Record<string, unknown>;
    delete c1.closedAt;
    await redis.hSet(keys.tickets, 'C1', JSON.stringify({ ...c1, title: '路灯不亮 0538 6221234' }));
    await redis.del(keys.closed);
    await redis.hSet(
      keys.topics,
      '2026-11-30',
      JSON.stringify({
        keywords: { [name]: 5, 暖气: 5, 不热: 5 },
        keywordDistricts: { [`${name}|370902`]: 5, '暖气|370902': 5, '不热|370902': 5 },
      }),
    );
    const state = JSON.parse((await redis.hGet(keys.meta, 'state'))!) as Record<string, unknown>;
    await redis.hSet(keys.meta, { schema: '1', state: JSON.stringify({ ...state, schema: 1 }) });

    const second = await startTestServer(names);
    try {
      await waitFor('schema 2', async () => (await redis.hGet(keys.meta, 'schema')) === '2', { timeoutMs: 30_000 });
      expect(JSON.parse((await redis.hGet(keys.meta, 'state'))!)).toMatchObject({ schema: 2 });
      for (const id of ids) {
        expect((JSON.parse((await redis.hGet(keys.tickets, id))!) as { title: string }).title).toBe(
          '王**反映小区暖气不热，电话+86138****5678',
        );
        const createdRecord = JSON.parse((await redis.lIndex(keys.timeline(id), 0))!) as Record<string, unknown>;
        expect(createdRecord).toMatchObject({ type: 'ticket.created', ticketId: id });
        for (const k of ['title', 'content', 'citizen']) expect(createdRecord).not.toHaveProperty(k);
      }
      expect((JSON.parse((await redis.hGet(keys.tickets, 'C1'))!) as { title: string }).title).toBe('路灯不亮 053*******34');
      // The closed index, C1's close time read from its timeline.
      expect(await redis.zRangeWithScores(keys.closed, 0, -1)).toEqual([{ value: 'C1', score: Date.parse(at(7)) }]);
      // The window's words counted again from the stored raw titles: her name is gone (and C1's
      // word, which the hand-written schema-1 day above left out, is back).
      const topic = JSON.parse((await redis.hGet(keys.topics, '2026-11-30'))!) as { keywords: Record<string, number> };
      expect(topic.keywords).toEqual({ 暖气: 5, 不热: 5, 灯不亮: 1 });

      // What the screens get: nothing personal, through the server that migrated.
      const snap = await waitFor('the migrated snapshot', async () => {
        const s = await getSnapshot(second.url);
        return s.clusters.length > 0 ? s : null;
      });
      expect(snap.clusters.map((c) => c.word).sort()).toEqual(['不热', '暖气']);
      const warnings = await call<WarningsAnswer>(second.url, '/api/v1/warnings?color=red', { token: TOKEN.wall });
      expect(warnings.body.items.map((w) => w.title)).toEqual(ids.map(() => '王**反映小区暖气不热，电话+86138****5678'));
      expect(personalDataIn([snap, warnings.body] as [Snapshot, WarningsAnswer], [name])).toEqual([]);
      const detail = await call<TicketAnswer>(second.url, '/api/v1/tickets/W1', { token: TOKEN.leader });
      expect(detail.body.ticket).toMatchObject({ title: '王**反映小区暖气不热，电话+86138****5678', content: '王**说暖气不热' });
    } finally {
      await second.close();
    }

    // Idempotent: the step run again on the migrated state changes nothing.
    const before = await dump(keys, [...ids, 'C1']);
    const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment: createSegmenter() });
    await migrateStored({ conn: redis as unknown as RedisClient, keys, rules, log: silentLogger, from: 1 });
    expect(await dump(keys, [...ids, 'C1'])).toEqual(before);
  });
});
