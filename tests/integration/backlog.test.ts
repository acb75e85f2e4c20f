// Duplicates while draining a backlog (events.md, Delivery): nine days of entries written before the
// server starts, drained in batches of 5000 with hour-long memory windows, count exactly as they
// would live. Copies minutes, hours and 6 days 20 hours after their originals are duplicates; copies
// more than 7 days after them are not.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { backlog, backlogAt } from '../support/backlog.ts';
import { getSnapshot } from '../support/http.ts';
import { startTestServer, uniqueNames, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, rejectedEntries, waitDurable, type TestRedis } from '../support/stream.ts';
import { waitFor } from '../support/wait.ts';

let redis: TestRedis;
let dir: string;
let env: Record<string, string>;
const servers: TestServer[] = [];

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
  dir = mkdtempSync(join(tmpdir(), 'lianxin-backlog-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(configFile, JSON.stringify({ limits: { batchSize: 5000, closedTicketMemoryHours: 1, idMemoryHours: 1 } }));
  env = { HOTLINE_CONFIG: configFile };
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await redis.close();
  rmSync(dir, { recursive: true, force: true });
});

/** XADD the events in order, 1000 to a MULTI; answers their stream ids. */
async function write(stream: string, events: Array<Record<string, unknown>>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < events.length; i += 1000) {
    const m = redis.multi();
    for (const e of events.slice(i, i + 1000)) m.xAdd(stream, '*', { event: JSON.stringify(e) });
    ids.push(...((await m.exec()) as unknown as string[]));
  }
  return ids;
}

async function start(names: { stream: string; instance: string }): Promise<TestServer> {
  const s = await startTestServer({ ...names, env });
  servers.push(s);
  return s;
}

async function drained(s: TestServer, lastId: string) {
  const snap = await waitFor(
    `the server at ${lastId}`,
    async () => {
      const snap = await getSnapshot(s.url);
      return atOrAfter(snap.lastEntryId, lastId) ? snap : null;
    },
    { timeoutMs: 60_000 },
  );
  await waitDurable(redis, s.instance, lastId, 60_000);
  return snap;
}

describe('a backlog spanning days, drained in large batches', () => {
  const b = backlog();

  async function expectCounted(s: TestServer, ids: string[]) {
    const snap = await drained(s, ids.at(-1)!);
    expect(snap.ingest).toEqual({ applied: b.applied, duplicates: b.duplicates, rejected: b.rejected });
    expect(snap.ingest).toEqual({ applied: 5194, duplicates: 5, rejected: 1 });
    const rejected = await rejectedEntries(redis, s.stream);
    expect(rejected.map((r) => r.reason.split(':')[0])).toEqual(['ticket-exists']);
    expect(rejected[0].entryId).toBe(ids[b.events.findLastIndex((e) => e.id === b.rejectedIds[0])]);
    expect((await redis.xPending(s.stream, `lianxin:${s.instance}`)).pending).toBe(0);
  }

  it('counts every copy as it would live, on the first start', async () => {
    const names = uniqueNames('backlog');
    const ids = await write(names.stream, b.events);
    await expectCounted(await start(names), ids);
  });

  it('counts every copy as it would live, when the server already let go of old ids and tickets', async () => {
    // The first hours, then a restart (loading the state lets go of what is durable), then the rest
    // written while the server was down: one batch of 5000 spans more than eight days.
    const names = uniqueNames('backlog-restart');
    const cut = b.events.findIndex((e) => Date.parse(e.at as string) >= backlogAt(0, '06:00'));
    const first = await write(names.stream, b.events.slice(0, cut));
    const s = await start(names);
    await drained(s, first.at(-1)!);
    await s.close();
    servers.splice(0);
    const rest = await write(names.stream, b.events.slice(cut));
    await expectCounted(await start(names), [...first, ...rest]);
  });
});
