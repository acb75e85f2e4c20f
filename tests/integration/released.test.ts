// Closed tickets the consumer let go of (they live in Redis only) still answer: their detail, a
// late visit, a reopen.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { TicketAnswer } from '../../shared/contract/snapshot.ts';
import { call, getSnapshot } from '../support/http.ts';
import { callOffered, sampleEvents } from '../support/events.ts';
import { startTestServer, uniqueNames, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, produce, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

let server: TestServer | null = null;
let redis: TestRedis | null = null;
afterEach(async () => {
  await server?.close();
  await redis?.close();
});

const caughtUp = (s: TestServer, id: string) =>
  waitFor(`snapshot at ${id}`, async () => {
    const snap = await getSnapshot(s.url);
    return atOrAfter(snap.lastEntryId, id) ? snap : null;
  });

describe('released closed tickets', () => {
  it('still show their detail, and take a late visit and a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lianxin-released-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ limits: { closedTicketMemoryHours: 1, idMemoryHours: 1 } }));
    const names = uniqueNames('released');
    const env = { HOTLINE_CONFIG: configFile };
    redis = await connectRedis(inject('redisUrl'));
    // The sample closes TA202611300001 on 12-03; a call two days later moves the event clock on.
    const first = await produce(redis, names.stream, [...sampleEvents(), callOffered('2026-12-05T10:00:00+08:00')]);
    server = await startTestServer({ ...names, env });
    await caughtUp(server, first.at(-1)!);
    // A restart loads the state and lets go of tickets closed more than an hour (event time) ago.
    await server.close();
    server = await startTestServer({ ...names, env });

    const detail = await call<TicketAnswer>(server.url, '/api/v1/tickets/TA202611300001', { token: TOKEN.leader });
    expect(detail.status).toBe(200);
    expect(detail.body.ticket).toMatchObject({ state: 'closed', dept: { id: 'd-zj' } });
    expect(detail.body.timeline.map((t) => t.type)).toContain('ticket.visited');

    const later = await produce(redis, names.stream, [
      {
        v: 1,
        id: 'late-visit',
        type: 'ticket.visited',
        ticketId: 'TA202611300001',
        at: '2026-12-05T11:00:00+08:00',
        resolved: 'partly',
        satisfaction: 'basic',
      },
      { v: 1, id: 'reopen', type: 'ticket.reopened', ticketId: 'TA202611300002', at: '2026-12-05T11:05:00+08:00', reason: '市民要求复核' },
    ]);
    const snap = await caughtUp(server, later.at(-1)!);
    expect(snap.ingest).toEqual({ applied: 14, duplicates: 0, rejected: 0 });
    expect(snap.open).toBe(1);
  });
});
