// The simulator's days through the live server (real Redis, consumer group, persistence) and through
// the pure core in-process: the same figures, to the last field, co-handling and returns included.
// Live (entries written while the server runs, with a restart), and as a backlog of days drained in
// large batches.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig } from '../../shared/config.ts';
import type { CoPartsAnswer, RankingsAnswer, ReturnsAnswer, TicketAnswer, WarningsAnswer } from '../../shared/contract/snapshot.ts';
import {
  buildSnapshot,
  buildTicketAnswer,
  createRules,
  createState,
  listCoParts,
  listReturns,
  processEntry,
  rankings,
} from '../../shared/domain/index.ts';
import { DAY, HOUR, entryFields, generate, type SimItem } from '../../scripts/sim/index.ts';
import { createSegmenter } from '../../server/core/segmenter.ts';
import { makeKeys } from '../../server/store/keys.ts';
import { call, comparable, getSnapshot } from '../support/http.ts';
import { startTestServer, uniqueNames, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, waitDurable, type TestRedis } from '../support/stream.ts';
import { waitFor } from '../support/wait.ts';

// Four days, so that co-handling parts (which take days) begin and end in them.
const DAY_START = Date.parse('2026-11-17T00:00:00+08:00');
const DAY_END = Date.parse('2026-11-21T00:00:00+08:00');
const MINUTE = 60_000;

/**
 * Copies of applied entries re-sent `lags` after their originals (every 97th applied entry, the lags
 * in turn), each placed in stream order where it arrives: a duplicate for the live server and the
 * pure core alike, however the server batches the stream.
 */
function withLateCopies(items: SimItem[], lags: number[]): SimItem[] {
  const copies: SimItem[] = [];
  let n = 0;
  for (const item of items) {
    if (item.expect !== 'applied' || !('event' in item) || ++n % 97 !== 0) continue;
    copies.push({ ...item, atMs: item.atMs + lags[(n / 97) % lags.length], expect: 'duplicate' });
  }
  // Stable: a copy goes after the entries of the same moment.
  return [...items, ...copies]
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.atMs - b.item.atMs || a.i - b.i)
    .map((x) => x.item);
}

describe('replay: live server and pure core agree', () => {
  let redis: TestRedis;
  let server: TestServer | undefined;
  beforeAll(async () => {
    redis = await connectRedis(inject('redisUrl'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    await redis?.quit();
  });

  /** Tiny memory windows: the server holds only recent closed tickets and ids, and loads the rest back from Redis. */
  function configEnv(limits: Record<string, number>) {
    const configFile = join(mkdtempSync(join(tmpdir(), 'lianxin-replay-')), 'config.json');
    writeFileSync(configFile, JSON.stringify({ limits: { closedTicketMemoryHours: 0.25, idMemoryHours: 0.1, ...limits } }));
    return { HOTLINE_CONFIG: configFile };
  }

  const write = async (stream: string, part: SimItem[]) => {
    for (let i = 0; i < part.length; i += 500) {
      const m = redis.multi();
      for (const item of part.slice(i, i + 500)) m.xAdd(stream, '*', entryFields(item));
      await m.exec();
    }
    return (await redis.xRevRange(stream, '+', '-', { COUNT: 1 }))![0].id;
  };
  // The snapshot can show a batch a moment before its write to Redis (timelines, details) is done:
  // caught up means both, so the ticket details read below are the durable ones.
  const caughtUp = (id: string) =>
    waitFor(
      `the server at ${id}`,
      async () => {
        const s = await getSnapshot(server!.url);
        const stored = await redis.hGet(makeKeys(server!.instance, server!.stream).meta, 'position');
        return atOrAfter(s.lastEntryId, id) && stored && atOrAfter(stored, id) ? s : null;
      },
      { timeoutMs: 60_000 },
    );

  /** The same entries, in stream order, through the pure core in-process, compared to the live server's figures. */
  async function expectSameFigures(lastId: string, rankingPeriod: { from: string; to: string }) {
    const entries = (await redis.xRange(server!.stream, '-', '+'))!;
    // The same core with the same segmenter the server injects (server/app.ts), so the hot topics
    // and clusters agree too.
    const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment: createSegmenter() });
    const state = createState({ trackChanges: false });
    /** Each ticket's applied events, as the store keeps its timeline. */
    const timelines = new Map<string, string[]>();
    for (const e of entries) {
      const o = processEntry(state, rules, { id: e.id, fields: e.message as Record<string, string> }, 0);
      if (o.kind !== 'applied' || !('ticketId' in o.event)) continue;
      const list = timelines.get(o.event.ticketId) ?? [];
      timelines.set(o.event.ticketId, [...list, (e.message as Record<string, string>).event]);
    }

    const live = await caughtUp(lastId);
    // Ticket details read their timelines from Redis: wait until the last batch is durable too (the
    // snapshot shows the state in memory, a batch's write can follow it by a moment).
    await waitDurable(redis, server!.instance, lastId, 60_000);
    const asOf = state.maxAt!;
    const local = buildSnapshot(state, rules, { asOf, builtAt: 0, wallNow: 0, seq: 0 });
    expect(live.ingest.rejected).toBeGreaterThan(0);
    expect(live.warnings.redCount + live.warnings.yellowCount).toBeGreaterThan(0);
    expect(local.hotTopics.length).toBe(10);
    expect(local.clusters.length).toBeGreaterThan(0);
    expect(comparable(live)).toEqual(comparable(local));

    const period = `?from=${rankingPeriod.from}&to=${rankingPeriod.to}`;
    const liveRank = (await call<RankingsAnswer>(server!.url, `/api/v1/rankings${period}`)).body;
    expect(liveRank).toEqual(rankings(state, rules, rankingPeriod, asOf));
    const liveRed = (await call<WarningsAnswer>(server!.url, '/api/v1/warnings?color=red&limit=500')).body;
    expect(liveRed.total).toBe(local.warnings.redCount);

    // Co-handling and returns are in it: parts open and ended, bounced tickets, the lists, the detail.
    expect(local.coHandling.open).toBeGreaterThan(0);
    expect(local.departments.filter((d) => d.coOnTimeRate !== null).length).toBeGreaterThan(3);
    expect(local.departments.some((d) => d.returned > 0)).toBe(true);
    expect(local.bounced.length).toBeGreaterThan(0);
    const liveParts = (await call<CoPartsAnswer>(server!.url, '/api/v1/cohandling?limit=500')).body;
    expect(liveParts).toEqual(listCoParts(state, rules, asOf, { offset: 0, limit: 500 }));
    const liveReturns = (await call<ReturnsAnswer>(server!.url, '/api/v1/returns?limit=500')).body;
    expect(liveReturns).toEqual(listReturns(state, { offset: 0, limit: 500 }));
    const coTickets = [...timelines].filter(([, l]) => l.some((raw) => raw.includes('"ticket.coassigned"'))).slice(0, 20);
    expect(coTickets.length).toBe(20);
    for (const [id, timeline] of [...coTickets, [local.bounced[0].ticketId, timelines.get(local.bounced[0].ticketId)!] as const]) {
      const liveTicket = (await call<TicketAnswer>(server!.url, `/api/v1/tickets/${id}`)).body.ticket;
      const localTicket = buildTicketAnswer(state, rules, id, asOf, { details: null, timeline: [...timeline] })!.ticket;
      const co = (t: TicketAnswer['ticket']) => ({
        coHandlers: t.coHandlers,
        route: t.route,
        colour: t.colour,
        reason: t.reason,
        level: t.level,
      });
      expect(co(liveTicket), id).toEqual(co(localTicket));
    }
    return { live, local };
  }

  it("gives identical snapshots, rankings, warnings and co-handling for the simulator's days, across a restart", async () => {
    const env = configEnv({});
    server = await startTestServer({ env });
    const items = [
      ...generate({ seed: 'replay', start: DAY_START, end: DAY_END, districts: defaultConfig().city.districts, ticketsPerDay: 400 }),
    ];
    expect(items.length).toBeGreaterThan(8000);
    // Half the day, then a restart from the stored state, then the rest.
    const half = Math.floor(items.length / 2);
    await caughtUp(await write(server.stream, items.slice(0, half)));
    await server.close();
    server = await startTestServer({ stream: server.stream, instance: server.instance, env });
    const lastId = await write(server.stream, items.slice(half));
    await expectSameFigures(lastId, { from: '2026-11-16', to: '2026-11-20' });
  });

  it('gives identical figures for a backlog of three days written before the server starts, drained in batches of 5000', async () => {
    const env = configEnv({ batchSize: 5000 });
    const generated = [
      ...generate({
        seed: 'backlog',
        start: DAY_START,
        end: DAY_START + 3 * DAY,
        districts: defaultConfig().city.districts,
        ticketsPerDay: 400,
      }),
    ];
    const items = withLateCopies(generated, [20 * MINUTE, 3 * HOUR, 7 * HOUR, 30 * HOUR, 2 * DAY]);
    expect(items.length - generated.length).toBeGreaterThan(30);
    // The first two hours, then the server stops; the rest (more than one batch, spanning days)
    // waits in the stream until it starts again from the stored state with its memory let go of.
    const firstHours = items.findIndex((i) => i.atMs >= DAY_START + 2 * HOUR);
    const names = uniqueNames('replay-backlog');
    await write(names.stream, items.slice(0, firstHours));
    server = await startTestServer({ ...names, env });
    await caughtUp((await redis.xRevRange(names.stream, '+', '-', { COUNT: 1 }))![0].id);
    await server.close();
    const lastId = await write(names.stream, items.slice(firstHours));
    expect(items.length - firstHours).toBeGreaterThan(5000);
    server = await startTestServer({ ...names, env });
    const { live } = await expectSameFigures(lastId, { from: '2026-11-16', to: '2026-11-22' });
    const expected = { duplicates: 0, rejected: 0 };
    for (const item of items) {
      if (item.expect === 'duplicate') expected.duplicates++;
      else if (item.expect !== 'applied') expected.rejected++;
    }
    expect(live.ingest).toMatchObject(expected);
  });
});
