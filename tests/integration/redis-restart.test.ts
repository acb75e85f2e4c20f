// Redis going away: the server keeps serving the last state and says so (readyz 503, a notice),
// reconnects by itself and resumes; what was durable survives the restart (appendonly yes).
import { afterEach, describe, expect, it } from 'vitest';
import { call, getSnapshot } from '../support/http.ts';
import { sampleEvents } from '../support/events.ts';
import { startRedisServer, type RedisProcess } from '../support/redis-server.ts';
import { startTestServer, uniqueNames, type TestServer } from '../support/server.ts';
import { produceAndWait } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

let redisProc: RedisProcess | null = null;
const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await redisProc?.destroy();
  redisProc = null;
});

describe('Redis restart', () => {
  it('keeps serving while Redis is down, resumes after it is back, and the state survives', async () => {
    redisProc = await startRedisServer({ appendonly: true });
    const names = uniqueNames('restart');
    const sample = sampleEvents();
    const s1 = await startTestServer({ ...names, redisUrl: redisProc.url });
    servers.push(s1);
    const before = await produceAndWait(redisProc.url, s1, sample.slice(0, 6));
    expect(before.ingest.applied).toBe(6);

    await redisProc.stop();
    await waitFor('readyz 503', async () => (await call(s1.url, '/readyz', { token: null })).status === 503);
    const frozen = await getSnapshot(s1.url);
    expect(frozen.ingest).toEqual(before.ingest);
    expect(frozen.open).toBe(before.open);
    await waitFor('a notice that Redis is away', async () => (await getSnapshot(s1.url)).notices.some((n) => n.includes('Redis')));
    // What needs Redis answers 503, not a hang or a 500.
    const supervise = await call(s1.url, '/api/v1/tickets/TA202611300001/supervise', { token: TOKEN.leader, body: { level: 2 } });
    expect(supervise.status).toBe(503);

    await redisProc.start();
    await waitFor('readyz 200 again', async () => (await call(s1.url, '/readyz', { token: null })).status === 200, { timeoutMs: 60_000 });
    const after = await produceAndWait(redisProc.url, s1, sample.slice(6));
    expect(after.ingest).toEqual({ applied: 11, duplicates: 0, rejected: 0 });
    expect(after.notices.some((n) => n.includes('Redis'))).toBe(false);

    // A fresh process on the restarted Redis finds exactly that state.
    await s1.close();
    await redisProc.stop();
    await redisProc.start();
    const s2 = await startTestServer({ ...names, redisUrl: redisProc.url });
    servers.push(s2);
    const restored = await getSnapshot(s2.url);
    expect({ ...restored, seq: 0, builtAt: '' }).toEqual({ ...after, seq: 0, builtAt: '' });
  });

  it('after Redis is killed for longer than the consumer lock lives, takes the lock again and resumes exactly', async () => {
    redisProc = await startRedisServer({ appendonly: true });
    const names = uniqueNames('outage');
    const sample = sampleEvents();
    const s1 = await startTestServer({ ...names, redisUrl: redisProc.url });
    servers.push(s1);
    await produceAndWait(redisProc.url, s1, sample.slice(0, 5));
    await new Promise((r) => setTimeout(r, 1200)); // appendfsync everysec: let the AOF reach the disk

    await redisProc.kill();
    await new Promise((r) => setTimeout(r, 3500)); // the lock (PX 3000) lapses meanwhile
    await redisProc.start();
    await waitFor('readyz 200 again', async () => (await call(s1.url, '/readyz', { token: null })).status === 200, { timeoutMs: 60_000 });
    const after = await produceAndWait(redisProc.url, s1, sample.slice(5));
    expect(after.ingest).toEqual({ applied: 11, duplicates: 0, rejected: 0 });
  });

  it('closes while Redis is away, without waiting for it to come back', async () => {
    redisProc = await startRedisServer({ appendonly: true });
    const s1 = await startTestServer({ redisUrl: redisProc.url });
    await redisProc.stop();
    await waitFor('readyz 503', async () => (await call(s1.url, '/readyz', { token: null })).status === 503);
    // Redis never comes back in this test: a close that waited for it would never end (the test's
    // timeout). No bound on how fast it is.
    await s1.close();
  });
});
