// Redis hung, not gone (SIGSTOP: its connections stay open, nothing answers; issue 8 §5): what needs
// Redis answers 503 after about the command deadline (2 s) instead of hanging, the walls are told the
// figures are not current, and after SIGCONT everything resumes with nothing lost. Waits are bounded
// generously; the figures printed are not asserted.
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import { call, getSnapshot } from '../support/http.ts';
import { sampleEvents } from '../support/events.ts';
import { startRedisServer, type RedisProcess } from '../support/redis-server.ts';
import { startTestServer, uniqueNames, type TestServer } from '../support/server.ts';
import { connectScreen } from '../support/socket.ts';
import { produceAndWait } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

let redisProc: RedisProcess | null = null;
const servers: TestServer[] = [];

afterEach(async () => {
  redisProc?.resume();
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await redisProc?.destroy();
  redisProc = null;
});

const hangNotice = (s: Snapshot) => s.notices.some((n) => n.includes('Redis 无响应'));

describe('Redis hung (SIGSTOP)', () => {
  it('answers 503 for the ticket detail and supervise instead of hanging, says so on the walls, and resumes after SIGCONT with nothing lost', async () => {
    redisProc = await startRedisServer({ appendonly: true });
    const names = uniqueNames('hang');
    const sample = sampleEvents();
    const s = await startTestServer({ ...names, redisUrl: redisProc.url });
    servers.push(s);
    const before = await produceAndWait(redisProc.url, s, sample.slice(0, 6));
    expect(before.ingest.applied).toBe(6);
    const ticketId = before.warnings.red[0]?.ticketId ?? 'TA202611300001';
    expect((await call(s.url, `/api/v1/tickets/${ticketId}`, { token: TOKEN.leader })).status).toBe(200);
    const wall = connectScreen(s.url, { token: TOKEN.wall });
    await wall.until('the wall connected', () => wall.state());

    redisProc.pause();
    try {
      // Before the server knows: the command deadline answers.
      const t0 = Date.now();
      const detail = await call(s.url, `/api/v1/tickets/${ticketId}`, { token: TOKEN.leader });
      const detailMs = Date.now() - t0;
      expect(detail.status).toBe(503);
      console.log(`redis hung: ticket detail answered ${detail.status} after ${detailMs} ms`);

      // The walls are told, by a patch like any other.
      await waitFor('the wall to show that Redis does not answer', () => hangNotice(wall.state()!), { timeoutMs: 60_000 });
      expect(hangNotice(await getSnapshot(s.url))).toBe(true);
      expect((await call(s.url, '/readyz', { token: null })).status).toBe(503);
      // Known to be hung: supervise and the detail answer 503 at once, and nothing is sent to Redis.
      const sup = await call(s.url, `/api/v1/tickets/${ticketId}/supervise`, { token: TOKEN.leader, body: { level: 3 } });
      expect(sup.status).toBe(503);
      expect(sup.body.error).toMatch(/redis/i);
      expect((await call(s.url, `/api/v1/tickets/${ticketId}`, { token: TOKEN.leader })).status).toBe(503);
      // What memory holds is still served.
      const frozen = await getSnapshot(s.url);
      expect(frozen.ingest).toEqual(before.ingest);
      expect((await call(s.url, '/api/v1/warnings?color=red')).status).toBe(200);
    } finally {
      redisProc.resume();
    }

    await waitFor('readyz 200 again', async () => (await call(s.url, '/readyz', { token: null })).status === 200, { timeoutMs: 60_000 });
    await waitFor('the notice gone', async () => !hangNotice(await getSnapshot(s.url)), { timeoutMs: 60_000 });
    expect((await call(s.url, `/api/v1/tickets/${ticketId}`, { token: TOKEN.leader })).status).toBe(200);
    const after = await produceAndWait(redisProc.url, s, sample.slice(6));
    // Every entry once: none lost, none twice (the supervise refused while hung was never written).
    expect(after.ingest).toEqual({ applied: sample.length, duplicates: 0, rejected: 0 });
    await waitFor('the wall at the last entry', () => wall.state()!.lastEntryId === after.lastEntryId && !hangNotice(wall.state()!), {
      timeoutMs: 60_000,
    });
    expect(wall.errors).toEqual([]);
    expect(wall.state()!.ingest).toEqual(after.ingest);
    wall.close();
  });
});
