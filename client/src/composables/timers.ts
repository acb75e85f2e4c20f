// Timers and listeners owned by the calling effect scope (component setup, store, effectScope):
// they are removed when the scope is disposed, so nothing outlives its panel.
import { getCurrentScope, onScopeDispose } from 'vue';

function own(cleanup: () => void) {
  if (getCurrentScope()) onScopeDispose(cleanup);
}

/** setInterval owned by the current scope. Returns a stop function. */
export function useInterval(fn: () => void, ms: number): () => void {
  let id: ReturnType<typeof setInterval> | null = setInterval(fn, ms);
  const stop = () => {
    if (id !== null) clearInterval(id);
    id = null;
  };
  own(stop);
  return stop;
}

/** A one-shot or re-armable timeout owned by the current scope. */
export function useTimeout() {
  let id: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (id !== null) clearTimeout(id);
    id = null;
  };
  const set = (fn: () => void, ms: number) => {
    clear();
    id = setTimeout(() => {
      id = null;
      fn();
    }, ms);
  };
  own(clear);
  return {
    set,
    clear,
    get pending() {
      return id !== null;
    },
  };
}

/** addEventListener owned by the current scope. */
export function useEventListener<K extends keyof WindowEventMap>(
  target: Window,
  type: K,
  fn: (e: WindowEventMap[K]) => void,
  opts?: AddEventListenerOptions,
): () => void;
export function useEventListener(target: EventTarget, type: string, fn: (e: Event) => void, opts?: AddEventListenerOptions): () => void;
export function useEventListener(target: EventTarget, type: string, fn: (e: never) => void, opts?: AddEventListenerOptions) {
  const h = fn as EventListener;
  target.addEventListener(type, h, opts);
  let on = true;
  const off = () => {
    if (on) target.removeEventListener(type, h, opts);
    on = false;
  };
  own(off);
  return off;
}

/** A requestAnimationFrame loop owned by the current scope; fn gets the frame time. */
export function useRafLoop(fn: (t: number) => void): { start: () => void; stop: () => void } {
  let id: number | null = null;
  const frame = (t: number) => {
    id = requestAnimationFrame(frame);
    fn(t);
  };
  const start = () => {
    if (id === null) id = requestAnimationFrame(frame);
  };
  const stop = () => {
    if (id !== null) cancelAnimationFrame(id);
    id = null;
  };
  own(stop);
  return { start, stop };
}
