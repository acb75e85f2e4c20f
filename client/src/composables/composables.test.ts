import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { fixtureSnapshot } from '../fixtures/index.ts';
import { useLiveStore } from '../stores/live.ts';
import { useDailyReload } from './useDailyReload.ts';
import { useRotation } from './useRotation.ts';
import { computeFit } from './useScaleToFit.ts';

describe('computeFit', () => {
  it('scales the design canvas to the window, letterboxed and centred', () => {
    expect(computeFit(1920, 1080, 1920, 1080)).toEqual({ scale: 1, offsetX: 0, offsetY: 0 });
    expect(computeFit(3840, 2160, 1920, 1080)).toEqual({ scale: 2, offsetX: 0, offsetY: 0 });
    const f = computeFit(1920, 1200, 1920, 1080);
    expect(f.scale).toBe(1);
    expect(f.offsetY).toBe(60);
    expect(computeFit(1366, 768, 1920, 1080).scale).toBeCloseTo(0.7111, 3);
  });
});

describe('useRotation', () => {
  it('switches views every N seconds on the given clock and holds the first while paused', async () => {
    const now = ref(0);
    const paused = ref(false);
    const scope = effectScope();
    const view = scope.run(() =>
      useRotation(
        ['overview', 'districts'] as const,
        60,
        () => now.value,
        () => paused.value,
      ),
    )!;
    now.value = 59_000;
    await nextTick();
    expect(view.value).toBe('overview');
    now.value = 60_000;
    await nextTick();
    expect(view.value).toBe('districts');
    paused.value = true;
    now.value = 61_000;
    await nextTick();
    expect(view.value).toBe('overview');
    scope.stop();
  });
});

describe('useDailyReload', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.parse('2026-11-27T03:59:50+08:00'));
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  it('reloads at the given local time on the server clock, but not while the server is unreachable', async () => {
    const store = useLiveStore();
    const s = fixtureSnapshot();
    s.builtAt = new Date(Date.now()).toISOString();
    store.setConnected(true);
    store.receiveSnapshot(s);
    const reload = vi.fn();
    const scope = effectScope();
    scope.run(() => useDailyReload(store, '04:00', reload));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reload).not.toHaveBeenCalled();
    store.setConnected(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reload).not.toHaveBeenCalled();
    store.setConnected(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reload).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reload).toHaveBeenCalledOnce();
    scope.stop();
    store.$dispose();
  });
});
