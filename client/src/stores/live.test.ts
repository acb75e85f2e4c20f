import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '@shared/contract/snapshot.ts';
import { fixtureSnapshot } from '../fixtures/index.ts';
import { useLiveStore, type LiveStore } from './live.ts';

let store: LiveStore;
const T0 = Date.parse('2026-11-26T10:30:01+08:00');

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  setActivePinia(createPinia());
  store = useLiveStore();
});
afterEach(() => {
  store.$dispose();
  vi.useRealTimers();
});

function connectWith(s: Snapshot = fixtureSnapshot()) {
  store.setConnected(true);
  store.receiveSnapshot(s);
  return s;
}

describe('snapshot and patches', () => {
  it('replaces its state with a snapshot, then applies patches with consecutive seq', () => {
    const s = connectWith();
    expect(store.snapshot?.today.created).toBe(s.today.created);
    expect(store.receivePatch({ seq: 2, ops: [{ op: 'replace', path: '/today/created', value: 402 }] })).toBe('applied');
    expect(
      store.receivePatch({
        seq: 3,
        ops: [
          { op: 'replace', path: '/open', value: 2850 },
          { op: 'add', path: '/notices/-', value: '节假日日历将于 30 天后用尽' },
        ],
      }),
    ).toBe('applied');
    expect(store.snapshot?.seq).toBe(3);
    expect(store.snapshot?.today.created).toBe(402);
    expect(store.snapshot?.open).toBe(2850);
    expect(store.snapshot?.notices).toEqual(['节假日日历将于 30 天后用尽']);
    expect(store.stats.patches).toBe(2);
  });

  it('never mutates the previous snapshot object (patches go to a clone)', () => {
    connectWith();
    const before = store.snapshot!;
    store.receivePatch({ seq: 2, ops: [{ op: 'replace', path: '/overdue', value: 99 }] });
    expect(before.overdue).toBe(14);
    expect(store.snapshot).not.toBe(before);
  });

  it('asks for a resync on a seq gap, drops patches until a snapshot comes, then goes on', () => {
    const resync = vi.fn();
    store.setResyncHandler(resync);
    connectWith();
    expect(store.receivePatch({ seq: 3, ops: [{ op: 'replace', path: '/open', value: 1 }] })).toBe('gap');
    expect(resync).toHaveBeenCalledTimes(1);
    expect(store.awaitingResync).toBe(true);
    expect(store.snapshot?.open).toBe(2846);
    // More patches while waiting: ignored, no flood of resync requests.
    expect(store.receivePatch({ seq: 4, ops: [] })).toBe('ignored');
    expect(resync).toHaveBeenCalledTimes(1);
    // The snapshot answering the resync.
    const fresh = { ...fixtureSnapshot(), seq: 10, open: 3000 };
    store.receiveSnapshot(fresh);
    expect(store.awaitingResync).toBe(false);
    expect(store.receivePatch({ seq: 11, ops: [{ op: 'replace', path: '/open', value: 3001 }] })).toBe('applied');
    expect(store.snapshot?.open).toBe(3001);
  });

  it('asks again when the resync does not come within a few seconds', () => {
    const resync = vi.fn();
    store.setResyncHandler(resync);
    connectWith();
    store.receivePatch({ seq: 5, ops: [] });
    vi.advanceTimersByTime(6_000);
    expect(resync).toHaveBeenCalledTimes(2);
  });

  it('asks for a resync when a patch does not apply (e.g. a path that is not there)', () => {
    const resync = vi.fn();
    store.setResyncHandler(resync);
    connectWith();
    expect(store.receivePatch({ seq: 2, ops: [{ op: 'replace', path: '/warnings/red/999/level', value: 5 }] })).toBe('failed');
    expect(resync).toHaveBeenCalledOnce();
    expect(store.snapshot?.seq).toBe(1);
  });

  it('treats a patch before any snapshot as a gap', () => {
    const resync = vi.fn();
    store.setResyncHandler(resync);
    store.setConnected(true);
    expect(store.receivePatch({ seq: 1, ops: [] })).toBe('gap');
    expect(resync).toHaveBeenCalledOnce();
  });
});

describe('server-following clock', () => {
  it('follows builtAt, not the kiosk clock', () => {
    const s = fixtureSnapshot();
    // The kiosk is 7 minutes behind the server.
    vi.setSystemTime(Date.parse(s.builtAt) - 7 * 60_000);
    connectWith(s);
    expect(store.serverNowMs).toBe(Date.parse(s.builtAt));
    vi.advanceTimersByTime(3_000);
    expect(store.serverNowMs).toBe(Date.parse(s.builtAt) + 3_000);
  });

  it('uses asOf as the figures’ now under the event clock', () => {
    const s = fixtureSnapshot();
    s.rules.clock = 'event';
    s.asOf = '2026-11-20T09:00:00+08:00';
    connectWith(s);
    vi.advanceTimersByTime(5_000);
    expect(store.figuresNowMs).toBe(Date.parse('2026-11-20T09:00:00+08:00'));
  });
});

describe('staleness', () => {
  it('is fresh while messages come, server-silent after 12 s without one', () => {
    const s = fixtureSnapshot();
    s.lastEntryAt = new Date(T0).toISOString();
    s.builtAt = new Date(T0).toISOString();
    connectWith(s);
    expect(store.staleState).toMatchObject({ disconnected: false, serverSilent: false, stale: false });
    vi.advanceTimersByTime(11_000);
    expect(store.staleState.serverSilent).toBe(false);
    vi.advanceTimersByTime(2_000);
    expect(store.staleState.serverSilent).toBe(true);
    expect(store.stale).toBe(true);
    expect(store.staleState.sinceMs).toBe(T0);
    // A heartbeat brings it back.
    store.receivePatch({ seq: 2, ops: [{ op: 'replace', path: '/builtAt', value: new Date(Date.now()).toISOString() }] });
    expect(store.stale).toBe(false);
  });

  it('flags a silent stream from lastEntryAt on the server clock', () => {
    const s = fixtureSnapshot();
    s.builtAt = new Date(T0).toISOString();
    s.lastEntryAt = new Date(T0 - 30_000).toISOString();
    connectWith(s);
    expect(store.staleState.streamSilent).toBe(false);
    // Heartbeats keep coming (server fine) but no entry for over 60 s.
    for (let i = 1; i <= 7; i++) {
      vi.advanceTimersByTime(5_000);
      store.receivePatch({ seq: 1 + i, ops: [{ op: 'replace', path: '/builtAt', value: new Date(Date.now()).toISOString() }] });
    }
    expect(store.staleState.streamAgeMs).toBe(65_000);
    expect(store.staleState.streamSilent).toBe(true);
    expect(store.stale).toBe(false);
  });

  it('keeps the last values on disconnect, marks them stale with their age, and recovers on a new snapshot', () => {
    const s = connectWith();
    store.setConnected(false);
    vi.advanceTimersByTime(30_000);
    expect(store.snapshot?.today.created).toBe(s.today.created);
    expect(store.staleState).toMatchObject({ disconnected: true, stale: true, messageAgeMs: 30_000 });
    expect(store.phase).toBe('reconnecting');
    store.setConnected(true);
    store.receiveSnapshot({ ...fixtureSnapshot(), seq: 1 });
    expect(store.stale).toBe(false);
    expect(store.phase).toBe('live');
  });

  it('is never stale in demo mode', () => {
    store.loadDemo(fixtureSnapshot());
    vi.advanceTimersByTime(120_000);
    expect(store.stale).toBe(false);
  });
});

describe('focus and alerts', () => {
  it('drops a focus when its time is up on the server clock', () => {
    const s = connectWith();
    const until = new Date(Date.parse(s.builtAt) + 10_000).toISOString();
    store.setFocus({ scope: 'district', id: '370902', wall: null, by: 'leader', until });
    vi.advanceTimersByTime(5_000);
    expect(store.focus?.id).toBe('370902');
    vi.advanceTimersByTime(6_000);
    expect(store.focus).toBeNull();
  });

  it('raises an alert for a new red ticket and highlights its row for a while', () => {
    const s = connectWith();
    const y = s.warnings.yellow[0]!;
    vi.advanceTimersByTime(500);
    store.receivePatch({
      seq: 2,
      ops: [
        { op: 'add', path: '/warnings/red/-', value: { ...y, reason: 'overdue', level: 2, dueAt: new Date(T0).toISOString() } },
        { op: 'replace', path: '/warnings/redCount', value: s.warnings.redCount + 1 },
      ],
    });
    expect(store.alerts.map((a) => [a.kind, a.ticketId])).toEqual([['red', y.ticketId]]);
    expect(store.highlighted.has(y.ticketId)).toBe(true);
    vi.advanceTimersByTime(11_000);
    expect(store.highlighted.has(y.ticketId)).toBe(false);
  });
});
