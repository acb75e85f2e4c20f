// Bad HTTP and socket input (issue 8 §4): every endpoint and every client message, given what a
// broken or hostile client sends, gets its status or error, never a 5xx or a crash, and the server
// still serves the wall afterwards. Statuses only: nothing here depends on the machine's speed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, getSnapshot } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { connectScreen, connectOutcome } from '../support/socket.ts';
import { TOKEN } from '../support/tokens.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

interface Case {
  what: string;
  path: string;
  method?: string;
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  status: number;
}

const big = 'x'.repeat(64 * 1024);

const CASES: Case[] = [
  { what: 'no token', path: '/api/v1/snapshot', token: null, status: 401 },
  { what: 'an unknown token', path: '/api/v1/snapshot', token: 'not-a-token-at-all-not-a-token-at-all', status: 401 },
  { what: 'an unknown endpoint', path: '/api/v1/nothing-here', status: 404 },
  { what: 'rankings: a date that is none', path: '/api/v1/rankings?from=2026-13-45&to=2026-11-30', status: 400 },
  { what: 'rankings: from after to', path: '/api/v1/rankings?from=2026-11-30&to=2026-11-01', status: 400 },
  { what: 'rankings: a repeated parameter', path: '/api/v1/rankings?from=2026-11-01&from=2026-11-02', status: 400 },
  { what: 'warnings: an unknown colour', path: '/api/v1/warnings?color=purple', status: 400 },
  { what: 'warnings: a negative offset', path: '/api/v1/warnings?color=red&offset=-1', status: 400 },
  { what: 'warnings: a limit that is text', path: '/api/v1/warnings?color=red&limit=many', status: 400 },
  { what: 'warnings under a wall token: allowed, masked', path: '/api/v1/warnings?color=red', token: TOKEN.wall, status: 200 },
  { what: 'cohandling: overdue neither true nor false', path: '/api/v1/cohandling?overdue=perhaps', status: 400 },
  { what: 'returns: a limit that is text', path: '/api/v1/returns?limit=lots', status: 400 },
  { what: 'a ticket under a wall token', path: '/api/v1/tickets/R1', token: TOKEN.wall, status: 403 },
  { what: 'an unknown ticket', path: '/api/v1/tickets/NO-SUCH-TICKET', token: TOKEN.leader, status: 404 },
  { what: 'a ticket id of odd characters', path: `/api/v1/tickets/${encodeURIComponent('__proto__')}`, token: TOKEN.leader, status: 404 },
  { what: 'supervise: not JSON', path: '/api/v1/tickets/R1/supervise', token: TOKEN.leader, rawBody: '{"level":', status: 400 },
  { what: 'supervise: a level out of range', path: '/api/v1/tickets/R1/supervise', token: TOKEN.leader, body: { level: 9 }, status: 400 },
  {
    what: 'supervise: a level that is text',
    path: '/api/v1/tickets/R1/supervise',
    token: TOKEN.leader,
    body: { level: 'high' },
    status: 400,
  },
  {
    what: 'supervise: a body over the limit',
    path: '/api/v1/tickets/R1/supervise',
    token: TOKEN.leader,
    body: { level: 2, note: big },
    status: 413,
  },
  { what: 'supervise under a wall token', path: '/api/v1/tickets/R1/supervise', token: TOKEN.wall, body: { level: 2 }, status: 403 },
  { what: 'export: a bad period', path: '/api/v1/rankings/export.csv?from=yesterday', status: 400 },
  { what: 'reload under a leader token', path: '/api/v1/admin/reload', method: 'POST', token: TOKEN.leader, body: {}, status: 403 },
  { what: 'analysis: a date that is none', path: '/api/v1/analysis?date=2026-02-30', token: TOKEN.leader, status: 400 },
];

describe('bad HTTP input', () => {
  it.each(CASES)('$what: $status', async (c) => {
    const a = await call(server.url, c.path, { token: c.token, method: c.method, body: c.body, rawBody: c.rawBody });
    expect(a.status, a.text.slice(0, 200)).toBe(c.status);
    if (a.status >= 400 && a.headers.get('content-type')?.includes('json')) {
      expect(typeof (a.body as { error?: unknown }).error).toBe('string');
    }
  });
});

describe('bad socket input', () => {
  it('refuses a handshake without a credential or with one of the wrong type', async () => {
    expect(await connectOutcome(server.url, {})).toBe('unauthorized');
    expect(await connectOutcome(server.url, { token: 42 })).toBe('unauthorized');
    expect(await connectOutcome(server.url, { token: { $ne: null } })).toBe('unauthorized');
  });

  it('answers every malformed message with an error, and keeps the socket', async () => {
    const leader = connectScreen(server.url, { token: TOKEN.leader });
    await leader.until('a snapshot', () => leader.state());
    const ask = (event: 'focus:set' | 'focus:release', payload: unknown) =>
      new Promise<{ ok: boolean; error?: string }>((resolve) =>
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- sending what a broken client would
        (leader.socket as any).emit(event, payload, resolve),
      );
    const bad: Array<['focus:set' | 'focus:release', unknown]> = [
      ['focus:set', null],
      ['focus:set', 'district 370902'],
      ['focus:set', { scope: 'planet', id: 'x' }],
      ['focus:set', { scope: 'district', id: '999999' }],
      ['focus:set', { scope: 'district', id: '370902', seconds: -5 }],
      ['focus:set', { scope: 'district', id: '370902', seconds: 'forever' }],
      ['focus:release', { wall: 42 }],
    ];
    for (const [event, payload] of bad) {
      const r = await ask(event, payload);
      expect(r.ok, JSON.stringify(payload)).toBe(false);
      expect(typeof r.error).toBe('string');
    }
    // Messages without an acknowledgement and unknown events are ignored, not fatal.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an event the contract does not have, and one without its ack
    const raw = leader.socket as any;
    raw.emit('no-such-event', { a: 1 });
    raw.emit('focus:set', { scope: 'planet' });
    expect(leader.socket.connected).toBe(true);
    const wall = connectScreen(server.url, { token: TOKEN.wall });
    await wall.until('a snapshot', () => wall.state());
    const r = await new Promise<{ ok: boolean; error?: string }>((resolve) =>
      wall.socket.emit('focus:set', { scope: 'district', id: '370902', wall: null }, resolve),
    );
    expect(r).toEqual({ ok: false, error: 'forbidden' });
    leader.close();
    wall.close();
  });

  it('still serves afterwards', async () => {
    expect((await call(server.url, '/healthz', { token: null })).status).toBe(200);
    const s = await getSnapshot(server.url);
    expect(s.seq).toBeGreaterThanOrEqual(0);
    const screen = connectScreen(server.url, { token: TOKEN.wall });
    await screen.until('a snapshot after the bad input', () => screen.state());
    screen.close();
  });
});
