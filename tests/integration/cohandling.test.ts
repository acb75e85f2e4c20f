// Co-handling (协办) and returns through the live server (real Redis, consumer group, persistence):
// a hand-worked week, its figures from the HTTP answers equal to the pure core's in-process and to
// the values worked by hand, the two new lists, the ticket detail, and the new rejections set aside
// with their codes.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig } from '../../shared/config.ts';
import type { CoPartsAnswer, RankingsAnswer, ReturnsAnswer, Snapshot, TicketAnswer } from '../../shared/contract/snapshot.ts';
import {
  buildSnapshot,
  createRules,
  createState,
  listCoParts,
  listReturns,
  processEntry,
  rankings,
  type CoreState,
  type Rules,
} from '../../shared/domain/index.ts';
import { createSegmenter } from '../../server/core/segmenter.ts';
import { call, comparable, getSnapshot } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, produce, rejectedEntries, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

const T = (s: string) => `2026-11-${s}:00+08:00`;
const dept = (id: string, name: string, kind = 'department') => ({ id, name, kind });
const ZJ = dept('d-zj', '市住建局');
const CG = dept('d-cg', '市城管局');
const SW = dept('e-sw', '泰安水务集团', 'enterprise');
let n = 0;
const ev = (type: string, ticketId: string, at: string, o: Record<string, unknown> = {}) => ({
  v: 1,
  id: `co-${++n}`,
  type,
  at: T(at),
  ticketId,
  ...o,
});
const created = (id: string, at: string) =>
  ev('ticket.created', id, at, {
    channel: 'phone',
    kind: 'complaint',
    category: ['城乡建设', '供水'],
    district: '370902',
    urgency: 'normal',
    title: `停水 ${id}，电话13812345678`,
    content: '小区停水三天',
    citizen: { name: '王五', phone: '13912345678' },
  });

// C1: led by d-zj (due 11-06 18:00); e-sw (due 11-04 18:00) and d-cg (due 11-05 18:00) co-handle.
//     d-cg co-replies on time; e-sw has not by the lead's late reply of 11-09, which its open part
//     excuses; e-sw's co-reply after the lead's changes nothing.
// C2: d-zj returns it, d-cg returns it, e-sw leads with d-zj co-handling (due 11-10 18:00: overdue
//     at asOf 11-12 10:00, the ticket yellow co-overdue).
// Bad: the lead co-assigned, a deadline not later than `at`, a co-reply from no co-handler, twice.
const EVENTS = [
  created('C1', '02T08:00'),
  ev('ticket.assigned', 'C1', '02T09:00', { dept: ZJ, dueAt: T('06T18:00'), signDueAt: T('02T17:00') }),
  ev('ticket.signed', 'C1', '02T10:00', { deptId: 'd-zj' }),
  ev('ticket.coassigned', 'C1', '02T11:00', { dept: SW, dueAt: T('04T18:00') }),
  ev('ticket.coassigned', 'C1', '02T11:00', { dept: CG, dueAt: T('05T18:00') }),
  ev('ticket.coassigned', 'C1', '02T11:30', { dept: ZJ, dueAt: T('05T18:00') }), // bad-state: the lead
  ev('ticket.coreplied', 'C1', '05T10:00', { deptId: 'd-cg', summary: '已配合排查管网' }),
  ev('ticket.coreplied', 'C1', '05T10:30', { deptId: 'd-cg' }), // bad-state: twice
  ev('ticket.replied', 'C1', '09T10:00', { deptId: 'd-zj', summary: '已恢复供水' }),
  ev('ticket.coreplied', 'C1', '09T11:00', { deptId: 'e-sw' }),
  created('C2', '03T08:00'),
  ev('ticket.assigned', 'C2', '03T09:00', { dept: ZJ, dueAt: T('13T18:00'), signDueAt: T('03T17:00') }),
  ev('ticket.returned', 'C2', '03T10:00', { deptId: 'd-zj', reason: '供水属水务集团' }),
  ev('ticket.assigned', 'C2', '03T11:00', { dept: CG, dueAt: T('13T18:00'), signDueAt: T('03T17:00') }),
  ev('ticket.returned', 'C2', '03T12:00', { deptId: 'd-cg', reason: '不属于本单位职责范围' }),
  ev('ticket.assigned', 'C2', '03T13:00', { dept: SW, dueAt: T('20T18:00'), signDueAt: T('03T17:00') }),
  ev('ticket.signed', 'C2', '03T14:00', { deptId: 'e-sw' }),
  ev('ticket.coassigned', 'C2', '03T15:00', { dept: ZJ, dueAt: T('03T15:00') }), // bad-deadline
  ev('ticket.coassigned', 'C2', '03T15:00', { dept: ZJ, dueAt: T('10T18:00') }),
  ev('ticket.coreplied', 'C2', '03T16:00', { deptId: 'd-cg' }), // wrong-dept: d-cg is no co-handler
  { v: 1, id: `co-${++n}`, type: 'call.offered', at: T('12T10:00'), callId: 'call-1' },
];

describe('co-handling and returns through the live server', () => {
  let redis: TestRedis;
  let server: TestServer;
  let rules: Rules;
  let state: CoreState;
  let live: Snapshot;

  beforeAll(async () => {
    redis = await connectRedis(inject('redisUrl'));
    server = await startTestServer();
    const ids = await produce(redis, server.stream, EVENTS);
    live = await waitFor('the server at the last entry', async () => {
      const s = await getSnapshot(server.url);
      return atOrAfter(s.lastEntryId, ids.at(-1)!) ? s : null;
    });
    // The same entries through the same core in-process, with the server's segmenter.
    rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment: createSegmenter() });
    state = createState({ trackChanges: false });
    for (const e of (await redis.xRange(server.stream, '-', '+'))!) {
      processEntry(state, rules, { id: e.id, fields: e.message as Record<string, string> }, 0);
    }
  });

  afterAll(async () => {
    await server?.close();
    await redis?.quit();
  });

  it('gives the same snapshot as the core, with the figures worked by hand', () => {
    const local = buildSnapshot(state, rules, { asOf: state.maxAt, builtAt: 0, wallNow: 0, seq: 0 });
    expect(comparable(live)).toEqual(comparable(local));
    expect(live.asOf).toBe('2026-11-12T10:00:00+08:00');
    expect(live.ingest).toEqual({ applied: 17, duplicates: 0, rejected: 4 });
    expect(live.coHandling).toEqual({ open: 1, overdue: 1 });
    expect(live.bounced).toEqual([
      {
        ticketId: 'C2',
        returns: 2,
        route: ['d-zj', 'd-cg'],
        district: '370902',
        category: ['城乡建设', '供水'],
        title: '停水 C2，电话138****5678',
      },
    ]);
    expect(live.warnings.yellow.map((w) => [w.ticketId, w.deptId, w.reason, w.level])).toEqual([['C2', 'e-sw', 'co-overdue', 1]]);
    expect(live.rules.weights).toEqual({ response: 0.2, onTime: 0.2, resolution: 0.3, satisfaction: 0.3, coOnTime: 0.1 });
    const row = (id: string) => live.departments.find((d) => d.id === id)!;
    // d-zj: 2 assignments, 1 return; responses C1 on time and C2 (returned) on time; its one reply late
    // but held up by e-sw's open part: on time; its part of C2 open and overdue.
    expect(row('d-zj')).toMatchObject({
      assigned: 2,
      responseRate: 1,
      onTimeRate: 1,
      coOnTimeRate: null,
      returned: 1,
      returnRate: 0.5,
      coOverdueNow: 1,
    });
    expect(row('d-zj').score).toBe(100);
    // d-cg: C2 assigned and returned on time; its part of C1 co-replied by its deadline.
    expect(row('d-cg')).toMatchObject({
      assigned: 1,
      responseRate: 1,
      onTimeRate: null,
      coOnTimeRate: 1,
      returned: 1,
      returnRate: 1,
      coOverdueNow: 0,
    });
    // e-sw: C2 signed on time; its part of C1 ended by the lead's reply: late.
    expect(row('e-sw')).toMatchObject({ kind: 'enterprise', assigned: 1, responseRate: 1, coOnTimeRate: 0, returned: 0, returnRate: 0 });
    expect(row('e-sw').score).toBeCloseTo((100 * 0.2) / 0.3, 10);
  });

  it('answers rankings, co-handling parts and returns as the core does', async () => {
    const period = { from: '2026-11-01', to: '2026-11-12' };
    const rank = (await call<RankingsAnswer>(server.url, `/api/v1/rankings?from=${period.from}&to=${period.to}`)).body;
    expect(rank).toEqual(rankings(state, rules, period, state.maxAt!));
    const asOf = state.maxAt!;
    const parts = await call<CoPartsAnswer>(server.url, '/api/v1/cohandling?overdue=true&deptId=d-zj', { token: TOKEN.wall });
    expect(parts.status).toBe(200);
    expect(parts.body).toEqual(listCoParts(state, rules, asOf, { deptId: 'd-zj', overdue: true, offset: 0, limit: 50 }));
    expect(parts.body.items.map((i) => [i.ticketId, i.deptId, i.leadId, i.leadName, i.dueAt, i.overdue])).toEqual([
      ['C2', 'd-zj', 'e-sw', '泰安水务集团', '2026-11-10T18:00:00+08:00', true],
    ]);
    const returns = await call<ReturnsAnswer>(server.url, '/api/v1/returns?deptId=d-cg');
    expect(returns.body).toEqual(listReturns(state, { deptId: 'd-cg', offset: 0, limit: 50 }));
    expect(returns.body.total).toBe(1);
    expect((await call<ReturnsAnswer>(server.url, '/api/v1/returns?deptId=e-sw')).body).toEqual({ total: 0, items: [] });
    for (const q of ['/cohandling?overdue=yes', '/cohandling?limit=0', '/returns?offset=-1', '/returns?limit=100000']) {
      const bad = await call(server.url, `/api/v1${q}`);
      expect(bad.status, q).toBe(400);
      expect(bad.body).toEqual({ error: expect.any(String) });
    }
  });

  it("shows a ticket's co-handlers and route in the ticket detail", async () => {
    const c1 = (await call<TicketAnswer>(server.url, '/api/v1/tickets/C1', { token: TOKEN.leader })).body;
    expect(c1.ticket.coHandlers).toEqual([
      {
        deptId: 'e-sw',
        name: '泰安水务集团',
        assignedAt: '2026-11-02T11:00:00+08:00',
        dueAt: '2026-11-04T18:00:00+08:00',
        state: 'done',
        at: '2026-11-09T10:00:00+08:00',
        endedBy: 'ticket.replied',
        onTime: false,
      },
      {
        deptId: 'd-cg',
        name: '市城管局',
        assignedAt: '2026-11-02T11:00:00+08:00',
        dueAt: '2026-11-05T18:00:00+08:00',
        state: 'done',
        at: '2026-11-05T10:00:00+08:00',
        endedBy: 'ticket.coreplied',
        onTime: true,
      },
    ]);
    expect(c1.ticket.route).toEqual([]);
    expect(c1.timeline.filter((i) => i.type === 'ticket.coreplied').map((i) => i.detail.deptId)).toEqual(['d-cg', 'e-sw']);
    const c2 = (await call<TicketAnswer>(server.url, '/api/v1/tickets/C2', { token: TOKEN.leader })).body;
    expect(c2.ticket).toMatchObject({
      route: ['d-zj', 'd-cg'],
      colour: 'yellow',
      reason: 'co-overdue',
      why: '协办单位超过协办时限仍未完成其协办部分',
    });
    expect(c2.ticket.coHandlers.map((h) => [h.deptId, h.state, h.at])).toEqual([['d-zj', 'open', null]]);
  });

  it('sets the bad co-handling entries aside with their codes', async () => {
    const rejected = await rejectedEntries(redis, server.stream);
    expect(rejected.map((r) => r.reason)).toEqual([
      'bad-state: d-zj leads ticket C1: the lead cannot also co-handle it',
      'bad-state: d-cg already co-replied to ticket C1',
      'bad-deadline: dueAt 2026-11-03T15:00:00+08:00 is not later than the co-assignment at 2026-11-03T15:00:00+08:00',
      'wrong-dept: d-cg does not co-handle ticket C2 (co-handlers: d-zj)',
    ]);
  });
});
