// Hardening and operations (issue 9 §3-4): security headers, the Socket.IO origin check and frame
// size, /metrics (who may read it, and its counts after real entries), idempotent supervise, the
// per-session limit on exports, the snapshot served from the last one built.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { io } from 'socket.io-client';
import { call, getSnapshot } from '../support/http.ts';
import { assigned, at, created, sampleEvents } from '../support/events.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectScreen, connectOutcome } from '../support/socket.ts';
import { atOrAfter, connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

let server: TestServer;
let redis: TestRedis;
let lastId: string;
let sampleCount: number;

const ALLOWED_ORIGIN = 'https://screen.example.gov.cn';

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
  server = await startTestServer({ env: { HOTLINE_ORIGINS: ALLOWED_ORIGIN, HOTLINE_METRICS_ALLOW: '10.9.8.0/24' } });
  const events = [...sampleEvents(), created('S1', at(0), { district: '370902' }), assigned('S1', at(5), 'd-cg', at(600))];
  sampleCount = events.length;
  // One duplicate (the same event again) and two rejections of two codes: bad JSON, unknown type.
  const ids = await produce(redis, server.stream, [...events, events[0]]);
  ids.push(
    ...(await produce(
      redis,
      server.stream,
      [{ event: '{not json' }, { event: JSON.stringify({ v: 1, id: 'x1', type: 'nope', at: at(1) }) }],
      true,
    )),
  );
  lastId = ids.at(-1)!;
  await waitDurable(redis, server.instance, lastId);
  await waitFor('caught up', async () => atOrAfter((await getSnapshot(server.url)).lastEntryId, lastId));
});

afterAll(async () => {
  await server.close();
  await redis.close();
});

/** Prometheus text → sample name with labels → value. */
function parseProm(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!m) throw new Error(`not Prometheus text: ${line}`);
    out.set(m[1], Number(m[2]));
  }
  return out;
}

/** A raw GET with headers fetch would not send (Origin). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security headers', () => {
  it('sends a CSP with frame-ancestors none, nosniff, no referrer and DENY framing, on pages and API answers', async () => {
    for (const path of ['/', '/api/v1/snapshot', '/healthz']) {
      const a = await call(server.url, path);
      const csp = a.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(csp, path).not.toContain('upgrade-insecure-requests');
      expect(a.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(a.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(a.headers.get('x-frame-options'), path).toBe('DENY');
      expect(a.headers.get('x-powered-by'), path).toBeNull();
    }
  });
});

describe('Socket.IO origin check and frame size', () => {
  const handshake = '/socket.io/?EIO=4&transport=polling';

  it('refuses a handshake from another origin with 403, accepts its own host, the allowlist and programs', async () => {
    const host = new URL(server.url).host;
    expect((await rawGet(server.url + handshake, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await rawGet(server.url + handshake, { origin: 'null' })).status).toBe(403);
    expect((await rawGet(server.url + handshake, { origin: `http://${host}` })).status).toBe(200);
    expect((await rawGet(server.url + handshake, { origin: ALLOWED_ORIGIN })).status).toBe(200);
    expect((await rawGet(server.url + handshake, {})).status).toBe(200);
  });

  it('a socket.io client claiming another origin gets connect_error even with a good token', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const s = io(server.url, {
        auth: { token: TOKEN.wall },
        transports: ['websocket'],
        extraHeaders: { origin: 'https://evil.example' },
        reconnection: false,
        forceNew: true,
      });
      s.on('connect', () => (s.close(), resolve('connected')));
      s.on('connect_error', () => (s.close(), resolve('connect_error')));
    });
    expect(outcome).toBe('connect_error');
    expect(await connectOutcome(server.url, { token: TOKEN.wall })).toBe('connected');
  });

  it('drops a socket that sends a message over 16 KB', async () => {
    const screen = connectScreen(server.url, { token: TOKEN.wall });
    await screen.until('the snapshot', () => screen.state());
    const reason = new Promise<string>((r) => screen.socket.once('disconnect', (why) => r(why)));
    (screen.socket as unknown as { emit(e: string, p: string): void }).emit('resync', 'x'.repeat(20_000));
    expect(await reason).toBe('transport close');
    screen.close();
  });
});

describe('GET /metrics', () => {
  it('is for admins: 401 without a token, 403 for a wall, and not for a proxied request from an allowed address', async () => {
    expect((await call(server.url, '/metrics', { token: null })).status).toBe(401);
    expect((await call(server.url, '/metrics', { token: TOKEN.wall })).status).toBe(403);
    expect((await call(server.url, '/metrics', { token: TOKEN.leader })).status).toBe(403);
    const a = await call(server.url, '/metrics', { token: TOKEN.admin });
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toContain('text/plain');
  });

  it('HOTLINE_METRICS_ALLOW lets a direct connection from that address in without a token, never one through a proxy', async () => {
    const open = await startTestServer({ env: { HOTLINE_METRICS_ALLOW: '127.0.0.1,::1' } });
    try {
      const direct = await fetch(`${open.url}/metrics`);
      expect(direct.status).toBe(200);
      expect(await direct.text()).toContain('lianxin_entries_total');
      expect((await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
      expect((await fetch(`${open.url}/metrics`, { headers: { forwarded: 'for=203.0.113.9' } })).status).toBe(401);
      // Only /metrics: the API still wants a token.
      expect((await fetch(`${open.url}/api/v1/snapshot`)).status).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('counts the entries applied, duplicated and rejected by code, the consumer, the sockets and the pushes', async () => {
    const screen = connectScreen(server.url, { token: TOKEN.wall });
    const leader = connectScreen(server.url, { token: TOKEN.leader });
    await screen.until('the snapshot', () => screen.state());
    await leader.until('the snapshot', () => leader.state());
    // One more entry after the sockets joined: a patch goes out to both.
    const more = await produce(redis, server.stream, [created('S2', at(20), { district: '370902' })]);
    await screen.until('the patch with S2', () => atOrAfter(screen.state()?.lastEntryId ?? null, more[0]));

    const m = await waitFor('metrics with the last entry', async () => {
      const text = (await call(server.url, '/metrics')).text;
      const p = parseProm(text);
      return p.get('lianxin_entries_total{outcome="applied"}') === sampleCount + 1 ? p : null;
    });
    expect(m.get('lianxin_entries_total{outcome="duplicate"}')).toBe(1);
    expect(m.get('lianxin_entries_total{outcome="rejected"}')).toBe(2);
    expect(m.get('lianxin_entries_rejected_total{code="not-json"}')).toBe(1);
    expect(m.get('lianxin_entries_rejected_total{code="schema"}')).toBe(1);
    expect(m.get('lianxin_stream_entries{outcome="applied"}')).toBe(sampleCount + 1);
    expect(m.get('lianxin_stream_entries{outcome="duplicate"}')).toBe(1);
    expect(m.get('lianxin_stream_entries{outcome="rejected"}')).toBe(2);
    expect(m.get('lianxin_consumer_status{status="running"}')).toBe(1);
    expect(m.get('lianxin_consumer_status{status="retrying"}')).toBe(0);
    expect(m.get('lianxin_consumer_lag_entries')).toBe(0);
    expect(m.get('lianxin_consumer_lag_seconds')).toBe(0);
    expect(m.get('lianxin_redis_up')).toBe(1);
    expect(m.get('lianxin_sockets{role="wall"}')).toBe(1);
    expect(m.get('lianxin_sockets{role="leader"}')).toBe(1);
    expect(m.get('lianxin_sockets{role="admin"}')).toBe(0);
    expect(m.get('lianxin_batch_entries_total')).toBe(sampleCount + 4);
    expect(m.get('lianxin_batch_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(m.get('lianxin_push_messages_total{kind="patch"}')).toBeGreaterThanOrEqual(2);
    expect(m.get('lianxin_push_bytes_total{kind="patch"}')).toBeGreaterThan(0);
    expect(m.get('lianxin_push_latency_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(m.has('nodejs_eventloop_lag_seconds')).toBe(true);
    expect(m.has('process_resident_memory_bytes')).toBe(true);
    screen.close();
    leader.close();
    await waitFor(
      'sockets gone',
      async () => parseProm((await call(server.url, '/metrics')).text).get('lianxin_sockets{role="wall"}') === 0,
    );
  });

  it('a restarted server catches up on the entries written while it was away; its lag is then 0', async () => {
    const other = await startTestServer();
    await other.close();
    // The stream grows while its consumer is away: a new server sees the lag before it catches up.
    const ids = await produce(redis, other.stream, [created('L1', at(0)), created('L2', at(1))]);
    const back = await startTestServer({ stream: other.stream, instance: other.instance });
    try {
      await waitDurable(redis, back.instance, ids.at(-1)!);
      const m = parseProm((await call(back.url, '/metrics')).text);
      expect(m.get('lianxin_consumer_lag_entries')).toBe(0);
      expect(m.get('lianxin_entries_total{outcome="applied"}')).toBe(2);
    } finally {
      await back.close();
    }
  });
});

describe('idempotent supervise', () => {
  const supervise = (key: string | null, body: unknown, token: string = TOKEN.leader) =>
    fetch(`${server.url}/api/v1/tickets/S1/supervise`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
  const supervisedIn = async (eventId: string) => {
    const entries = await redis.xRange(server.stream, '-', '+');
    return (entries ?? []).filter((e) => e.message.event.includes(`"id":"${eventId}"`)).length;
  };

  it('a retried request with the same Idempotency-Key answers the same eventId and writes one event', async () => {
    const first = await supervise('retry-key-0001', { level: 2, note: '请加快' });
    expect(first.status).toBe(202);
    const a = (await first.json()) as { eventId: string };
    const again = await supervise('retry-key-0001', { level: 2, note: '请加快' });
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { eventId: string }).eventId).toBe(a.eventId);
    const before = await redis.xLen(server.stream);
    await supervise('retry-key-0001', { level: 2, note: '请加快' });
    expect(await redis.xLen(server.stream)).toBe(before);
    expect(await supervisedIn(a.eventId)).toBe(1);
  });

  it('refuses the same key for a different request (422) and a malformed key (400); no key writes each time', async () => {
    expect((await supervise('retry-key-0002', { level: 1 })).status).toBe(202);
    expect((await supervise('retry-key-0002', { level: 3 })).status).toBe(422);
    expect((await supervise('short', { level: 1 })).status).toBe(400);
    const x = (await (await supervise(null, { level: 1 })).json()) as { eventId: string };
    const y = (await (await supervise(null, { level: 1 })).json()) as { eventId: string };
    expect(x.eventId).not.toBe(y.eventId);
  });

  it('keys belong to one person: another person with the same key writes their own event', async () => {
    const leader = (await (await supervise('shared-key-0003', { level: 1 })).json()) as { eventId: string };
    const admin = (await (await supervise('shared-key-0003', { level: 1 }, TOKEN.admin)).json()) as { eventId: string };
    expect(admin.eventId).not.toBe(leader.eventId);
  });
});

describe('limits on the expensive reads', () => {
  it('a person exporting XLSX again and again gets 429 with Retry-After; another person still exports', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(server.url, '/api/v1/rankings/export.xlsx', { token: TOKEN.leader })).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    const limited = await call(server.url, '/api/v1/rankings/export.xlsx', { token: TOKEN.leader });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(server.url, '/api/v1/rankings/export.xlsx', { token: TOKEN.admin })).status).toBe(200);
  });

  it('GET /api/v1/snapshot answers the last snapshot built: the same message until the next push', async () => {
    const bodies: string[] = [];
    for (let i = 0; i < 6; i++) bodies.push((await call(server.url, '/api/v1/snapshot')).text);
    for (let i = 1; i < bodies.length; i++) {
      const [a, b] = [JSON.parse(bodies[i - 1]) as { seq: number }, JSON.parse(bodies[i]) as { seq: number }];
      // A rebuilt snapshot would carry a new builtAt each time; the same seq means the same message.
      if (a.seq === b.seq) expect(bodies[i]).toBe(bodies[i - 1]);
      else expect(b.seq).toBeGreaterThan(a.seq);
    }
  });
});
