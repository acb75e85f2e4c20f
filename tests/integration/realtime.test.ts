// Socket.IO (metrics.md): auth in the handshake, the snapshot on connect, then patches that rebuild
// exactly the server's snapshot, a heartbeat when nothing changes, resync, supervision reaching the
// screen, leaders' focus on walls, reload.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import { spawnServer } from '../support/child-server.ts';
import { call, getSnapshot } from '../support/http.ts';
import { assigned, at, callOffered, created, sampleEvents, traffic } from '../support/events.ts';
import { startTestServer, testEnv, type TestServer } from '../support/server.ts';
import { connectOutcome, connectScreen, type ScreenClient } from '../support/socket.ts';
import { atOrAfter, connectRedis, produce, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { sleep } from '../support/wait.ts';

let redis: TestRedis;
const screens: ScreenClient[] = [];
const servers: TestServer[] = [];

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
});

afterAll(async () => {
  screens.forEach((s) => s.close());
  await Promise.all(servers.map((s) => s.close()));
  await redis.close();
});

async function start(env: Record<string, string> = {}) {
  const s = await startTestServer({ env });
  servers.push(s);
  return s;
}

function screen(url: string, auth: Record<string, unknown>) {
  const s = connectScreen(url, auth);
  screens.push(s);
  return s;
}

const settled = (s: Snapshot) => ({ ...s, seq: 0, builtAt: '' });

describe('socket auth', () => {
  it('refuses a missing or unknown token with connect_error "unauthorized"', async () => {
    const s = await start();
    expect(await connectOutcome(s.url, {})).toBe('unauthorized');
    expect(await connectOutcome(s.url, { token: 'nope' })).toBe('unauthorized');
    expect(await connectOutcome(s.url, { token: TOKEN.wall })).toBe('connected');
  });
});

describe('snapshot and patches', () => {
  it('sends the snapshot on connect, then patches that rebuild GET /api/v1/snapshot', async () => {
    const s = await start();
    await produce(redis, s.stream, sampleEvents().slice(0, 4));
    const wall = screen(s.url, { token: TOKEN.wall });
    const first = await wall.until('the first snapshot', () => wall.messages[0]);
    expect(first.kind).toBe('snapshot');

    // Several bursts while connected, so several patches.
    let last = '';
    for (const burst of [sampleEvents().slice(4), traffic(20, 'P1').events, traffic(20, 'P2').events]) {
      const ids = await produce(redis, s.stream, burst);
      last = ids.at(-1)!;
      await sleep(150);
    }
    await waitDurable(redis, s.instance, last);
    await wall.until('the screen at the last entry', () => atOrAfter(wall.state()?.lastEntryId ?? null, last));
    // Let one more push pass, then compare with what HTTP builds now.
    await sleep(300);
    const http = await getSnapshot(s.url);
    expect(wall.errors).toEqual([]);
    expect(settled(wall.state()!)).toEqual(settled(http));
    const patches = wall.messages.filter((m) => m.kind === 'patch');
    expect(patches.length).toBeGreaterThanOrEqual(2);
    // One global seq, one more per message, starting from the connect snapshot's.
    const seqs = wall.messages.filter((m) => m.seq !== undefined).map((m) => m.seq!);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });

  it('sends a heartbeat when nothing changes', async () => {
    const s = await start();
    const wall = screen(s.url, { token: TOKEN.wall });
    const figures = () => wall.messages.filter((m) => m.kind === 'snapshot' || m.kind === 'patch');
    const snap = await wall.until('the snapshot', () => figures()[0]);
    // Due every heartbeatMs (5 s; the broadcaster's unit test checks the schedule); how late the
    // timer fires depends on the machine, so the wait is generous and no time is asserted.
    const beat = await wall.until('a heartbeat', () => figures()[1], 60_000);
    expect(beat.kind).toBe('patch');
    expect(beat.seq).toBe(snap.seq! + 1);
    expect(wall.errors).toEqual([]);
  });

  it("answers 'resync' with the current snapshot alone", async () => {
    const s = await start();
    const a = screen(s.url, { token: TOKEN.wall });
    const b = screen(s.url, { token: TOKEN.wall });
    await a.until('a connected', () => a.messages[0]);
    await b.until('b connected', () => b.messages[0]);
    const before = b.messages.length;
    a.socket.emit('resync');
    const again = await a.until('the resync snapshot', () => a.messages.find((m, i) => i > 0 && m.kind === 'snapshot'));
    expect(again.seq).toBe(a.state()!.seq);
    await sleep(200);
    expect(b.messages.slice(before).some((m) => m.kind === 'snapshot')).toBe(false);
  });

  it('shows a supervision in the next snapshot: 202, then the level on the warning item', async () => {
    const s = await start();
    const ids = await produce(redis, s.stream, [
      created('W1', at(0)),
      assigned('W1', at(5), 'd-cg', at(60)),
      callOffered(at(0, '2026-12-01')), // asOf moves past the deadline: W1 is red
    ]);
    await waitDurable(redis, s.instance, ids.at(-1)!);
    const wall = screen(s.url, { token: TOKEN.wall });
    await wall.until('W1 red', () => wall.state()?.warnings.red.find((w) => w.ticketId === 'W1'));
    expect(wall.state()!.warnings.red[0].level).toBeLessThan(5);

    const a = await call<{ eventId: string }>(s.url, '/api/v1/tickets/W1/supervise', { token: TOKEN.leader, body: { level: 5 } });
    expect(a.status).toBe(202);
    const item = await wall.until('level 5 on W1', () => wall.state()?.warnings.red.find((w) => w.ticketId === 'W1' && w.level === 5));
    expect(item.level).toBe(5);
    expect(wall.state()!.supervision['5']).toBe(1);
    expect(wall.errors).toEqual([]);
  });
});

describe('focus', () => {
  it('puts a district on a named wall or on all walls; a named wall keeps its own; it lapses', async () => {
    const s = await start();
    const leader = screen(s.url, { token: TOKEN.leader });
    const w1 = screen(s.url, { token: TOKEN.wall, wall: 'w1' });
    const other = screen(s.url, { token: TOKEN.wall });
    await w1.until('w1 focus on connect', () => w1.focus() === null);
    await other.until('other focus on connect', () => other.focus() === null);
    await leader.until('leader connected', () => leader.messages[0]);

    const set = (f: object) => leader.socket.emitWithAck('focus:set', f as never);
    expect(await set({ scope: 'district', id: '370902', wall: 'w1' })).toEqual({ ok: true });
    const f1 = await w1.until('w1 focused', () => w1.focus());
    expect(f1).toMatchObject({ scope: 'district', id: '370902', wall: 'w1', by: 'leader:张主任' });
    expect(f1.until).toMatch(/\+08:00$/);
    await sleep(100);
    expect(other.focus()).toBeNull();

    expect(await set({ scope: 'dept', id: 'd-cg', wall: null, seconds: 1 })).toEqual({ ok: true });
    await other.until('all walls focused', () => other.focus()?.id === 'd-cg');
    expect(w1.focus()?.id).toBe('370902'); // its own focus wins

    // A wall connecting now is told the current focus.
    const late = screen(s.url, { token: TOKEN.wall });
    await late.until('late wall told', () => late.focus()?.id === 'd-cg');

    expect(await leader.socket.emitWithAck('focus:release', { wall: 'w1' })).toEqual({ ok: true });
    await w1.until('w1 back to the all-walls focus', () => w1.focus()?.id === 'd-cg');
    await other.until('the 1 s focus lapsed', () => other.focus() === null, 60_000);
    await w1.until('w1 lapsed too', () => w1.focus() === null, 60_000);
  });

  it('refuses focus from a wall, and bad focus from a leader', async () => {
    const s = await start();
    const wall = screen(s.url, { token: TOKEN.wall, wall: 'w2' });
    const leader = screen(s.url, { token: TOKEN.leader });
    await wall.until('connected', () => wall.messages[0]);
    await leader.until('connected', () => leader.messages[0]);
    expect(await wall.socket.emitWithAck('focus:set', { scope: 'district', id: '370902', wall: null })).toEqual({
      ok: false,
      error: 'forbidden',
    });
    expect(await wall.socket.emitWithAck('focus:release', { wall: null })).toEqual({ ok: false, error: 'forbidden' });
    const bad = await leader.socket.emitWithAck('focus:set', { scope: 'district', id: '999999', wall: null });
    expect(bad.ok).toBe(false);
    const worse = await leader.socket.emitWithAck('focus:set', { scope: 'galaxy', id: 'x', wall: null } as never);
    expect(worse.ok).toBe(false);
  });
});

describe('reload', () => {
  it('reaches every screen on POST /api/v1/admin/reload', async () => {
    const s = await start();
    const wall = screen(s.url, { token: TOKEN.wall });
    await wall.until('connected', () => wall.messages[0]);
    expect((await call(s.url, '/api/v1/admin/reload', { token: TOKEN.admin, method: 'POST' })).status).toBe(202);
    await wall.until('reload', () => wall.messages.find((m) => m.kind === 'reload'));
  });

  it('reaches every screen on SIGUSR2 to the server process', async () => {
    const child = spawnServer(testEnv());
    try {
      const url = await child.url();
      const wall = screen(url, { token: TOKEN.wall });
      await wall.until('connected', () => wall.messages[0], 60_000);
      child.child.kill('SIGUSR2');
      await wall.until('reload', () => wall.messages.find((m) => m.kind === 'reload'));
      // SIGTERM closes it cleanly.
      child.child.kill('SIGTERM');
      expect((await child.exited).code).toBe(0);
    } finally {
      await child.kill('SIGKILL');
    }
  });
});
