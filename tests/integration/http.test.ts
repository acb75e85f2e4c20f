// The HTTP interface (metrics.md, "Read interface"): tokens and roles, every route's answers and
// bad input, supervision written to the stream, health, and the static client.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RankingsAnswer, TicketAnswer, WarningsAnswer } from '../../shared/contract/snapshot.ts';
import { startServer } from '../../server/app.ts';
import { ConfigError } from '../../server/config/env.ts';
import { silentLogger } from '../../server/util/log.ts';
import { spawnServer } from '../support/child-server.ts';
import { call, getSnapshot } from '../support/http.ts';
import { assigned, at, callOffered, created, sampleEvents } from '../support/events.ts';
import { startTestServer, testEnv, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, newestEntry, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

let server: TestServer;
let redis: TestRedis;
let asOf: string;

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
  server = await startTestServer();
  // Three open tickets overdue by the last event's time (red), one closed (the sample's).
  const events = [
    ...sampleEvents(),
    created('R1', at(0), { district: '370902' }),
    assigned('R1', at(5), 'd-cg', at(60)),
    created('R2', at(1), { district: '370911' }),
    assigned('R2', at(6), 'd-cg', at(61)),
    created('R3', at(2), { district: '370911' }),
    assigned('R3', at(7), 'd-sw', at(62)),
    callOffered(at(10, '2026-12-04')),
  ];
  const ids = await produce(redis, server.stream, events);
  await waitDurable(redis, server.instance, ids.at(-1)!);
  const snap = await waitFor('caught up', async () => {
    const s = await getSnapshot(server.url);
    return atOrAfter(s.lastEntryId, ids.at(-1)!) ? s : null;
  });
  asOf = snap.asOf!;
});

afterAll(async () => {
  await server.close();
  await redis.close();
});

describe('tokens and roles', () => {
  it('answers 401 JSON without a token or with an unknown one', async () => {
    const none = await call(server.url, '/api/v1/snapshot', { token: null });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ error: expect.any(String) });
    const unknown = await call(server.url, '/api/v1/snapshot', { token: 'nope' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ error: expect.any(String) });
  });

  it('lets every role read the snapshot', async () => {
    for (const token of Object.values(TOKEN)) {
      const a = await call(server.url, '/api/v1/snapshot', { token });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ v: 1, ingest: { applied: 18 } });
    }
  });

  it('says who a token is at /api/v1/me, label null when none is configured', async () => {
    expect((await call(server.url, '/api/v1/me', { token: TOKEN.wall })).body).toEqual({ role: 'wall', label: '大厅大屏' });
    expect((await call(server.url, '/api/v1/me', { token: TOKEN.leader })).body).toEqual({ role: 'leader', label: '张主任' });
    expect((await call(server.url, '/api/v1/me', { token: TOKEN.admin })).body).toEqual({ role: 'admin', label: null });
  });

  it('answers 403 to a wall asking for a ticket, supervising or reloading, and to a leader reloading', async () => {
    expect((await call(server.url, '/api/v1/tickets/R1', { token: TOKEN.wall })).status).toBe(403);
    expect((await call(server.url, '/api/v1/tickets/R1/supervise', { token: TOKEN.wall, body: { level: 2 } })).status).toBe(403);
    expect((await call(server.url, '/api/v1/admin/reload', { token: TOKEN.wall, method: 'POST' })).status).toBe(403);
    expect((await call(server.url, '/api/v1/admin/reload', { token: TOKEN.leader, method: 'POST' })).status).toBe(403);
    expect((await call(server.url, '/api/v1/admin/reload', { token: TOKEN.admin, method: 'POST' })).status).toBe(202);
  });

  it('answers 404 JSON for an unknown API route (after the token check)', async () => {
    expect((await call(server.url, '/api/v1/nothing-here', { token: null })).status).toBe(401);
    const a = await call(server.url, '/api/v1/nothing-here');
    expect(a.status).toBe(404);
    expect(a.body).toEqual({ error: expect.any(String) });
  });
});

describe('health', () => {
  it('answers /healthz and /readyz without a token', async () => {
    expect((await call(server.url, '/healthz', { token: null })).status).toBe(200);
    const ready = await call(server.url, '/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, redis: true, consumer: 'running' });
  });
});

describe('rankings', () => {
  it('defaults to the month of asOf up to today, with the period just before', async () => {
    const a = await call<RankingsAnswer>(server.url, '/api/v1/rankings', { token: TOKEN.wall });
    expect(a.status).toBe(200);
    expect(a.body.from).toBe('2026-12-01');
    expect(a.body.to).toBe(asOf.slice(0, 10));
    expect(a.body.previous).toMatchObject({ from: expect.any(String), to: '2026-11-30' });
  });

  it('takes from and to, and the period of equal length before', async () => {
    const a = await call<RankingsAnswer>(server.url, '/api/v1/rankings?from=2026-11-01&to=2026-11-30');
    expect(a.status).toBe(200);
    expect(a.body.previous).toMatchObject({ from: '2026-10-02', to: '2026-10-31' });
    expect(a.body.departments.map((d) => d.id).sort()).toEqual(['d-cg', 'd-sw', 'd-zj']);
  });

  it.each([
    ['an invalid date', '?from=2026-13-01'],
    ['an impossible date', '?from=2026-02-30'],
    ['to before from', '?from=2026-11-10&to=2026-11-01'],
    ['more than 366 days', '?from=2025-01-01&to=2026-11-30'],
    ['a repeated parameter', '?from=2026-11-01&from=2026-11-02'],
  ])('answers 400 to %s', async (_what, q) => {
    const a = await call(server.url, `/api/v1/rankings${q}`);
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ error: expect.any(String) });
  });
});

describe('warnings', () => {
  it('lists a colour in the snapshot order, paged, with district and department filters', async () => {
    const all = await call<WarningsAnswer>(server.url, '/api/v1/warnings?color=red', { token: TOKEN.wall });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((i) => i.ticketId)).toEqual(['R1', 'R2', 'R3']);
    const page = await call<WarningsAnswer>(server.url, '/api/v1/warnings?color=red&offset=1&limit=1');
    expect(page.body).toMatchObject({ total: 3, items: [{ ticketId: 'R2' }] });
    const district = await call<WarningsAnswer>(server.url, '/api/v1/warnings?color=red&district=370911');
    expect(district.body.items.map((i) => i.ticketId)).toEqual(['R2', 'R3']);
    const dept = await call<WarningsAnswer>(server.url, '/api/v1/warnings?color=red&deptId=d-sw');
    expect(dept.body.items.map((i) => i.ticketId)).toEqual(['R3']);
    const yellow = await call<WarningsAnswer>(server.url, '/api/v1/warnings?color=yellow');
    expect(yellow.body).toEqual({ total: 0, items: [] });
  });

  it.each([
    ['no colour', ''],
    ['an unknown colour', '?color=blue'],
    ['a limit above the page size', '?color=red&limit=501'],
    ['a zero limit', '?color=red&limit=0'],
    ['a negative offset', '?color=red&offset=-1'],
    ['a limit that is not a number', '?color=red&limit=ten'],
  ])('answers 400 to %s', async (_what, q) => {
    const a = await call(server.url, `/api/v1/warnings${q}`);
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ error: expect.any(String) });
  });
});

describe('tickets', () => {
  it('shows a leader the ticket with its timeline, personal data masked', async () => {
    const a = await call<TicketAnswer>(server.url, '/api/v1/tickets/TA202611300001', { token: TOKEN.leader });
    expect(a.status).toBe(200);
    expect(a.body.ticket).toMatchObject({ id: 'TA202611300001', state: 'closed', dept: { id: 'd-zj' } });
    expect(a.body.ticket.citizen).toEqual({ name: '张*', phone: '138****5678' });
    expect(a.body.timeline.map((t) => t.type)).toEqual([
      'ticket.created',
      'ticket.assigned',
      'ticket.signed',
      'ticket.replied',
      'ticket.visited',
      'ticket.closed',
    ]);
    expect(a.text).not.toContain('13812345678');
  });

  it('answers 404 for an unknown ticket', async () => {
    const a = await call(server.url, '/api/v1/tickets/NOPE', { token: TOKEN.leader });
    expect(a.status).toBe(404);
    expect(a.body).toEqual({ error: expect.any(String) });
  });
});

describe('supervise', () => {
  const supervise = (id: string, body: unknown, token: string = TOKEN.leader) =>
    call<{ eventId?: string; error?: string }>(server.url, `/api/v1/tickets/${id}/supervise`, { token, body });

  it.each([
    ['level 0', { level: 0 }],
    ['level 6', { level: 6 }],
    ['a fractional level', { level: 2.5 }],
    ['a level as text', { level: '3' }],
    ['no level', { note: 'x' }],
    ['a note that is not text', { level: 2, note: 5 }],
  ])('answers 400 to %s', async (_what, body) => {
    const a = await supervise('R1', body);
    expect(a.status).toBe(400);
    expect(a.body).toEqual({ error: expect.any(String) });
  });

  it('answers 400 to a body that is not JSON', async () => {
    const a = await call(server.url, '/api/v1/tickets/R1/supervise', { token: TOKEN.leader, rawBody: '{level:' });
    expect(a.status).toBe(400);
  });

  it('answers 404 for an unknown or a closed ticket', async () => {
    expect((await supervise('NOPE', { level: 2 })).status).toBe(404);
    expect((await supervise('TA202611300001', { level: 2 })).status).toBe(404);
  });

  it('writes a ticket.supervised event to the stream and answers 202 with its id', async () => {
    const a = await supervise('R2', { level: 4, note: '请尽快办理，电话13812345678' });
    expect(a.status).toBe(202);
    expect(a.body.eventId).toMatch(/^sup-[0-9a-f-]{36}$/);
    const event = JSON.parse((await newestEntry(redis, server.stream)).event);
    expect(event).toEqual({
      v: 1,
      id: a.body.eventId,
      type: 'ticket.supervised',
      at: asOf,
      ticketId: 'R2',
      level: 4,
      by: 'leader:张主任',
      note: '请尽快办理，电话13812345678',
    });
    // Applied like any other entry: the ticket's manual level shows in its detail.
    await waitFor('the supervision applied', async () => {
      const t = await call<TicketAnswer>(server.url, '/api/v1/tickets/R2', { token: TOKEN.admin });
      return t.body.ticket.manualLevel === 4;
    });
    // The figure is in memory a moment before the batch's timeline is written to Redis.
    const t = await waitFor('the supervision in the stored timeline', async () => {
      const r = await call<TicketAnswer>(server.url, '/api/v1/tickets/R2', { token: TOKEN.leader });
      return r.body.timeline.at(-1)?.type === 'ticket.supervised' ? r : null;
    });
    expect(t.body.timeline.at(-1)).toMatchObject({ type: 'ticket.supervised' });
    expect(t.text).not.toContain('13812345678');
  });
});

describe('supervise under the wall clock', () => {
  it("stamps the event with the wall clock in the configured zone's offset", async () => {
    const s = await startTestServer({ env: { HOTLINE_CLOCK: 'wall' } });
    try {
      const ids = await produce(redis, s.stream, [created('WC1', at(0))]);
      await waitDurable(redis, s.instance, ids[0]);
      await waitFor('WC1 known', async () => (await call(s.url, '/api/v1/tickets/WC1', { token: TOKEN.leader })).status === 200);
      const before = Date.now();
      const a = await call(s.url, '/api/v1/tickets/WC1/supervise', { token: TOKEN.admin, body: { level: 1 } });
      const after = Date.now();
      expect(a.status).toBe(202);
      const event = JSON.parse((await newestEntry(redis, s.stream)).event);
      expect(event.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
      // Stamped while the request was being answered (same machine clock), however long that took.
      expect(Date.parse(event.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(event.at)).toBeLessThanOrEqual(after);
      expect(event.by).toBe('admin');
      expect(event).not.toHaveProperty('note');
    } finally {
      await s.close();
    }
  });
});

describe('static client', () => {
  it('says the client is not built at GET / when the folder is missing', async () => {
    const a = await call(server.url, '/', { token: null });
    expect(a.status).toBe(503);
    expect(a.text.trim()).toBe('client not built: run npm run build');
  });

  it('serves the built files, and index.html for the screen routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>连心</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const s = await startTestServer({ env: { HOTLINE_STATIC: dir } });
    try {
      const index = await call(s.url, '/', { token: null });
      expect(index.status).toBe(200);
      expect(index.text).toContain('连心');
      expect((await call(s.url, '/wall/overview', { token: null })).text).toContain('连心');
      const js = await call(s.url, '/assets/app.js', { token: null });
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toContain('javascript');
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('configuration', () => {
  it('refuses to start on bad values, one line each', async () => {
    const env = testEnv({
      env: {
        HOTLINE_TOKENS: 'boss:x,wall:',
        PORT: '99999',
        HOTLINE_TZ: 'Mars/Olympus',
        HOTLINE_CLOCK: 'sundial',
        HOTLINE_PUSH_MS: 'fast',
        HOTLINE_INSTANCE: 'has space',
        HOTLINE_CONFIG: '/nonexistent/config.json',
      },
    });
    const err = await startServer(env, { log: silentLogger }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as ConfigError).errors;
    for (const key of ['PORT', 'HOTLINE_TZ', 'HOTLINE_CLOCK', 'HOTLINE_PUSH_MS', 'HOTLINE_INSTANCE', 'HOTLINE_CONFIG']) {
      expect(
        lines.some((l) => l.startsWith(key)),
        key,
      ).toBe(true);
    }
    expect(lines.filter((l) => l.startsWith('HOTLINE_TOKENS'))).toHaveLength(2);
  });

  it('validates HOTLINE_CONFIG against the config schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-config-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ limits: { batchSize: 0 }, colour: 'red' }));
    try {
      const err = await startServer(testEnv({ env: { HOTLINE_CONFIG: file } }), { log: silentLogger }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).errors.join('\n')).toMatch(/limits\.batchSize/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm run server without HOTLINE_TOKENS prints why and exits 1', async () => {
    const { HOTLINE_TOKENS: _omit, ...env } = testEnv();
    const child = spawnServer(env);
    const { code } = await child.exited;
    expect(code).toBe(1);
    expect(child.output()).toMatch(/HOTLINE_TOKENS: required/);
  });
});
