// Delivery (events.md): after a crash or restart the consumer resumes where it was, losing and
// double-counting nothing; entries delivered again are recognised by stream id (not duplicates);
// processes of one instance never split the stream; separate instances each count everything.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import { spawnServer, type ChildServer } from '../support/child-server.ts';
import { call, getSnapshot } from '../support/http.ts';
import { sampleEvents, traffic } from '../support/events.ts';
import { startTestServer, testEnv, uniqueNames, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, newestEntry, produce, rejectedEntries, waitDurable, type TestRedis } from '../support/stream.ts';
import { waitFor } from '../support/wait.ts';

let redis: TestRedis;
let dir: string;
let smallBatches: string;
const servers: TestServer[] = [];
const children: ChildServer[] = [];

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
  dir = mkdtempSync(join(tmpdir(), 'lianxin-resume-'));
  smallBatches = join(dir, 'config.json');
  // Small batches: many MULTI/EXECs, so a kill lands in the middle of the stream.
  writeFileSync(smallBatches, JSON.stringify({ limits: { batchSize: 7 } }));
});

afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.kill('SIGKILL')));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

afterAll(async () => {
  await redis.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(o: Parameters<typeof startTestServer>[0]) {
  const s = await startTestServer(o);
  servers.push(s);
  return s;
}

async function caughtUp(url: string, lastId: string, timeoutMs = 60_000): Promise<Snapshot> {
  return waitFor(
    `snapshot at ${lastId}`,
    async () => {
      const snap = await getSnapshot(url);
      return atOrAfter(snap.lastEntryId, lastId) ? snap : null;
    },
    { timeoutMs },
  );
}

const lastId = async (stream: string) => (await newestEntry(redis, stream)).id;
const pendingCount = async (stream: string, group: string) => (await redis.xPending(stream, group)).pending;
/** The figures, without what differs between two servers reading the same stream. */
const figures = (s: Snapshot) => ({ ...s, seq: 0, builtAt: '', lastEntryAt: '' });

describe('resuming', () => {
  it('after SIGKILL in the middle of the stream, a new process loses and double-counts nothing', async () => {
    const names = uniqueNames('kill');
    const t = traffic(700, 'K');
    await produce(redis, names.stream, t.events);
    const end = await lastId(names.stream);
    const metaKey = `lianxin:${names.instance}:meta`;

    const child = spawnServer(testEnv({ ...names, env: { HOTLINE_CONFIG: smallBatches } }));
    children.push(child);
    const position = await waitFor('the first durable batch', () => redis.hGet(metaKey, 'position'), { timeoutMs: 60_000, everyMs: 2 });
    await child.kill('SIGKILL');
    const killedAt = await redis.hGet(metaKey, 'position');
    expect(position).toBeTruthy();
    expect(atOrAfter(killedAt, end), 'the kill came after the whole stream: make the stream longer').toBe(false);

    // The dead process's lock lapses (~3 s); the new one stands by until then, then takes over.
    const s = await start({ ...names, env: { HOTLINE_CONFIG: smallBatches } });
    const snap = await caughtUp(s.url, end, 120_000);
    await waitDurable(redis, names.instance, end);
    expect(snap.ingest).toEqual({ applied: t.applied, duplicates: t.duplicates, rejected: t.rejected });
    expect((await rejectedEntries(redis, names.stream)).length).toBe(t.rejected);
    expect(await pendingCount(names.stream, `lianxin:${names.instance}`)).toBe(0);

    // The same figures as an instance that read the stream in one go.
    const ref = await start({ stream: names.stream });
    const refSnap = await caughtUp(ref.url, end);
    expect(figures(snap)).toEqual(figures(refSnap));
  });

  it('entries delivered again after a rewind are acknowledged only: neither applied again nor duplicates', async () => {
    const names = uniqueNames('rewind');
    await produce(redis, names.stream, sampleEvents());
    let s = await start(names);
    const before = await caughtUp(s.url, await lastId(names.stream));
    await s.close();

    // Redeliver everything: rewind the group, and leave some entries delivered but unacknowledged.
    const group = `lianxin:${names.instance}`;
    await redis.xGroupSetId(names.stream, group, '0');
    await redis.sendCommand(['XREADGROUP', 'GROUP', group, 'consumer', 'COUNT', '4', 'STREAMS', names.stream, '>']);
    expect(await pendingCount(names.stream, group)).toBe(4);

    s = await start(names);
    const after = await caughtUp(s.url, before.lastEntryId!);
    await waitFor('the redelivered entries acknowledged', async () => (await pendingCount(names.stream, group)) === 0);
    expect(after.ingest).toEqual({ applied: 11, duplicates: 0, rejected: 0 });
    expect(figures(after)).toEqual(figures(before));
  });

  it('entries delivered but never acknowledged before a crash are applied exactly once', async () => {
    const names = uniqueNames('pending');
    const sample = sampleEvents();
    await produce(redis, names.stream, sample.slice(0, 5));
    let s = await start(names);
    await caughtUp(s.url, await lastId(names.stream));
    await s.close();

    // A crash between read and write: the rest was read by this instance's consumer, never acked.
    const group = `lianxin:${names.instance}`;
    await produce(redis, names.stream, sample.slice(5));
    await redis.sendCommand(['XREADGROUP', 'GROUP', group, 'consumer', 'COUNT', '100', 'STREAMS', names.stream, '>']);
    expect(await pendingCount(names.stream, group)).toBe(sample.length - 5);

    s = await start(names);
    const snap = await caughtUp(s.url, await lastId(names.stream));
    expect(snap.ingest).toEqual({ applied: 11, duplicates: 0, rejected: 0 });
    await waitFor('nothing pending', async () => (await pendingCount(names.stream, group)) === 0);
  });

  it('a second process of the same instance stands by, then takes over without splitting the stream', async () => {
    const names = uniqueNames('standby');
    const a = await start(names);
    const b = await start(names);
    expect((await call(a.url, '/readyz', { token: null })).status).toBe(200);
    const bReady = await call<{ consumer: string }>(b.url, '/readyz', { token: null });
    expect(bReady.status).toBe(503);
    expect(bReady.body.consumer).toBe('standby');

    const t1 = traffic(30, 'S1');
    await produce(redis, names.stream, t1.events);
    await caughtUp(a.url, await lastId(names.stream));
    await a.close();

    const t2 = traffic(30, 'S2');
    await produce(redis, names.stream, t2.events);
    const snap = await caughtUp(b.url, await lastId(names.stream));
    expect(snap.ingest).toEqual({
      applied: t1.applied + t2.applied,
      duplicates: t1.duplicates + t2.duplicates,
      rejected: t1.rejected + t2.rejected,
    });
    expect((await call(b.url, '/readyz', { token: null })).status).toBe(200);
  });

  it('separate instances on one stream each count every entry once', async () => {
    const { stream } = uniqueNames('two');
    const t = traffic(40, 'I');
    await produce(redis, stream, t.events);
    const [x, y] = await Promise.all([start({ stream }), start({ stream })]);
    const end = await lastId(stream);
    const [sx, sy] = await Promise.all([caughtUp(x.url, end), caughtUp(y.url, end)]);
    await waitDurable(redis, x.instance, end);
    await waitDurable(redis, y.instance, end);
    const expected = { applied: t.applied, duplicates: t.duplicates, rejected: t.rejected };
    expect(sx.ingest).toEqual(expected);
    expect(sy.ingest).toEqual(expected);
    // Both instances set the same rejections aside, under the rejected entries' own ids: once each.
    const rejected = await rejectedEntries(redis, stream);
    expect(rejected.length).toBe(t.rejected);
    expect(new Set(rejected.map((r) => r.entryId)).size).toBe(t.rejected);
  });

  it('stops writing the moment its lock is taken, and resumes exactly once it is free again', async () => {
    const names = uniqueNames('fence');
    const sample = sampleEvents();
    const s = await start(names);
    const first = await produce(redis, names.stream, sample.slice(0, 4));
    await waitDurable(redis, names.instance, first.at(-1)!);

    const lockKey = `lianxin:${names.instance}:consumer`;
    const metaKey = `lianxin:${names.instance}:meta`;
    await redis.set(lockKey, 'someone-else', { expiration: { type: 'PX', value: 60_000 } });
    await produce(redis, names.stream, sample.slice(4));
    await waitFor('standby', async () => (await call<{ consumer: string }>(s.url, '/readyz', { token: null })).body.consumer === 'standby');
    expect(await redis.hGet(metaKey, 'position')).toBe(first.at(-1));

    await redis.del(lockKey);
    const end = await lastId(names.stream);
    await waitDurable(redis, names.instance, end);
    const snap = await caughtUp(s.url, end);
    expect(snap.ingest).toEqual({ applied: 11, duplicates: 0, rejected: 0 });
  });
});
