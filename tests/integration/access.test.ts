// Access against a real Redis and real Socket.IO (issue 9 §1-§3): tokens exchanged for session
// cookies, named people from a token file read again without a restart, people added and revoked
// on the admin API, paired walls, revocation closing sockets, the audit trail, the failed sign-in
// limit per address, and short tokens refused at start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError } from '../../server/config/env.ts';
import { startServer } from '../../server/app.ts';
import { parseCsv } from '../../server/export/csv.ts';
import { silentLogger } from '../../server/util/log.ts';
import type { AuditItem, Focus } from '../../shared/contract/snapshot.ts';
import { Jar, disconnected, outcome, req, socketWith, writeTokensFile, type TestSocket } from '../support/access.ts';
import { assigned, at, created } from '../support/events.ts';
import { startTestServer, testEnv, type TestServer } from '../support/server.ts';
import { connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

const LEADER_A = 'leader-a-token-0123456789-abcdefghij';
const LEADER_B = 'leader-b-token-0123456789-klmnopqrst';

let redis: TestRedis;
let dir: string;
const servers: TestServer[] = [];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
  dir = mkdtempSync(join(tmpdir(), 'lianxin-access-'));
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await Promise.all(servers.map((s) => s.close()));
  await redis.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const s = await startTestServer({ env: { HOTLINE_TRUST_PROXY: 'loopback', ...env } });
  servers.push(s);
  return s;
}
function sock(url: string, o: Parameters<typeof socketWith>[1]) {
  const s = socketWith(url, o);
  sockets.push(s);
  return s;
}
async function auditOf(s: TestServer, q = ''): Promise<AuditItem[]> {
  const a = await req<{ items: AuditItem[] }>(s.url, `/api/v1/admin/audit${q}`, { token: TOKEN.admin });
  expect(a.status).toBe(200);
  return a.body.items;
}

describe('a token exchanged for a session cookie', () => {
  it('sets an HttpOnly SameSite=Strict cookie that then stands for the person over HTTP and Socket.IO', async () => {
    const s = await start();
    const jar = new Jar();
    const ex = await req(s.url, '/api/v1/session', { method: 'POST', token: TOKEN.leader, jar });
    expect(ex.status).toBe(200);
    expect(ex.body).toMatchObject({ role: 'leader', label: '张主任' });
    expect(jar.cookies.has('lx_session')).toBe(true);
    expect(jar.attributes.get('lx_session')).toMatch(/httponly/);
    expect(jar.attributes.get('lx_session')).toMatch(/samesite=strict/);
    expect(jar.cookies.get('lx_session')).not.toContain(TOKEN.leader);

    expect((await req(s.url, '/api/v1/me', { jar })).body).toEqual({ role: 'leader', label: '张主任' });
    expect((await req(s.url, '/api/v1/snapshot', { jar })).status).toBe(200);
    const socket = sock(s.url, { jar });
    expect(await outcome(socket)).toBe('connected');

    // Signing out ends the session: the same cookie is refused.
    const copy = new Jar();
    copy.cookies.set('lx_session', jar.cookies.get('lx_session')!);
    expect((await req(s.url, '/api/v1/session', { method: 'DELETE', jar })).status).toBe(204);
    expect((await req(s.url, '/api/v1/me', { jar: copy })).status).toBe(401);
  });

  it('refuses an unknown token with 401 and keeps Bearer and auth.token working for programs', async () => {
    const s = await start();
    expect((await req(s.url, '/api/v1/session', { method: 'POST', token: 'not-a-known-token-at-all-0123456789' })).status).toBe(401);
    expect((await req(s.url, '/api/v1/me', { token: TOKEN.wall })).body).toEqual({ role: 'wall', label: '大厅大屏' });
    expect(await outcome(sock(s.url, { token: TOKEN.wall }))).toBe('connected');
  });
});

describe('named people from HOTLINE_TOKENS_FILE', () => {
  it('signs them in by label, reads the file again on edits without a restart, and closes a removed person’s socket', async () => {
    const file = join(dir, 'people-1.json');
    writeTokensFile(file, [{ role: 'leader', label: '王局长', token: LEADER_A }]);
    // B's tries before the file is read again are failed sign-ins: leave room for them.
    const s = await start({ HOTLINE_TOKENS_FILE: file, HOTLINE_AUTH_MAX_FAILURES: '10000' });
    const ids = await produce(redis, s.stream, [created('F1', at(0)), assigned('F1', at(5), 'd-cg', at(60))]);
    await waitDurable(redis, s.instance, ids.at(-1)!);

    expect((await req(s.url, '/api/v1/me', { token: LEADER_A })).body).toEqual({ role: 'leader', label: '王局长' });
    expect((await req(s.url, '/api/v1/me', { token: LEADER_B })).status).toBe(401);

    // A supervision names the person.
    const sup = await req(s.url, '/api/v1/tickets/F1/supervise', { token: LEADER_A, body: { level: 2 } });
    expect(sup.status).toBe(202);
    const last = (await redis.xRevRange(s.stream, '+', '-', { COUNT: 1 })) ?? [];
    expect(JSON.parse(last[0]!.message.event!).by).toBe('leader:王局长');

    // Focus names the person too.
    const wall = sock(s.url, { token: TOKEN.wall, wall: 'w9' });
    expect(await outcome(wall)).toBe('connected');
    const focused = new Promise<Focus | null>((r) => wall.on('focus', (f) => f && r(f)));
    const leader = sock(s.url, { token: LEADER_A });
    expect(await outcome(leader)).toBe('connected');
    const ack = await leader.emitWithAck('focus:set', { scope: 'district', id: '370902', wall: 'w9' });
    expect(ack).toEqual({ ok: true });
    expect((await focused)?.by).toBe('leader:王局长');

    // The file edited: B added, A removed. B works, A gets 401 and loses the socket, no restart.
    const gone = disconnected(leader);
    writeTokensFile(file, [{ role: 'leader', label: '李主任', token: LEADER_B }]);
    await waitFor('B signed in', async () => (await req(s.url, '/api/v1/me', { token: LEADER_B })).status === 200, { timeoutMs: 15_000 });
    expect((await req(s.url, '/api/v1/me', { token: LEADER_A })).status).toBe(401);
    expect(await gone).toBe('io server disconnect');

    // A bad edit keeps the list before it.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{ not json');
    await waitFor(
      'the bad edit seen',
      async () => (await auditOf(s, '?action=tokens.reload')).some((r) => r.detail.startsWith('kept the last list')),
      { timeoutMs: 15_000 },
    );
    expect((await req(s.url, '/api/v1/me', { token: LEADER_B })).status).toBe(200);
  });

  it('refuses a person past their expiry', async () => {
    const file = join(dir, 'people-2.json');
    writeTokensFile(file, [
      { role: 'leader', label: '过期', token: LEADER_A, expires: '2020-01-01' },
      { role: 'admin', label: '管理员甲', token: LEADER_B, expires: '2999-12-31T00:00:00+08:00' },
    ]);
    const s = await start({ HOTLINE_TOKENS_FILE: file });
    expect((await req(s.url, '/api/v1/me', { token: LEADER_A })).status).toBe(401);
    expect((await req(s.url, '/api/v1/me', { token: LEADER_B })).body).toEqual({ role: 'admin', label: '管理员甲' });
  });

  it('refuses to start on a bad token file or a token shorter than 128 bits, one line each', async () => {
    const bad = join(dir, 'people-bad.json');
    writeTokensFile(bad, [{ role: 'leader', label: 'x', token: LEADER_A }]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, JSON.stringify({ people: [{ role: 'king', label: 'x', tokenHash: 'sha256:00' }] }));
    await expect(startServer(testEnv({ env: { HOTLINE_TOKENS_FILE: bad } }), { log: silentLogger })).rejects.toThrow(ConfigError);
    const short = startServer(testEnv({ env: { HOTLINE_TOKENS: 'leader:abc123:张' } }), { log: silentLogger });
    await expect(short).rejects.toThrow(/too short to be secret/);
  });
});

describe('people added and revoked on the admin API', () => {
  it('answers a new token once; revoking ends its sessions and closes its sockets within seconds', async () => {
    const s = await start();
    const add = await req(s.url, '/api/v1/admin/people', { token: TOKEN.admin, body: { role: 'leader', label: '赵处长' } });
    expect(add.status).toBe(201);
    const token = add.body.token as string;
    expect(token.length).toBeGreaterThanOrEqual(43);
    const list = await req(s.url, '/api/v1/admin/people', { token: TOKEN.admin });
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: add.body.id, label: '赵处长', source: 'admin', revoked: null }));

    const jar = new Jar();
    expect((await req(s.url, '/api/v1/session', { method: 'POST', token, jar })).status).toBe(200);
    const viaCookie = sock(s.url, { jar });
    const viaToken = sock(s.url, { token });
    expect(await outcome(viaCookie)).toBe('connected');
    expect(await outcome(viaToken)).toBe('connected');
    const gone = Promise.all([disconnected(viaCookie), disconnected(viaToken)]);

    // Only an admin may.
    expect((await req(s.url, `/api/v1/admin/people/${add.body.id}`, { method: 'DELETE', token: TOKEN.leader })).status).toBe(403);
    expect((await req(s.url, `/api/v1/admin/people/${add.body.id}`, { method: 'DELETE', token: TOKEN.admin })).status).toBe(204);
    expect(await gone).toEqual(['io server disconnect', 'io server disconnect']);
    expect((await req(s.url, '/api/v1/me', { token })).status).toBe(401);
    expect((await req(s.url, '/api/v1/me', { jar })).status).toBe(401);
    expect(await outcome(sock(s.url, { jar }))).toBe('unauthorized');

    // An HOTLINE_TOKENS person can be revoked too (held in Redis, across restarts).
    const people = (await req(s.url, '/api/v1/admin/people', { token: TOKEN.admin })).body.items as Array<{
      id: string;
      label: string | null;
    }>;
    const boss = people.find((p) => p.label === '张主任')!;
    expect((await req(s.url, `/api/v1/admin/people/${boss.id}`, { method: 'DELETE', token: TOKEN.admin })).status).toBe(204);
    expect((await req(s.url, '/api/v1/me', { token: TOKEN.leader })).status).toBe(401);
  });
});

describe('paired walls', () => {
  it('pairs by code: pending, approved and named by an admin, then the wall’s cookie; revoked, it drops back', async () => {
    const s = await start();
    const wall = new Jar();
    expect((await req(s.url, '/api/v1/me', { jar: wall })).status).toBe(401);
    const asked = await req(s.url, '/api/v1/pair', { jar: wall, body: { build: 'index-abc.js' }, from: '10.1.1.7' });
    expect(asked.status).toBe(201);
    const code = asked.body.code as string;
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(jar(wall).has('lx_pair')).toBe(true);
    // Asking again keeps the same code; polling says pending.
    expect((await req(s.url, '/api/v1/pair', { jar: wall, body: {} })).body.code).toBe(code);
    expect((await req(s.url, '/api/v1/pair', { jar: wall })).body).toMatchObject({ status: 'pending', code });

    const pending = await req(s.url, '/api/v1/admin/pairings', { token: TOKEN.admin });
    expect(pending.body.items).toContainEqual(expect.objectContaining({ code, address: '10.1.1.7', build: 'index-abc.js' }));
    expect((await req(s.url, `/api/v1/admin/pairings/${code}`, { token: TOKEN.leader, body: { name: 'hall' } })).status).toBe(403);
    expect((await req(s.url, `/api/v1/admin/pairings/ZZZZZZ`, { token: TOKEN.admin, body: { name: 'hall' } })).status).toBe(404);
    const ok = await req(s.url, `/api/v1/admin/pairings/${code.slice(0, 3)}-${code.slice(3).toLowerCase()}`, {
      token: TOKEN.admin,
      body: { name: 'hall' },
    });
    expect(ok.status).toBe(201);

    const paired = await req(s.url, '/api/v1/pair', { jar: wall });
    expect(paired.body).toEqual({ status: 'paired', wall: 'hall' });
    expect(jar(wall).has('lx_pair')).toBe(false);
    expect(wall.attributes.get('lx_wall')).toMatch(/httponly.*samesite=strict|samesite=strict.*httponly/);
    // Collected once: a second poll finds nothing.
    expect((await req(s.url, '/api/v1/pair', { jar: wall })).body).toEqual({ status: 'none' });

    expect((await req(s.url, '/api/v1/me', { jar: wall })).body).toEqual({ role: 'wall', label: 'hall', wall: 'hall' });
    expect((await req(s.url, '/api/v1/tickets/X', { jar: wall })).status).toBe(403);

    // The socket is the wall named 'hall': focus on 'hall' reaches it.
    const screen = sock(s.url, { jar: wall });
    const focused = new Promise<Focus>((r) => screen.on('focus', (f) => f && r(f)));
    expect(await outcome(screen)).toBe('connected');
    const leader = sock(s.url, { token: TOKEN.leader });
    expect(await outcome(leader)).toBe('connected');
    expect(await leader.emitWithAck('focus:set', { scope: 'district', id: '370902', wall: 'hall' })).toEqual({ ok: true });
    expect((await focused).wall).toBe('hall');

    const walls = await req(s.url, '/api/v1/admin/walls', { token: TOKEN.admin });
    expect(walls.body.items).toEqual([expect.objectContaining({ id: ok.body.id, name: 'hall', online: 1, pairedBy: 'admin' })]);
    expect(JSON.stringify(walls.body)).not.toMatch(/secret|sha256/);

    const gone = disconnected(screen);
    expect((await req(s.url, `/api/v1/admin/walls/${ok.body.id}`, { method: 'DELETE', token: TOKEN.admin })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await req(s.url, '/api/v1/me', { jar: wall })).status).toBe(401);
    expect(await outcome(sock(s.url, { jar: wall }))).toBe('unauthorized');
  });
});

describe('the audit trail', () => {
  it('records views, supervisions, focus, exports, reloads, pairings, revocations and failed sign-ins, never a token', async () => {
    const s = await start();
    const ids = await produce(redis, s.stream, [created('A1', at(0), { kind: 'report' }), assigned('A1', at(5), 'd-cg', at(60))]);
    await waitDurable(redis, s.instance, ids.at(-1)!);
    const from = { from: '10.9.0.1' };
    expect((await req(s.url, '/api/v1/tickets/A1', { token: TOKEN.leader, ...from })).status).toBe(200);
    expect((await req(s.url, '/api/v1/tickets/A1/supervise', { token: TOKEN.leader, body: { level: 3 }, ...from })).status).toBe(202);
    expect((await req(s.url, '/api/v1/rankings/export.csv', { token: TOKEN.leader, ...from })).status).toBe(200);
    expect((await req(s.url, '/api/v1/admin/reload', { token: TOKEN.admin, body: {}, ...from })).status).toBe(202);
    expect((await req(s.url, '/api/v1/me', { token: 'wrong-token-0123456789-0123456789', ...from })).status).toBe(401);
    const leader = sock(s.url, { token: TOKEN.leader, ...from });
    expect(await outcome(leader)).toBe('connected');
    expect(await leader.emitWithAck('focus:set', { scope: 'district', id: '370902', wall: null })).toEqual({ ok: true });
    expect(await leader.emitWithAck('focus:release', { wall: null })).toEqual({ ok: true });
    const w = new Jar();
    const code = (await req(s.url, '/api/v1/pair', { jar: w, body: {} })).body.code as string;
    const paired = await req(s.url, `/api/v1/admin/pairings/${code}`, { token: TOKEN.admin, body: { name: 'lobby' }, ...from });
    await req(s.url, '/api/v1/pair', { jar: w });
    await req(s.url, `/api/v1/admin/walls/${paired.body.id}`, { method: 'DELETE', token: TOKEN.admin, ...from });
    const added = await req(s.url, '/api/v1/admin/people', { token: TOKEN.admin, body: { role: 'leader', label: '钱科长' }, ...from });
    await req(s.url, `/api/v1/admin/people/${added.body.id}`, { method: 'DELETE', token: TOKEN.admin, ...from });

    const items = await waitFor('every record', async () => {
      const all = await auditOf(s);
      return all.some((r) => r.action === 'focus.release') ? all : null;
    });
    const byAction = (a: string) => items.filter((r) => r.action === a);
    expect(byAction('ticket.view')).toEqual([
      expect.objectContaining({
        label: '张主任',
        role: 'leader',
        address: '10.9.0.1',
        target: 'A1',
        detail: expect.stringContaining('举报'),
      }),
    ]);
    expect(byAction('ticket.supervise')[0]).toMatchObject({ label: '张主任', target: 'A1', detail: expect.stringContaining('level 3') });
    expect(byAction('export.csv')[0]).toMatchObject({ label: '张主任', target: 'rankings' });
    expect(byAction('screens.reload')[0]).toMatchObject({ label: 'admin', role: 'admin' });
    expect(byAction('signin.failed')[0]).toMatchObject({ address: '10.9.0.1', label: '' });
    expect(byAction('focus.set')[0]).toMatchObject({ label: '张主任', target: 'district 370902' });
    expect(byAction('focus.release')[0]).toMatchObject({ label: '张主任' });
    expect(byAction('wall.pair')[0]).toMatchObject({ target: 'lobby', role: 'admin' });
    expect(byAction('wall.paired')[0]).toMatchObject({ label: 'lobby', role: 'wall' });
    expect(byAction('wall.revoke')[0]).toMatchObject({ target: 'lobby' });
    expect(byAction('person.add')[0]).toMatchObject({ target: '钱科长' });
    expect(byAction('person.revoke')[0]).toMatchObject({ target: '钱科长' });
    for (const r of items) {
      expect(r.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
      expect(Object.keys(r).sort()).toEqual(['action', 'address', 'at', 'detail', 'id', 'label', 'role', 'target']);
    }
    // Never a token, anywhere in the stored trail.
    const raw = JSON.stringify(await redis.xRange(`lianxin:${s.instance}:audit`, '-', '+'));
    for (const t of [...Object.values(TOKEN), added.body.token as string, 'wrong-token-0123456789-0123456789'])
      expect(raw).not.toContain(t);

    // "Who looked at this citizen's ticket": filtered, and as CSV (itself audited).
    expect((await auditOf(s, '?action=ticket.view&target=A1')).map((r) => r.label)).toEqual(['张主任']);
    expect(await auditOf(s, '?target=NOPE')).toEqual([]);
    expect((await auditOf(s, '?action=focus.')).map((r) => r.action)).toEqual(['focus.release', 'focus.set']);
    const csv = await req<string>(s.url, '/api/v1/admin/audit.csv?action=ticket.view', { token: TOKEN.admin });
    expect(csv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual(['at', 'label', 'role', 'address', 'action', 'target', 'detail']);
    expect(rows.slice(1).filter((r) => r.length > 1)).toEqual([
      [expect.any(String), '张主任', 'leader', '10.9.0.1', 'ticket.view', 'A1', expect.any(String)],
    ]);
    expect((await auditOf(s, '?action=audit.export'))[0]).toMatchObject({ label: 'admin' });
    expect((await req(s.url, '/api/v1/admin/audit', { token: TOKEN.leader })).status).toBe(403);
  });
});

describe('failed sign-ins limited per address', () => {
  it('answers 429 and connect_error after repeated bad tokens from one address, while another address goes on', async () => {
    const s = await start({ HOTLINE_AUTH_MAX_FAILURES: '3' });
    const bad = 'bad-token-0123456789-0123456789-xyz';
    const a = { from: '10.0.0.1' };
    // A session held by a wall behind the same address is not a try: it goes on working.
    const held = new Jar();
    expect((await req(s.url, '/api/v1/session', { method: 'POST', token: TOKEN.wall, jar: held, ...a })).status).toBe(200);

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await req(s.url, '/api/v1/snapshot', { token: bad, ...a })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await req(s.url, '/api/v1/snapshot', { token: TOKEN.leader, ...a });
    expect(limited.status).toBe(429);
    expect(Number(limited.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await req(s.url, '/api/v1/session', { method: 'POST', token: TOKEN.leader, ...a })).status).toBe(429);
    expect(await outcome(sock(s.url, { token: TOKEN.leader, ...a }))).toBe('rate-limited');

    expect((await req(s.url, '/api/v1/snapshot', { jar: held, ...a })).status).toBe(200);
    expect((await req(s.url, '/api/v1/snapshot', { token: TOKEN.leader, from: '10.0.0.2' })).status).toBe(200);
    expect(await outcome(sock(s.url, { token: TOKEN.leader, from: '10.0.0.2' }))).toBe('connected');

    // Bad socket handshakes count the same way.
    for (let i = 0; i < 3; i++) expect(await outcome(sock(s.url, { token: bad, from: '10.0.0.3' }))).toBe('unauthorized');
    expect(await outcome(sock(s.url, { token: bad, from: '10.0.0.3' }))).toBe('rate-limited');

    const audit = await auditOf(s, '?address=10.0.0.1');
    expect(audit.filter((r) => r.action === 'signin.failed')).toHaveLength(2);
    expect(audit.filter((r) => r.action === 'signin.blocked')).toHaveLength(1);
  });

  it('ignores X-Forwarded-For unless HOTLINE_TRUST_PROXY trusts the peer', async () => {
    const s = await start({ HOTLINE_TRUST_PROXY: 'none', HOTLINE_AUTH_MAX_FAILURES: '2' });
    const bad = 'bad-token-0123456789-0123456789-xyz';
    await req(s.url, '/api/v1/me', { token: bad, from: '10.0.0.5' });
    await req(s.url, '/api/v1/me', { token: bad, from: '10.0.0.6' });
    // Both counted against 127.0.0.1: a forged header does not get round the limit.
    expect((await req(s.url, '/api/v1/me', { token: TOKEN.admin, from: '10.0.0.7' })).status).toBe(429);
  });
});

function jar(j: Jar): Map<string, string> {
  return j.cookies;
}
