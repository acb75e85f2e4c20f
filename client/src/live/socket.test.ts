import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureSnapshot } from '../fixtures/index.ts';
import { useLiveStore, type LiveStore } from '../stores/live.ts';
import { bindLive, socketPath, type LiveSocket } from './socket.ts';

/** Enough of a socket.io-client Socket to drive the binding from the "server" side. */
class FakeSocket {
  handlers = new Map<string, Set<(...a: unknown[]) => void>>();
  managerHandlers = new Map<string, Set<(...a: unknown[]) => void>>();
  emitted: string[] = [];
  connected = false;
  active = true;
  connectCalls = 0;
  disconnectCalls = 0;
  io = {
    on: (ev: string, fn: (...a: unknown[]) => void) => this.add(this.managerHandlers, ev, fn),
    off: (ev: string, fn: (...a: unknown[]) => void) => this.managerHandlers.get(ev)?.delete(fn),
  };
  private add(m: Map<string, Set<(...a: unknown[]) => void>>, ev: string, fn: (...a: unknown[]) => void) {
    if (!m.has(ev)) m.set(ev, new Set());
    m.get(ev)!.add(fn);
  }
  on(ev: string, fn: (...a: unknown[]) => void) {
    this.add(this.handlers, ev, fn);
    return this;
  }
  off(ev: string, fn: (...a: unknown[]) => void) {
    this.handlers.get(ev)?.delete(fn);
    return this;
  }
  emit(ev: string) {
    this.emitted.push(ev);
    return this;
  }
  connect() {
    this.connectCalls++;
    return this;
  }
  disconnect() {
    this.disconnectCalls++;
    return this;
  }
  server(ev: string, ...args: unknown[]) {
    if (ev === 'connect') this.connected = true;
    if (ev === 'disconnect') this.connected = false;
    for (const fn of this.handlers.get(ev) ?? []) fn(...args);
  }
  handlerCount() {
    let n = 0;
    for (const s of this.handlers.values()) n += s.size;
    for (const s of this.managerHandlers.values()) n += s.size;
    return n;
  }
}

let store: LiveStore;
beforeEach(() => {
  vi.useFakeTimers();
  setActivePinia(createPinia());
  store = useLiveStore();
});
afterEach(() => {
  store.$dispose();
  vi.useRealTimers();
});

describe('the socket binding', () => {
  it('feeds snapshots and patches to the store and emits resync on a seq gap', () => {
    const sock = new FakeSocket();
    bindLive(store, sock as unknown as LiveSocket);
    expect(sock.connectCalls).toBe(1);
    sock.server('connect');
    expect(store.connected).toBe(true);
    sock.server('snapshot', fixtureSnapshot());
    sock.server('patch', { seq: 2, ops: [{ op: 'replace', path: '/open', value: 7 }] });
    expect(store.snapshot?.open).toBe(7);
    expect(sock.emitted).toEqual([]);
    sock.server('patch', { seq: 4, ops: [] });
    expect(sock.emitted).toEqual(['resync']);
  });

  it('keeps the figures on disconnect and takes the fresh snapshot after reconnecting', () => {
    const sock = new FakeSocket();
    bindLive(store, sock as unknown as LiveSocket);
    sock.server('connect');
    sock.server('snapshot', fixtureSnapshot());
    sock.server('disconnect', 'transport close');
    expect(store.connected).toBe(false);
    expect(store.snapshot?.today.created).toBe(401);
    expect(store.stale).toBe(true);
    sock.server('connect');
    sock.server('snapshot', { ...fixtureSnapshot(), seq: 1, open: 9 });
    expect(store.stale).toBe(false);
    expect(store.snapshot?.open).toBe(9);
  });

  it('reloads the page on "reload" and follows "focus" (null goes back)', () => {
    const sock = new FakeSocket();
    const reload = vi.fn();
    bindLive(store, sock as unknown as LiveSocket, { reload });
    sock.server('reload');
    expect(reload).toHaveBeenCalledOnce();
    sock.server('focus', { scope: 'dept', id: 'd-01', wall: null, by: 'leader', until: '2099-01-01T00:00:00Z' });
    expect(store.focus?.id).toBe('d-01');
    sock.server('focus', null);
    expect(store.focus).toBeNull();
  });

  it('retries by itself after a refused handshake, and reports it', () => {
    const sock = new FakeSocket();
    bindLive(store, sock as unknown as LiveSocket, { refusedRetryMs: 15_000 });
    sock.active = false;
    sock.server('connect_error', new Error('unauthorized'));
    expect(store.phase).toBe('unauthorized');
    vi.advanceTimersByTime(15_000);
    expect(sock.connectCalls).toBe(2);
  });

  it('undoes everything when unbound: handlers, retry timer, connection', () => {
    const sock = new FakeSocket();
    const unbind = bindLive(store, sock as unknown as LiveSocket);
    expect(sock.handlerCount()).toBeGreaterThan(0);
    sock.server('disconnect', 'io server disconnect'); // arms a retry
    unbind();
    expect(sock.handlerCount()).toBe(0);
    expect(sock.disconnectCalls).toBe(1);
    expect(vi.getTimerCount()).toBe(1); // only the store's own tick remains
    store.requestResync();
    expect(sock.emitted).toEqual([]);
  });
});

describe('socketPath', () => {
  it('follows the page: the root, or the sub-path a proxy serves it under', () => {
    expect(socketPath('http://h/?token=x#/wall')).toBe('/socket.io/');
    expect(socketPath('https://h/lianxin/?token=x#/wall')).toBe('/lianxin/socket.io/');
    expect(socketPath('https://h/lianxin/index.html')).toBe('/lianxin/socket.io/');
  });
});
