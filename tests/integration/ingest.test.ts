// Ingest against a real Redis: entries written before the centre ever ran count, duplicates are
// counted and change nothing, every kind of bad entry lands in <stream>:rejected with its code.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { getSnapshot } from '../support/http.ts';
import { assigned, at, created, sampleEvents, signed } from '../support/events.ts';
import { startTestServer, uniqueNames, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, newestEntry, produce, rejectedEntries, waitDurable, type TestRedis } from '../support/stream.ts';
import { waitFor } from '../support/wait.ts';

let server: TestServer | null = null;
let redis: TestRedis | null = null;

afterEach(async () => {
  await server?.close();
  await redis?.close();
  server = null;
  redis = null;
});

/** The snapshot once the server has processed `lastId` and made it durable (rejections included). */
async function caughtUp(s: TestServer, lastId: string) {
  const snap = await waitFor(`snapshot at ${lastId}`, async () => {
    const snap = await getSnapshot(s.url);
    return atOrAfter(snap.lastEntryId, lastId) ? snap : null;
  });
  await waitDurable(redis!, s.instance, lastId);
  return snap;
}

describe('ingest', () => {
  it('counts the sample stream written before the centre first started, from its first entry', async () => {
    const names = uniqueNames('ingest');
    redis = await connectRedis(inject('redisUrl'));
    const ids = await produce(redis, names.stream, sampleEvents());
    server = await startTestServer(names);

    const snap = await caughtUp(server, ids.at(-1)!);
    expect(snap.ingest).toEqual({ applied: 11, duplicates: 0, rejected: 0 });
    expect(snap.lastEntryId).toBe(ids.at(-1));
    expect(snap.asOf).toBe('2026-12-03T10:05:00+08:00');
    expect(snap.calls.agentsOnline).toBe(42);
    expect(snap.departments.map((d) => d.id)).toEqual(['d-zj']);
    expect(snap.departments[0].resolutionRate).toBe(1);
    expect(snap.open).toBe(0);
    // Personal data never reaches a screen payload.
    expect(JSON.stringify(snap)).not.toContain('13812345678');
    expect(await rejectedEntries(redis, names.stream)).toEqual([]);
  });

  it('counts a second entry with an applied id as a duplicate and changes nothing else', async () => {
    redis = await connectRedis(inject('redisUrl'));
    server = await startTestServer();
    const sample = sampleEvents();
    await produce(redis, server.stream, sample);
    const before = await caughtUp(server, (await newestEntry(redis, server.stream)).id);

    const dupIds = await produce(redis, server.stream, [sample[3], sample[0]]);
    const after = await caughtUp(server, dupIds[1]);
    expect(after.ingest).toEqual({ applied: 11, duplicates: 2, rejected: 0 });
    expect({ ...after, seq: 0, builtAt: '', lastEntryId: '', lastEntryAt: '', ingest: null }).toEqual({
      ...before,
      seq: 0,
      builtAt: '',
      lastEntryId: '',
      lastEntryAt: '',
      ingest: null,
    });
    expect(await rejectedEntries(redis, server.stream)).toEqual([]);
  });

  it('sets every kind of bad entry aside in <stream>:rejected with its code, entry id and raw value', async () => {
    redis = await connectRedis(inject('redisUrl'));
    server = await startTestServer();
    const s = server.stream;
    const good = [created('T1', at(0)), assigned('T1', at(5), 'd-cg'), created('T2', at(6))];
    await produce(redis, s, good);

    const cases: Array<{ code: string; fields: Record<string, string> }> = [];
    const ev = (code: string, e: unknown) => cases.push({ code, fields: { event: typeof e === 'string' ? e : JSON.stringify(e) } });
    cases.push({ code: 'no-event', fields: { other: 'x' } });
    ev('not-json', 'this is not json');
    ev('not-json', '[1,2,3]');
    const { title: _t, ...noTitle } = created('T9', at(7));
    ev('schema', noTitle);
    ev('schema', { ...created('T9', at(7)), channel: 'fax' });
    ev('schema', { v: 1, id: 'x-unknown', type: 'ticket.teleported', at: at(7), ticketId: 'T1' });
    ev('schema', { ...created('T9', at(7)), district: '110101' });
    ev('unknown-ticket', signed('NOPE', at(8)));
    ev('ticket-exists', created('T1', at(8)));
    ev('bad-state', signed('T2', at(8))); // T2 is new: nobody to sign
    ev('wrong-dept', signed('T1', at(8), 'd-other'));
    ev('bad-deadline', assigned('T2', at(9), 'd-cg', at(8)));

    const ids = await produce(
      redis,
      s,
      cases.map((c) => c.fields),
      true,
    );
    const snap = await caughtUp(server, ids.at(-1)!);
    expect(snap.ingest).toEqual({ applied: 3, duplicates: 0, rejected: cases.length });

    const rejected = await rejectedEntries(redis, s);
    expect(rejected.map((r) => r.entryId)).toEqual(ids);
    rejected.forEach((r, i) => {
      expect(r.reason, `entry ${i}`).toMatch(new RegExp(`^${cases[i].code}: \\S`));
      expect(r.raw, `entry ${i}`).toBe(cases[i].fields.event ?? '');
    });
    // The main stream is never trimmed: every entry is still there.
    expect(await redis.xLen(s)).toBe(good.length + cases.length);
  });

  it("frees a rejected entry's id: a corrected entry under the same id is applied", async () => {
    redis = await connectRedis(inject('redisUrl'));
    server = await startTestServer();
    const bad = { ...created('T5', at(0)), channel: 'fax' };
    const fixed = { ...bad, channel: 'web' };
    const ids = await produce(redis, server.stream, [bad, fixed]);
    const snap = await caughtUp(server, ids[1]);
    expect(snap.ingest).toEqual({ applied: 1, duplicates: 0, rejected: 1 });
    expect(snap.byChannel.web).toBe(1);
  });
});
