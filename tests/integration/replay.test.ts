// The simulator's day through the live server (real Redis, consumer group, persistence) and through
// the pure core in-process: the same figures, to the last field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig } from '../../shared/config.ts';
import type { RankingsAnswer, Snapshot, WarningsAnswer } from '../../shared/contract/snapshot.ts';
import { buildSnapshot, createRules, createState, processEntry, rankings } from '../../shared/domain/index.ts';
import { entryFields, generate } from '../../scripts/sim/index.ts';
import { createSegmenter } from '../../server/core/segmenter.ts';
import { call, getSnapshot } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, type TestRedis } from '../support/stream.ts';
import { waitFor } from '../support/wait.ts';

const DAY_START = Date.parse('2026-11-20T00:00:00+08:00');
const DAY_END = Date.parse('2026-11-21T00:00:00+08:00');

/** Fields that differ by nature between two runs: when the message was built and the entry processed. */
function comparable(s: Snapshot) {
  const { builtAt, lastEntryAt, seq, ...rest } = s;
  void builtAt;
  void lastEntryAt;
  void seq;
  return rest;
}

describe('replay: live server and pure core agree', () => {
  let redis: TestRedis;
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
    await redis?.quit();
  });

  it("gives identical snapshots, rankings and warnings for the simulator's day, across a restart", async () => {
    redis = await connectRedis(inject('redisUrl'));
    // Tiny memory windows: after the restart the server holds only recent closed tickets and ids,
    // so late visits, reopens and duplicates of the second half must load theirs back from Redis.
    const configFile = join(mkdtempSync(join(tmpdir(), 'lianxin-replay-')), 'config.json');
    writeFileSync(configFile, JSON.stringify({ limits: { closedTicketMemoryHours: 0.25, idMemoryHours: 0.1 } }));
    const env = { HOTLINE_CONFIG: configFile };
    server = await startTestServer({ env });
    const items = [
      ...generate({ seed: 'replay', start: DAY_START, end: DAY_END, districts: defaultConfig().city.districts, ticketsPerDay: 400 }),
    ];
    expect(items.length).toBeGreaterThan(2000);
    const write = async (part: typeof items) => {
      for (let i = 0; i < part.length; i += 500) {
        const m = redis.multi();
        for (const item of part.slice(i, i + 500)) m.xAdd(server!.stream, '*', entryFields(item));
        await m.exec();
      }
      return (await redis.xRevRange(server!.stream, '+', '-', { COUNT: 1 }))![0].id;
    };
    const caughtUp = (id: string) =>
      waitFor(
        `the server at ${id}`,
        async () => {
          const s = await getSnapshot(server!.url);
          return atOrAfter(s.lastEntryId, id) ? s : null;
        },
        { timeoutMs: 60_000 },
      );
    // Half the day, then a restart from the stored state, then the rest.
    const half = Math.floor(items.length / 2);
    await caughtUp(await write(items.slice(0, half)));
    await server.close();
    server = await startTestServer({ stream: server.stream, instance: server.instance, env });
    const lastId = await write(items.slice(half));
    const entries = (await redis.xRange(server.stream, '-', '+'))!;

    // In-process: the same entries, in stream order, through the same core, with the same segmenter
    // the server injects (server/app.ts), so the hot topics and clusters agree too.
    const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment: createSegmenter() });
    const state = createState({ trackChanges: false });
    for (const e of entries) processEntry(state, rules, { id: e.id, fields: e.message as Record<string, string> }, 0);

    const live = await caughtUp(lastId);
    const asOf = state.maxAt!;
    const local = buildSnapshot(state, rules, { asOf, builtAt: 0, wallNow: 0, seq: 0 });
    expect(live.ingest.rejected).toBeGreaterThan(0);
    expect(live.warnings.redCount + live.warnings.yellowCount).toBeGreaterThan(0);
    expect(local.hotTopics.length).toBe(10);
    expect(local.clusters.length).toBeGreaterThan(0);
    expect(comparable(live)).toEqual(comparable(local));

    const period = '?from=2026-11-16&to=2026-11-20';
    const liveRank = (await call<RankingsAnswer>(server.url, `/api/v1/rankings${period}`)).body;
    expect(liveRank).toEqual(rankings(state, rules, { from: '2026-11-16', to: '2026-11-20' }, asOf));
    const liveRed = (await call<WarningsAnswer>(server.url, '/api/v1/warnings?color=red&limit=500')).body;
    expect(liveRed.total).toBe(local.warnings.redCount);
  });
});
