// Hostile and odd input through the parser and the core (issue 8 §4): ids and words named like
// Object's own properties, an `at` far ahead, megabytes, deep nesting, lone surrogates, over-long
// text. And a fuzz test (fast-check): thousands of generated entries, valid and broken, never make the
// parser or the core throw, every count stays an integer, and the snapshot stays what its type says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config.ts';
import { EVENT_TYPES, type StreamEntry } from '../../contract/events.ts';
import type { Snapshot } from '../../contract/snapshot.ts';
import {
  buildSnapshot,
  createRules,
  createState,
  MAX_EVENT_CHARS,
  parseEntry,
  processEntry,
  restoreState,
  takeChanges,
  TEXT_LIMITS,
  type CoreState,
  type Rules,
} from '../index.ts';
import { HOUR } from '../time.ts';

/** Splits titles on white space and punctuation: enough to make words such as `constructor` keywords. */
const segment = (text: string) => text.split(/[\s,，。、！？!?]+/).filter(Boolean);
const rules: Rules = createRules(defaultConfig(), { tz: 'Asia/Shanghai', clock: 'event', segment });
const DISTRICTS = rules.config.city.districts.map((d) => d.code);
/** The server's clock in these tests. */
const NOW = Date.parse('2026-12-04T12:00:00+08:00');

/** Names a plain object already has: as ids, categories or words they must count like any other. */
const OBJECT_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'];

let seq = 0;
function entry(event: unknown): StreamEntry {
  seq++;
  return { id: `${1000 + seq}-0`, fields: { event: typeof event === 'string' ? event : JSON.stringify(event) } };
}

function feed(state: CoreState, entries: StreamEntry[]) {
  return entries.map((e) => processEntry(state, rules, e, NOW, parseEntry(rules, e.fields, { wallNow: NOW })));
}

const at = (h: number) => new Date(NOW - 48 * HOUR + h * HOUR).toISOString();
const created = (ticketId: string, o: Record<string, unknown> = {}) => ({
  v: 1,
  id: `c-${ticketId}-${seq}`,
  type: 'ticket.created',
  ticketId,
  at: at(1),
  channel: 'phone',
  kind: 'complaint',
  category: ['城乡建设', '市政设施'],
  district: DISTRICTS[0],
  urgency: 'normal',
  title: '路灯不亮',
  content: '内容',
  ...o,
});
const assigned = (ticketId: string, deptId: string, o: Record<string, unknown> = {}) => ({
  v: 1,
  id: `a-${ticketId}-${seq}`,
  type: 'ticket.assigned',
  ticketId,
  at: at(2),
  dept: { id: deptId, name: `单位${deptId}` },
  dueAt: at(40),
  ...o,
});

/** Every number finite; every count (all but rates, scores, shares and weights) an integer >= 0. */
function countProblems(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
    else if (!/Rate$|^score$|Share$/.test(key) && !path.includes('.weights.') && !(Number.isInteger(value) && value >= 0)) {
      out.push(`${path} = ${value}`);
    }
  } else if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    out.push(`${path} is a ${typeof value}`);
  } else if (Array.isArray(value)) value.forEach((v, i) => countProblems(v, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) countProblems(v, `${path}.${k}`, out);
  return out;
}

/** The state's own figures: every value of every day and rollup record is an integer count. */
function stateProblems(state: CoreState): string[] {
  const out: string[] = [];
  for (const [day, d] of state.days) countProblems(d, `days.${day}`, out);
  for (const [day, byDept] of state.rollups) for (const [dept, r] of byDept) countProblems(r, `rollups.${day}.${dept}`, out);
  for (const [day, t] of state.topics) countProblems(t, `topics.${day}`, out);
  countProblems(state.ingest, 'ingest', out);
  return out;
}

/** The snapshot as its type says: its fields of the right kinds, counts integers, and unchanged by JSON. */
function snapshotProblems(s: Snapshot): string[] {
  const out = countProblems(s);
  const isStr = (v: unknown) => typeof v === 'string';
  if (s.v !== 1 || !Number.isInteger(s.seq)) out.push('v/seq');
  if (!Array.isArray(s.districts) || !Array.isArray(s.departments) || !Array.isArray(s.topCategories)) out.push('lists');
  for (const c of s.topCategories) if (!isStr(c.name) || !Number.isInteger(c.count)) out.push(`topCategories ${JSON.stringify(c)}`);
  for (const d of s.departments) if (!isStr(d.id) || !isStr(d.name)) out.push(`department ${JSON.stringify(d)}`);
  for (const h of s.hotTopics) if (!isStr(h.word) || !Number.isInteger(h.count)) out.push(`hotTopic ${JSON.stringify(h)}`);
  for (const w of [...s.warnings.red, ...s.warnings.yellow]) if (!isStr(w.ticketId) || !isStr(w.title)) out.push(`warning ${w.ticketId}`);
  if (JSON.stringify(JSON.parse(JSON.stringify(s))) !== JSON.stringify(s)) out.push('not the same through JSON');
  return out;
}

const snapshotOf = (state: CoreState) => buildSnapshot(state, rules, { asOf: NOW, builtAt: NOW, wallNow: NOW, seq: 1 });

describe('ids, categories and words named like Object properties', () => {
  it('count like any other: tickets, departments, categories and hot words', () => {
    const state = createState();
    const entries: StreamEntry[] = [];
    for (const name of OBJECT_NAMES) {
      for (let i = 0; i < 2; i++) {
        const ticketId = `${name}${i === 0 ? '' : '-2'}`;
        entries.push(entry(created(ticketId, { category: [name, name], title: `${name} 路灯不亮` })));
        entries.push(entry(assigned(ticketId, name)));
      }
    }
    const outcomes = feed(state, entries);
    expect(outcomes.filter((o) => o.kind !== 'applied')).toEqual([]);
    expect(stateProblems(state)).toEqual([]);
    const snap = snapshotOf(state);
    expect(snapshotProblems(snap)).toEqual([]);
    expect(snap.open).toBe(OBJECT_NAMES.length * 2);
    const day = [...state.days.values()][0]!;
    for (const name of OBJECT_NAMES) expect(Object.getOwnPropertyDescriptor(day.categories, name)?.value).toBe(2);
    for (const name of OBJECT_NAMES) expect(state.depts.get(name)?.name).toBe(`单位${name}`);
    // The keyword `constructor` (the segmenter keeps letters-only words): counted twice.
    const words = [...state.topics.values()][0]!.keywords;
    expect(Object.getOwnPropertyDescriptor(words, 'constructor')?.value).toBe(2);
    expect(Object.getOwnPropertyDescriptor(words, 'toString')?.value).toBe(2);

    // Stored and read back: the same figures, still counts.
    const restored = restoreState(toStored(state), createState(), rules);
    expect(stateProblems(restored)).toEqual([]);
    expect({ ...snapshotOf(restored), builtAt: '' }).toEqual({ ...snap, builtAt: '' });
  });
});

/** The state as the store would hold it after one takeChanges. */
function toStored(state: CoreState) {
  const c = takeChanges(state, rules);
  return {
    meta: c.meta,
    tickets: c.tickets,
    days: c.days,
    topics: c.topics,
    rollups: c.rollups,
    depts: c.depts,
    ids: c.ids,
  };
}

describe('odd entries', () => {
  it("rejects an `at` more than 24 h ahead of the server's clock as schema, and accepts one just inside", () => {
    const state = createState();
    const ahead = (ms: number) => new Date(NOW + ms).toISOString();
    const [far, years, inside] = feed(state, [
      entry(created('F1', { at: ahead(24 * HOUR + 1000) })),
      entry({ v: 1, id: 'call-far', type: 'call.offered', callId: 'c1', at: '2031-01-01T00:00:00+08:00' }),
      entry(created('F2', { at: ahead(23 * HOUR) })),
    ]);
    expect(far).toMatchObject({ kind: 'rejected', code: 'schema' });
    expect(far!.kind === 'rejected' && far!.reason).toMatch(/^schema: field at: .* is more than 24 hours ahead of the server's clock/);
    expect(years).toMatchObject({ kind: 'rejected', code: 'schema' });
    expect(inside).toMatchObject({ kind: 'applied' });
    // The event clock did not jump to 2031: the id memory and "today" stay where the stream is.
    expect(state.maxAt).toBe(NOW + 23 * HOUR);
    expect(state.ingest).toEqual({ applied: 1, duplicates: 0, rejected: 2 });
  });

  it('without a server clock (in-process replays) no `at` is too far ahead', () => {
    const r = parseEntry(rules, entry(created('F3', { at: '2031-01-01T00:00:00+08:00' })).fields);
    expect(r.ok).toBe(true);
  });

  it('sets aside an entry of several MB, deep nesting anywhere, and over-long ids; keeps lone surrogates as U+FFFD', () => {
    const state = createState();
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const [big, deepUnknown, deepKnown, longDept, longCall, surrogate] = feed(state, [
      entry(created('B1', { padding: 'x'.repeat(3 * 1024 * 1024) })),
      entry(`{"v":1,"id":"d1","type":"call.offered","callId":"c","at":"${at(1)}","x":${deep(100_000)}}`),
      entry(`{"v":1,"id":"d2","type":"call.offered","callId":${deep(50_000)},"at":"${at(1)}"}`),
      entry(created('L1')),
      entry({ v: 1, id: 'call-long', type: 'call.offered', callId: 'c'.repeat(129), at: at(1) }),
      entry(
        `{"v":1,"id":"s1","type":"ticket.created","ticketId":"S1","at":"${at(1)}","channel":"phone","kind":"help","category":["\\ud800城建"],"district":"${DISTRICTS[0]}","urgency":"normal","title":"\\udc00路灯\\ud83d","content":"\\ud800"}`,
      ),
    ]);
    expect(big).toMatchObject({ kind: 'rejected', code: 'schema' });
    expect(big!.kind === 'rejected' && big!.reason).toContain(`over the limit of ${MAX_EVENT_CHARS.toLocaleString('en-US')}`);
    // A field the contract does not name is ignored however deep it goes; the entry counts.
    expect(deepUnknown).toMatchObject({ kind: 'applied' });
    expect(deepKnown).toMatchObject({ kind: 'rejected', code: 'schema' });
    expect(longDept).toMatchObject({ kind: 'applied' });
    const [longAssign] = feed(state, [entry(assigned('L1', 'd'.repeat(129)))]);
    expect(longAssign).toMatchObject({ kind: 'rejected', code: 'schema' });
    expect(longCall).toMatchObject({ kind: 'rejected', code: 'schema' });
    expect(surrogate).toMatchObject({ kind: 'applied' });
    expect(state.tickets.get('S1')!.title).toBe('\uFFFD路灯\uFFFD');
    expect(state.tickets.get('S1')!.category[0]).toBe('\uFFFD城建');
    expect(stateProblems(state)).toEqual([]);
    expect(snapshotProblems(snapshotOf(state))).toEqual([]);
    // Nothing the contract does not name reaches the stored timeline.
    const changes = takeChanges(state, rules);
    expect(Math.max(...changes.timeline.map(([, json]) => json.length))).toBeLessThan(2_000);
  });

  it('cuts over-long dept.name, street, category, reason and note to their limits, and counts the ticket', () => {
    const state = createState();
    const long = '长'.repeat(100_000);
    const outcomes = feed(state, [
      entry(created('X1', { street: long, category: [long], citizen: { name: long, phone: long } })),
      entry(assigned('X1', 'd-x', { dept: { id: 'd-x', name: long } })),
      entry({ v: 1, id: 'ret-x1', type: 'ticket.returned', ticketId: 'X1', at: at(3), deptId: 'd-x', reason: long }),
      entry({ v: 1, id: 'sup-x1', type: 'ticket.supervised', ticketId: 'X1', at: at(4), level: 2, by: long, note: long }),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(state.depts.get('d-x')!.name.length).toBe(TEXT_LIMITS.deptName);
    expect(state.tickets.get('X1')!.category[0]!.length).toBe(TEXT_LIMITS.category);
    const changes = takeChanges(state, rules);
    const details = JSON.parse(changes.details.get('X1')!) as { street: string; citizen: { name: string } };
    expect(details.street.length).toBe(TEXT_LIMITS.street);
    expect(details.citizen.name.length).toBe(TEXT_LIMITS.citizen);
    for (const [, json] of changes.timeline) expect(json.length).toBeLessThan(3 * TEXT_LIMITS.text);
  });
});

// ---------------------------------------------------------------------------------------------
// The fuzz test.

const hostileText = fc.oneof(
  fc.constantFrom(...OBJECT_NAMES),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('路灯不亮', '小区暖气不热', '\ud800', '\udc00x', '😀', '', ' ', '0', 'null'),
);
const ids = fc.constantFrom('T1', 'T2', 'T3', ...OBJECT_NAMES);
const depts = fc.constantFrom('d-cg', 'd-zj', ...OBJECT_NAMES);
const time = fc.integer({ min: -72, max: 26 }).map((h) => new Date(NOW + h * HOUR).toISOString());

/** An event of any type, with fields from small pools (so tickets go through their states), sometimes a field off. */
const event = fc.record({
  v: fc.oneof({ weight: 20, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }),
  id: fc.oneof(fc.uuid(), fc.constantFrom(...OBJECT_NAMES), fc.constantFrom('dup-1', 'dup-2')),
  type: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('ticket.created', 'ticket.assigned', 'ticket.signed', 'ticket.replied', 'ticket.closed') },
    { weight: 6, arbitrary: fc.constantFrom(...EVENT_TYPES) },
    { weight: 1, arbitrary: fc.constantFrom(...OBJECT_NAMES) },
  ),
  at: fc.oneof(
    { weight: 20, arbitrary: time },
    { weight: 1, arbitrary: fc.constantFrom('2031-01-01T00:00:00Z', 'yesterday', '2026-13-01T00:00:00Z') },
  ),
  ticketId: ids,
  channel: fc.constantFrom('phone', 'web', 'wechat', 'app', 'other', 'constructor'),
  kind: fc.constantFrom('consult', 'help', 'complaint', 'suggestion', 'report', 'praise', 'other', 'toString'),
  category: fc.oneof(
    {
      weight: 10,
      arbitrary: fc.array(
        hostileText.filter((t) => t.length > 0),
        { minLength: 1, maxLength: 3 },
      ),
    },
    { weight: 1, arbitrary: fc.array(hostileText, { maxLength: 5 }) },
  ),
  district: fc.constantFrom(...DISTRICTS, '__proto__'),
  urgency: fc.constantFrom('normal', 'urgent'),
  title: fc.oneof(
    hostileText,
    hostileText.map((w) => `${w} 路灯 ${w}`),
  ),
  content: hostileText,
  street: fc.option(hostileText),
  citizen: fc.option(fc.record({ name: fc.option(hostileText), phone: fc.option(fc.constantFrom('13812345678', '+86 138 1234 5678')) })),
  dept: depts.chain((id) =>
    fc.record({ id: fc.constant(id), name: hostileText, kind: fc.option(fc.constantFrom('county', 'department', 'enterprise')) }),
  ),
  deptId: depts,
  dueAt: time,
  signDueAt: fc.option(time),
  reason: hostileText,
  summary: fc.option(hostileText),
  resolved: fc.constantFrom('yes', 'partly', 'no'),
  satisfaction: fc.constantFrom('satisfied', 'basic', 'dissatisfied', 'none'),
  direct: fc.option(fc.boolean()),
  level: fc.integer({ min: 0, max: 6 }),
  by: hostileText,
  callId: fc.oneof(fc.constantFrom('c1', 'c2'), hostileText),
  waitSec: fc.oneof(fc.nat(300), fc.constant(-1), fc.double()),
  online: fc.oneof(fc.nat(50), fc.constant(1.5)),
  busy: fc.nat(50),
});

/** A stream entry: mostly an event's JSON, sometimes broken in one of the ways entries break. */
const streamEntry: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 12, arbitrary: event.map((e) => ({ event: JSON.stringify(e) })) },
  {
    weight: 1,
    arbitrary: event.chain((e) => fc.constantFrom(...Object.keys(e)).map((k) => ({ event: JSON.stringify({ ...e, [k]: undefined }) }))),
  },
  {
    weight: 1,
    arbitrary: event.chain((e) => fc.constantFrom(...Object.keys(e)).map((k) => ({ event: JSON.stringify({ ...e, [k]: [{ x: [] }] }) }))),
  },
  { weight: 1, arbitrary: fc.string().map((s) => ({ event: s })) },
  { weight: 1, arbitrary: fc.json().map((s) => ({ event: s })) },
  { weight: 1, arbitrary: fc.constant({ other: 'x' }) },
  { weight: 1, arbitrary: event.map((e) => ({ event: `{"x":${'['.repeat(20_000)}${']'.repeat(20_000)},${JSON.stringify(e).slice(1)}` })) },
  { weight: 1, arbitrary: event.map((e) => ({ event: JSON.stringify(e).replace('"title":"', '"title":"\\ud800') })) },
);

describe('fuzz: generated entries, valid and broken, through the parser and the core', () => {
  it('never throws, every count stays an integer, the snapshot stays valid and survives a store round trip', () => {
    let totalApplied = 0;
    const codes = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(streamEntry, { minLength: 40, maxLength: 120 }), (entries) => {
        const state = createState();
        let n = 0;
        for (const fields of entries) {
          const e: StreamEntry = { id: `${2000 + n++}-0`, fields };
          const o = processEntry(state, rules, e, NOW, parseEntry(rules, fields, { wallNow: NOW }));
          if (o.kind === 'rejected') codes.set(o.code, (codes.get(o.code) ?? 0) + 1);
        }
        const { applied, duplicates, rejected } = state.ingest;
        expect(applied + duplicates + rejected).toBe(entries.length);
        totalApplied += applied;
        expect(stateProblems(state)).toEqual([]);
        const snap = snapshotOf(state);
        expect(snapshotProblems(snap)).toEqual([]);
        expect(snap.ingest).toEqual(state.ingest);
        const restored = restoreState(toStored(state), createState(), rules);
        expect({ ...snapshotOf(restored), builtAt: '' }).toEqual({ ...snap, builtAt: '' });
      }),
      { numRuns: 150, seed: 20261204 },
    );
    console.log(`fuzz: ${totalApplied} entries applied; rejected by code: ${JSON.stringify(Object.fromEntries(codes))}`);
    // The generator is not all noise: a good share of the entries went through.
    expect(totalApplied).toBeGreaterThan(600);
  });
});
