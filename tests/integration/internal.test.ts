// One bad entry never stops ingestion (events.md, `internal`): when the product itself fails on an
// entry (the parser, jieba, the core), the entry is tried 3 times in all, then set aside in
// :rejected as `internal: <message>`, reported (log, /readyz), and the next entries are applied. No
// half-applied entry survives, and the state is not reloaded in a loop. The failures are injected
// through startServer's test seams.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import { buildSnapshot, createRules, createState, processEntry } from '../../shared/domain/index.ts';
import { defaultConfig } from '../../shared/config.ts';
import { createSegmenter } from '../../server/core/segmenter.ts';
import type { Logger } from '../../server/util/log.ts';
import type { StreamEntry } from '../../shared/contract/events.ts';
import { assigned, at, callOffered, created } from '../support/events.ts';
import { call, getSnapshot } from '../support/http.ts';
import { startTestServer, uniqueNames, type TestServer } from '../support/server.ts';
import { atOrAfter, connectRedis, produce, rejectedEntries, waitDurable, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

let redis: TestRedis;
const servers: TestServer[] = [];

beforeAll(async () => {
  redis = await connectRedis(inject('redisUrl'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await redis.close();
});

function capturingLog() {
  const lines: Array<{ level: 'info' | 'warn' | 'error'; msg: string }> = [];
  const log: Logger = {
    info: (msg) => lines.push({ level: 'info', msg }),
    warn: (msg) => lines.push({ level: 'warn', msg }),
    error: (msg) => lines.push({ level: 'error', msg }),
  };
  const loads = () => lines.filter((l) => l.msg.includes('loading the state from Redis')).length;
  return { log, lines, loads };
}

async function start(o: Parameters<typeof startTestServer>[0]) {
  const s = await startTestServer(o);
  servers.push(s);
  return s;
}

async function caughtUp(s: TestServer, id: string): Promise<Snapshot> {
  const snap = await waitFor(`the server at ${id}`, async () => {
    const snap = await getSnapshot(s.url);
    return atOrAfter(snap.lastEntryId, id) ? snap : null;
  });
  await waitDurable(redis, s.instance, id);
  return snap;
}

/** Writes the events before the server starts (one batch), starts it with the hook, waits for it to catch up. */
async function drainWith(label: string, events: object[], afterEntry: (entry: StreamEntry) => void) {
  const names = uniqueNames(label);
  const ids = await produce(redis, names.stream, events);
  const { log, loads } = capturingLog();
  const s = await start({ ...names, log, testSeams: { afterEntry } });
  const snap = await caughtUp(s, ids.at(-1)!);
  return { names, ids, s, snap, loads };
}

const eventId = (e: StreamEntry) => (JSON.parse(e.fields.event ?? '{}') as { id?: string }).id;
const MARK = '触发故障';
/** The stand-in for a defect: a hook that throws on the entry whose title carries MARK. */
function failingOn(times = Infinity) {
  const calls: string[] = [];
  const hook = (entry: StreamEntry) => {
    if (!entry.fields.event?.includes(MARK)) return;
    calls.push(entry.id);
    if (calls.length <= times) throw new TypeError(`core broke on ${eventId(entry)}`);
  };
  return { hook, calls };
}

describe('an entry the product fails on', () => {
  it('while parsing (the segmenter throws): tried 3 times, set aside as internal, the rest applied, the state never reloaded', async () => {
    const names = uniqueNames('internal-parse');
    const seen: string[] = [];
    const segmenter = (text: string) => {
      if (text.includes(MARK)) {
        seen.push(text);
        throw new Error('jieba failed on this title');
      }
      return text.split(/\s+/);
    };
    const bad = created('P2', at(10), { title: `${MARK} 暖气不热` });
    const ids = await produce(redis, names.stream, [
      created('P1', at(0)),
      bad,
      assigned('P2', at(20)), // P2 was never created: unknown-ticket
      created('P3', at(30)),
      callOffered(at(40)),
    ]);
    const { log, lines, loads } = capturingLog();
    const s = await start({ ...names, log, testSeams: { segmenter } });
    const snap = await caughtUp(s, ids.at(-1)!);

    expect(seen).toHaveLength(3);
    expect(snap.ingest).toEqual({ applied: 3, duplicates: 0, rejected: 2 });
    expect(snap.today.created).toBe(2);
    const rejected = await rejectedEntries(redis, names.stream);
    expect(rejected.map((r) => [r.entryId, r.reason])).toEqual([
      [ids[1], 'internal: jieba failed on this title'],
      [ids[2], expect.stringMatching(/^unknown-ticket: /)],
    ]);
    expect(rejected[0].raw).toBe(JSON.stringify(bad));
    expect(loads()).toBe(0);
    const errors = lines.filter((l) => l.level === 'error').map((l) => l.msg);
    expect(errors.filter((m) => m.includes(`entry ${ids[1]}`) && m.includes('\n    at '))).toHaveLength(3); // each failure, with its stack
    expect(errors.some((m) => m.includes(`entry ${ids[1]} set aside as internal`))).toBe(true);

    const ready = await call(s.url, '/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body.internal).toMatchObject({ count: 1, last: { entryId: ids[1], message: 'jieba failed on this title' } });
    expect(Date.parse(ready.body.internal.last.at)).not.toBeNaN();
    expect(await redis.exists(`lianxin:${names.instance}:attempts`)).toBe(0);
  });

  it('while applying (after the state changed): no trace of it survives, the entries before and after count once, one reload', async () => {
    const events = [
      created('A1', at(0)),
      callOffered(at(1)),
      created('A2', at(5), { title: `${MARK} 路灯不亮` }), // applied by the core, then the hook throws
      assigned('A2', at(8)), // A2 does not exist once the failure is undone: unknown-ticket
      created('A3', at(9)),
      assigned('A3', at(10)),
      callOffered(at(11)),
    ];
    const fault = failingOn();
    const { names, ids, s, snap, loads } = await drainWith('internal-apply', events, fault.hook);

    expect(fault.calls).toEqual([ids[2], ids[2], ids[2]]);
    expect(loads()).toBe(1);
    expect(snap.ingest).toEqual({ applied: 5, duplicates: 0, rejected: 2 });
    const rejected = await rejectedEntries(redis, names.stream);
    expect(rejected.map((r) => r.reason.split(':')[0])).toEqual(['internal', 'unknown-ticket']);
    expect(rejected[0]).toMatchObject({ entryId: ids[2], reason: `internal: core broke on ${events[2].id}` });
    // Not in memory, not in Redis: the ticket, its id, its figures.
    expect((await call(s.url, '/api/v1/tickets/A2', { token: TOKEN.leader })).status).toBe(404);
    expect(await redis.hGet(`lianxin:${names.instance}:tickets`, 'A2')).toBeNull();
    expect(await redis.zScore(`lianxin:${names.instance}:ids`, events[2].id)).toBeNull();
    // The figures are exactly those of the stream without the failing entry, plus one rejection.
    const rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment: createSegmenter() });
    const state = createState({ trackChanges: false });
    const entries = (await redis.xRange(names.stream, '-', '+'))!;
    for (const e of entries) if (e.id !== ids[2]) processEntry(state, rules, { id: e.id, fields: e.message as Record<string, string> }, 0);
    state.ingest.rejected++;
    const local = buildSnapshot(state, rules, { asOf: state.maxAt, builtAt: 0, wallNow: 0, seq: 0 });
    expect({ ...snap, seq: 0, builtAt: '', lastEntryAt: '' }).toEqual({ ...local, seq: 0, builtAt: '', lastEntryAt: '' });

    // Ingestion goes on, and the set-aside id is free for a corrected entry.
    const later = await produce(redis, names.stream, [{ ...events[2], title: '路灯不亮' }, assigned('A2', at(12))]);
    const after = await caughtUp(s, later.at(-1)!);
    expect(after.ingest).toEqual({ applied: 7, duplicates: 0, rejected: 2 });
    expect(loads()).toBe(1);
    const ready = await call(s.url, '/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ready: true, internal: { count: 1, last: { entryId: ids[2] } } });
  });

  it('that fails once and then works is applied, exactly once', async () => {
    const events = [created('B1', at(0)), created('B2', at(5), { title: `${MARK} 噪音扰民` }), assigned('B2', at(8)), callOffered(at(9))];
    const fault = failingOn(1);
    const { names, ids, s, snap, loads } = await drainWith('internal-once', events, fault.hook);
    // It failed, worked on a copy of the state, then was applied for real.
    expect(fault.calls).toEqual([ids[1], ids[1], ids[1]]);
    expect(loads()).toBe(1);
    expect(snap.ingest).toEqual({ applied: 4, duplicates: 0, rejected: 0 });
    expect(snap.today.created).toBe(2);
    expect(await rejectedEntries(redis, names.stream)).toEqual([]);
    expect((await call(s.url, '/readyz', { token: null })).body.internal).toEqual({ count: 0, last: null });
    expect(await redis.exists(`lianxin:${names.instance}:attempts`)).toBe(0);
  });

  it('counts attempts across restarts: failures recorded by an earlier process count towards the 3', async () => {
    const names = uniqueNames('internal-restart');
    const first = await produce(redis, names.stream, [created('C1', at(0))]);
    let s = await start(names);
    await caughtUp(s, first[0]);
    await s.close();
    servers.splice(0);

    // Two entries delivered to this instance's consumer and never acknowledged (a crash), one of
    // which an earlier process already failed on 3 times (it died on it each time), one twice.
    const events = [created('C2', at(5), { title: `${MARK} 一` }), created('C3', at(6), { title: `${MARK} 二` }), callOffered(at(7))];
    const ids = await produce(redis, names.stream, events);
    const group = `lianxin:${names.instance}`;
    await redis.sendCommand(['XREADGROUP', 'GROUP', group, 'consumer', 'COUNT', '100', 'STREAMS', names.stream, '>']);
    await redis.hSet(`lianxin:${names.instance}:attempts`, {
      [ids[0]]: '3',
      [`${ids[0]}:error`]: 'the process died on it',
      [ids[1]]: '2',
      [`${ids[1]}:error`]: 'core broke earlier',
    });
    const fault = failingOn();
    s = await start({ ...names, testSeams: { afterEntry: fault.hook } });
    const snap = await caughtUp(s, ids.at(-1)!);
    expect(fault.calls).toEqual([ids[1]]); // C2 not tried again at all; C3 once more
    expect(snap.ingest).toEqual({ applied: 2, duplicates: 0, rejected: 2 });
    const rejected = await rejectedEntries(redis, names.stream);
    expect(rejected.map((r) => [r.entryId, r.reason])).toEqual([
      [ids[0], 'internal: the process died on it'],
      [ids[1], `internal: core broke on ${events[1].id}`],
    ]);
    expect(await redis.exists(`lianxin:${names.instance}:attempts`)).toBe(0);
    expect((await redis.xPending(names.stream, group)).pending).toBe(0);
  });
});
