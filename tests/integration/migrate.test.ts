// Stored-state migrations on a real Redis: pending steps run in order, each records its version in
// the meta hash and in the core's meta JSON, finished steps are not run again; step 2 (personal
// data) on a state written the schema-1 way, through the real server's start-up; step 3 (co-handling
// and returns) on a schema-1 state written by hand.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot, TicketAnswer, WarningsAnswer } from '../../shared/contract/snapshot.ts';
import { defaultConfig } from '../../shared/config.ts';
import { createRules } from '../../shared/domain/index.ts';
import { createSegmenter } from '../../server/core/segmenter.ts';
import type { RankingsAnswer } from '../../shared/contract/snapshot.ts';
import { makeKeys } from '../../server/store/keys.ts';
import { loadState } from '../../server/store/load.ts';
import { migrateStored } from '../../server/store/migrate.ts';
import { MIGRATIONS, type MigrationStep } from '../../server/store/migrations/index.ts';
import type { RedisClient } from '../../server/store/redis.ts';
import { silentLogger } from '../../server/util/log.ts';
import { assigned, at, callOffered, created } from '../support/events.ts';
import { call, getSnapshot } from '../support/http.ts';
import { personalDataIn } from '../support/privacy.ts';
import { startTestServer, uniqueNames } from '../support/server.ts';
import { atOrAfter, connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
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
      await waitFor('schema 3', async () => (await redis.hGet(keys.meta, 'schema')) === '3', { timeoutMs: 30_000 });
      expect(JSON.parse((await redis.hGet(keys.meta, 'state'))!)).toMatchObject({ schema: 3 });
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

describe('step 3: co-handling and returns, on a schema-1 state written by hand', () => {
  const T = (s: string) => `2026-11-${s}+08:00`;
  const ms = (s: string) => Date.parse(T(s));
  const dept = (id: string) => ({ id, name: `部门${id}`, kind: 'department' });
  // T1: returned by d-a (11-02, 23:30 local: still the 2nd), then by d-b (11-03 00:30), now with d-c.
  // T2: never returned, closed. T3: returned once by d-a on 11-03.
  const events = [
    { v: 1, id: 'm-1', type: 'ticket.created', at: T('02T22:00:00'), ticketId: 'T1', channel: 'phone', kind: 'complaint' },
    { v: 1, id: 'm-2', type: 'ticket.assigned', at: T('02T22:10:00'), ticketId: 'T1', dept: dept('d-a'), dueAt: T('09T18:00:00') },
    { v: 1, id: 'm-3', type: 'ticket.returned', at: T('02T23:30:00'), ticketId: 'T1', deptId: 'd-a', reason: '非本单位职责' },
    { v: 1, id: 'm-4', type: 'ticket.assigned', at: T('03T00:10:00'), ticketId: 'T1', dept: dept('d-b'), dueAt: T('09T18:00:00') },
    { v: 1, id: 'm-5', type: 'ticket.returned', at: T('03T00:30:00'), ticketId: 'T1', deptId: 'd-b', reason: '非本单位职责' },
    { v: 1, id: 'm-6', type: 'ticket.assigned', at: T('03T09:00:00'), ticketId: 'T1', dept: dept('d-c'), dueAt: T('20T18:00:00') },
    { v: 1, id: 'm-7', type: 'ticket.created', at: T('03T08:00:00'), ticketId: 'T2', channel: 'phone', kind: 'consult' },
    { v: 1, id: 'm-8', type: 'ticket.closed', at: T('03T08:05:00'), ticketId: 'T2', direct: true },
    { v: 1, id: 'm-9', type: 'ticket.created', at: T('03T08:00:00'), ticketId: 'T3', channel: 'phone', kind: 'help' },
    { v: 1, id: 'm-10', type: 'ticket.assigned', at: T('03T09:00:00'), ticketId: 'T3', dept: dept('d-a'), dueAt: T('09T18:00:00') },
    { v: 1, id: 'm-11', type: 'ticket.returned', at: T('03T10:00:00'), ticketId: 'T3', deptId: 'd-a', reason: '地址不在本辖区' },
  ];
  /** A ticket record as schema 1 stored it: no `co`, no `route`. */
  const record = (id: string, o: Record<string, unknown>) =>
    JSON.stringify({
      id,
      state: 'new',
      createdAt: ms('03T08:00:00'),
      channel: 'phone',
      kind: 'complaint',
      category: ['城乡建设'],
      district: '370902',
      urgency: 'normal',
      title: '标题',
      deptId: null,
      assignedAt: null,
      dueAt: null,
      signDueAt: null,
      responded: false,
      manualLevel: 0,
      closedAt: null,
      ...o,
    });
  /** A rollup record as schema 1 stored it. */
  const day1 = (o: Record<string, number>) => ({
    assigned: 0,
    responded: 0,
    respondedOnTime: 0,
    replied: 0,
    repliedOnTime: 0,
    visits: 0,
    resolvedPoints: 0,
    satRated: 0,
    satOk: 0,
    ...o,
  });

  async function writeSchema1(names: { stream: string; instance: string }) {
    const keys = makeKeys(names.instance, names.stream);
    let position = '';
    for (const e of events) position = await redis.xAdd(keys.stream, '*', { event: JSON.stringify(e) });
    await redis.xGroupCreate(keys.stream, keys.group, position);
    for (const e of events) await redis.rPush(keys.timeline(e.ticketId), JSON.stringify(e));
    const meta = { schema: 1, ingest: { applied: 11, duplicates: 0, rejected: 0 }, agents: null, maxAt: ms('03T10:00:00') };
    await redis.hSet(keys.meta, {
      schema: '1',
      stream: keys.stream,
      position,
      state: JSON.stringify({ ...meta, lastEntryId: position, lastEntryAt: ms('03T10:00:00') }),
    });
    await redis.hSet(keys.tickets, {
      T1: record('T1', {
        state: 'assigned',
        deptId: 'd-c',
        assignedAt: ms('03T09:00:00'),
        dueAt: ms('20T18:00:00'),
        signDueAt: ms('04T09:00:00'),
      }),
      T2: record('T2', { state: 'closed', kind: 'consult', closedAt: ms('03T08:05:00') }),
      T3: record('T3', { responded: true }),
    });
    await redis.hSet(keys.rollups, {
      '2026-11-02': JSON.stringify({ 'd-a': day1({ assigned: 1, responded: 1, respondedOnTime: 1 }) }),
      // d-a returned T3 on the 3rd but has no record that day: the step must add one.
      '2026-11-03': JSON.stringify({ 'd-b': day1({ assigned: 1, responded: 1, respondedOnTime: 1 }), 'd-c': day1({ assigned: 1 }) }),
    });
    await redis.hSet(keys.depts, {
      'd-a': JSON.stringify(dept('d-a')),
      'd-b': JSON.stringify(dept('d-b')),
      'd-c': JSON.stringify(dept('d-c')),
    });
    return keys;
  }

  it('rebuilds routes and returns from the timelines, idempotently, and the server serves them', async () => {
    const names = uniqueNames('mig3');
    const keys = await writeSchema1(names);
    const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event' });
    const conn = redis as unknown as RedisClient;
    const loaded = await loadState(conn, keys, rules, { migrate: { log: silentLogger } });
    expect(await redis.hGet(keys.meta, 'schema')).toBe('3');
    expect(JSON.parse((await redis.hGet(keys.meta, 'state'))!).schema).toBe(3);
    const ticket = (id: string) => loaded.state.tickets.get(id)!;
    expect([ticket('T1').route, ticket('T1').co]).toEqual([['d-a', 'd-b'], null]);
    expect(ticket('T3').route).toEqual(['d-a']);
    expect(loaded.state.tickets.has('T2') ? ticket('T2').route : null).toBeNull();
    const stored = async () => ({ tickets: await redis.hGetAll(keys.tickets), rollups: await redis.hGetAll(keys.rollups) });
    const after = await stored();
    expect(JSON.parse(after.rollups['2026-11-02'])).toEqual({
      'd-a': { ...day1({ assigned: 1, responded: 1, respondedOnTime: 1 }), returned: 1, coEnded: 0, coOnTime: 0 },
    });
    expect(JSON.parse(after.rollups['2026-11-03'])).toEqual({
      'd-b': { ...day1({ assigned: 1, responded: 1, respondedOnTime: 1 }), returned: 1, coEnded: 0, coOnTime: 0 },
      'd-c': { ...day1({ assigned: 1 }), returned: 0, coEnded: 0, coOnTime: 0 },
      'd-a': { ...day1({}), returned: 1, coEnded: 0, coOnTime: 0 },
    });
    expect(JSON.parse(after.tickets.T2)).toMatchObject({ co: null, route: null, closedAt: ms('03T08:05:00') });

    // Killed half-way and run again (the version is raised only once a step has finished): the same records.
    for (const step of MIGRATIONS.filter((s) => s.to === 3)) await step.run({ conn, keys, rules, log: silentLogger });
    expect(await stored()).toEqual(after);

    // The server starts on the migrated state, serves the rebuilt figures and applies co-handling.
    const server = await startTestServer({ stream: names.stream, instance: names.instance });
    try {
      const rank = (await call<RankingsAnswer>(server.url, '/api/v1/rankings?from=2026-11-01&to=2026-11-03')).body;
      expect(rank.departments.map((d) => [d.id, d.assigned, d.returned, d.returnRate])).toEqual([
        ['d-a', 1, 2, 2],
        ['d-b', 1, 1, 1],
        ['d-c', 1, 0, 0],
      ]);
      const last = await redis.xAdd(keys.stream, '*', {
        event: JSON.stringify({
          v: 1,
          id: 'm-12',
          type: 'ticket.coassigned',
          at: T('03T11:00:00'),
          ticketId: 'T1',
          dept: dept('e-sw'),
          dueAt: T('05T18:00:00'),
        }),
      });
      const snap = await waitFor('the co-assignment applied', async () => {
        const s = await getSnapshot(server.url);
        return atOrAfter(s.lastEntryId, last) ? s : null;
      });
      expect(snap.coHandling).toEqual({ open: 1, overdue: 0 });
      expect(snap.bounced.map((b) => [b.ticketId, b.returns, b.route])).toEqual([['T1', 2, ['d-a', 'd-b']]]);
      expect(snap.ingest).toEqual({ applied: 12, duplicates: 0, rejected: 0 });
    } finally {
      await server.close();
    }
  });
});
