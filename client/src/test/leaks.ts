// Test helper: counts timers, animation frames, window/document listeners and ResizeObservers
// created while installed and not yet cleared, so a test can mount and unmount a panel and check
// that nothing is left behind.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createApp } from 'vue';

let warm = false;
/** Vue's renderer arms a one-off devtools timer when first created: create it before tracking. */
function warmUpVue() {
  if (warm) return;
  warm = true;
  const app = createApp({ render: () => null });
  app.mount(document.createElement('div'));
  app.unmount();
}

export interface Leaks {
  timeouts: number;
  intervals: number;
  frames: number;
  listeners: string[];
  observers: number;
}

export interface Tracker {
  /** What is still active now. */
  active(): Leaks;
  /** How many of each were created since install (to show the test is not vacuous). */
  created(): { timeouts: number; intervals: number; frames: number; listeners: number; observers: number };
  restore(): void;
}

export function trackResources(): Tracker {
  warmUpVue();
  const g = globalThis as any;
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const frames = new Set<unknown>();
  const observers = new Set<unknown>();
  const listeners: { target: string; type: string; fn: unknown; capture: boolean }[] = [];
  const made = { timeouts: 0, intervals: 0, frames: 0, listeners: 0, observers: 0 };
  const orig = {
    setTimeout: g.setTimeout,
    clearTimeout: g.clearTimeout,
    setInterval: g.setInterval,
    clearInterval: g.clearInterval,
    raf: g.requestAnimationFrame,
    caf: g.cancelAnimationFrame,
    RO: g.ResizeObserver,
  };

  g.setTimeout = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    made.timeouts++;
    const id = orig.setTimeout(
      (...a: unknown[]) => {
        timeouts.delete(id);
        fn(...a);
      },
      ms,
      ...args,
    );
    timeouts.add(id);
    return id;
  };
  g.clearTimeout = (id: unknown) => {
    timeouts.delete(id);
    return orig.clearTimeout(id);
  };
  g.setInterval = (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    made.intervals++;
    const id = orig.setInterval(fn, ms, ...args);
    intervals.add(id);
    return id;
  };
  g.clearInterval = (id: unknown) => {
    intervals.delete(id);
    return orig.clearInterval(id);
  };
  if (orig.raf) {
    g.requestAnimationFrame = (fn: FrameRequestCallback) => {
      made.frames++;
      const id = orig.raf((t: number) => {
        frames.delete(id);
        fn(t);
      });
      frames.add(id);
      return id;
    };
    g.cancelAnimationFrame = (id: unknown) => {
      frames.delete(id);
      return orig.caf(id);
    };
  }
  if (orig.RO) {
    g.ResizeObserver = class extends orig.RO {
      observe(...a: unknown[]) {
        made.observers++;
        observers.add(this);
        return super.observe(...a);
      }
      disconnect() {
        observers.delete(this);
        return super.disconnect();
      }
    };
  }
  const capture = (o: unknown) => (typeof o === 'boolean' ? o : !!(o as AddEventListenerOptions | undefined)?.capture);
  const patchTarget = (name: string, t: any) => {
    const own = Object.prototype.hasOwnProperty.call(t, 'addEventListener');
    const add = t.addEventListener;
    const remove = t.removeEventListener;
    t.addEventListener = function (type: string, fn: unknown, o?: unknown) {
      made.listeners++;
      listeners.push({ target: name, type, fn, capture: capture(o) });
      return add.call(this, type, fn, o);
    };
    t.removeEventListener = function (type: string, fn: unknown, o?: unknown) {
      const i = listeners.findIndex((l) => l.type === type && l.fn === fn && l.capture === capture(o));
      if (i >= 0) listeners.splice(i, 1);
      return remove.call(this, type, fn, o);
    };
    return () => {
      if (own) {
        t.addEventListener = add;
        t.removeEventListener = remove;
      } else {
        delete t.addEventListener;
        delete t.removeEventListener;
      }
    };
  };
  const unpatchWindow = patchTarget('window', window);
  const unpatchDocument = patchTarget('document', document);

  return {
    active: () => ({
      timeouts: timeouts.size,
      intervals: intervals.size,
      frames: frames.size,
      listeners: listeners.map((l) => `${l.target}:${l.type}`),
      observers: observers.size,
    }),
    created: () => ({ ...made }),
    restore() {
      Object.assign(g, {
        setTimeout: orig.setTimeout,
        clearTimeout: orig.clearTimeout,
        setInterval: orig.setInterval,
        clearInterval: orig.clearInterval,
      });
      if (orig.raf) Object.assign(g, { requestAnimationFrame: orig.raf, cancelAnimationFrame: orig.caf });
      if (orig.RO) g.ResizeObserver = orig.RO;
      unpatchWindow();
      unpatchDocument();
    },
  };
}

export const NO_LEAKS: Leaks = { timeouts: 0, intervals: 0, frames: 0, listeners: [], observers: 0 };
