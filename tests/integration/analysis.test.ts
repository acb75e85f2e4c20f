// The barometer through the live server (real Redis, consumer group, persistence): a hand-made
// history of 8 working days with a steady topic and a repeat caller, today a gas surge in one street;
// GET /api/v1/analysis answers what the pure core answers in-process, finds the planted spike,
// cluster and repeat caller, shows nothing personal, keeps its facts over a restart, and is for
// leaders only.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultConfig } from '../../shared/config.ts';
import {
  analyse,
  createRules,
  createState,
  processEntry,
  type AnalysisAnswer,
  type CoreState,
  type Rules,
} from '../../shared/domain/index.ts';
import { createSegmenter } from '../../server/core/segmenter.ts';
import { callerHash } from '../../server/core/caller-hash.ts';
import { call, getSnapshot } from '../support/http.ts';
import { personalDataIn } from '../support/privacy.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

const SECRET = 'analysis-test-secret-0123456789';
const T = (d: string, hm: string) => `2026-11-${d}T${hm}:00+08:00`;
let n = 0;
const created = (ticketId: string, at: string, o: Record<string, unknown>) => ({
  v: 1,
  id: `an-${++n}`,
  type: 'ticket.created',
  at,
  ticketId,
  channel: 'phone',
  kind: 'complaint',
  urgency: 'normal',
  content: '详细内容，联系人王五',
  ...o,
});
const HEAT = { category: ['城乡建设', '供热管理'], district: '370902', title: '暖气不热' };
const GAS = { category: ['城乡建设', '燃气管理'], district: '370911', street: '粥店街道' };
const WORKING = ['16', '17', '18', '19', '20', '23', '24', '25'];

const EVENTS = [
  ...WORKING.flatMap((d) => [0, 1, 2].map((i) => created(`H${d}-${i}`, T(d, `08:0${i}`), HEAT))),
  // The same caller about the same matter three times (three of the heat tickets' days).
  ...['23', '24', '25'].map((d) => created(`R${d}`, T(d, '09:00'), { ...HEAT, citizen: { name: '王五', phone: '13912345678' } })),
  // Today, Thursday 11-26: six gas complaints in one street, differently worded; one is a 举报.
  created('G1', T('26', '09:00'), { ...GAS, title: '燃气异味很大' }),
  created('G2', T('26', '09:05'), { ...GAS, title: '闻到燃气异味，电话13812345678' }),
  created('G3', T('26', '09:10'), { ...GAS, title: '燃气异味刺鼻' }),
  created('G4', T('26', '09:15'), { ...GAS, title: '楼道燃气异味' }),
  created('G5', T('26', '09:20'), { ...GAS, title: '燃气异味严重' }),
  created('G6', T('26', '09:25'), { ...GAS, kind: 'report', title: '举报某燃气公司私接管道' }),
  { v: 1, id: `an-${++n}`, type: 'call.offered', at: T('26', '10:00'), callId: 'c-1' },
];

describe('the analysis endpoint through the live server', () => {
  let redis: TestRedis;
  let server: TestServer;
  let rules: Rules;
  let state: CoreState;
  let live: AnalysisAnswer;
  let lastId: string;

  beforeAll(async () => {
    redis = await connectRedis(inject('redisUrl'));
    server = await startTestServer({ env: { HOTLINE_ANALYSIS_SECRET: SECRET } });
    const ids = await produce(redis, server.stream, EVENTS);
    lastId = ids.at(-1)!;
    await waitFor('the server at the last entry', async () => atOrAfter((await getSnapshot(server.url)).lastEntryId, lastId));
    rules = createRules(defaultConfig(), {
      tz: 'Asia/Shanghai',
      clock: 'event',
      segment: createSegmenter(),
      hashPhone: callerHash(SECRET),
    });
    state = createState({ trackChanges: false });
    for (const e of (await redis.xRange(server.stream, '-', '+'))!) {
      processEntry(state, rules, { id: e.id, fields: e.message as Record<string, string> }, 0);
    }
    live = (await call<AnalysisAnswer>(server.url, '/api/v1/analysis', { token: TOKEN.leader })).body;
  });

  afterAll(async () => {
    await server?.close();
    await redis?.quit();
  });

  it('answers what the core answers in-process', () => {
    expect(live).toEqual(analyse(state, rules, state.maxAt!));
    expect(live.date).toBe('2026-11-26');
    expect(live.baseline).toEqual({ kind: 'working', days: WORKING.map((d) => `2026-11-${d}`).reverse(), toppedUp: false });
  });

  it('finds the gas surge, not the steady heat topic', () => {
    const gas = live.spikes.find((s) => s.key === 'c2:城乡建设/燃气管理')!;
    // 6 today by 10:00 against none on 8 working days: NegBin r = 0.5, p = 8/9, P(X >= 6) = 4.46e-7.
    expect(gas).toMatchObject({ count: 6, expected: 0, where: [{ district: '370911', name: '岱岳区', count: 6 }] });
    expect(gas.ticketIds).toEqual(['G1', 'G2', 'G3', 'G4', 'G5', 'G6']);
    expect(gas.since).toBe('2026-11-26T09:20:00+08:00');
    expect(live.spikes.find((s) => s.key === 'c2:城乡建设/供热管理')).toBeUndefined();
  });

  it('clusters the differently worded gas complaints, samples never the 举报 one', () => {
    const c = live.clusters.find((x) => x.words.includes('燃气'))!;
    expect(c).toBeDefined();
    expect(c.district).toBe('370911');
    expect(c.street).toBe('粥店街道');
    expect(c.ticketIds).not.toContain('G6');
    expect(c.count).toBeGreaterThanOrEqual(3);
    expect(c.samples.join('')).not.toMatch(/举报|私接/);
  });

  it('finds the repeat caller by counts and ids only', () => {
    const r = live.repeats.filter((x) => x.type === 'caller');
    expect(r.map((x) => [x.matter, x.count, x.ticketIds])).toEqual([['城乡建设/供热管理', 3, ['R23', 'R24', 'R25']]]);
    const hash = createHmac('sha256', SECRET).update('13912345678').digest('hex').slice(0, 32);
    expect(JSON.stringify(live)).not.toContain(hash);
  });

  it('carries no name, phone or content', () => {
    expect(personalDataIn(live, ['王五'])).toEqual([]);
    expect(JSON.stringify(live)).not.toMatch(/详细内容|私接管道/);
  });

  it('is for leaders and admins; a bad or out-of-window date gets 400', async () => {
    expect((await call(server.url, '/api/v1/analysis', { token: TOKEN.wall })).status).toBe(403);
    expect((await call(server.url, '/api/v1/analysis', { token: TOKEN.admin })).status).toBe(200);
    expect((await call(server.url, '/api/v1/analysis?date=2026-11-31')).status).toBe(400);
    expect((await call(server.url, '/api/v1/analysis?date=2026-11-27')).status).toBe(400);
    expect((await call(server.url, '/api/v1/analysis?date=2026-01-01')).status).toBe(400);
    const past = (await call<AnalysisAnswer>(server.url, '/api/v1/analysis?date=2026-11-25')).body;
    expect(past.asOf).toBe('2026-11-25T23:59:59.999+08:00');
    expect(past.spikes.find((s) => s.key === 'c2:城乡建设/燃气管理')).toBeUndefined();
  });

  it('keeps its facts over a restart (a new hash that filled from live entries)', async () => {
    await waitDurable(redis, server.instance, lastId);
    expect(await redis.hLen(`lianxin:${server.instance}:facts`)).toBe(EVENTS.length - 1);
    await server.close();
    server = await startTestServer({ stream: server.stream, instance: server.instance, env: { HOTLINE_ANALYSIS_SECRET: SECRET } });
    const again = (await call<AnalysisAnswer>(server.url, '/api/v1/analysis', { token: TOKEN.leader })).body;
    expect(again).toEqual(live);
  });
});
