import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_LEAKS } from '../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../test/panel.ts';
import WallView from './WallView.vue';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-26T10:30:00.120+08:00'));
});
afterEach(() => vi.useRealTimers());

const PANELS = [
  'panel-header',
  'panel-warnings-red',
  'panel-warnings-yellow',
  'panel-cohandling',
  'panel-supervision',
  'panel-map',
  'panel-hourly',
  'panel-today-mix',
  'hot-topics',
  'clusters',
  'panel-rankings',
  'panel-footer',
];

describe('Wall view', () => {
  it('lays out every panel on a scaled canvas, hides the cursor, and cleans up after itself', async () => {
    window.innerWidth = 3840;
    window.innerHeight = 2160;
    const h = panelHarness({ at: Date.now() });
    const w = mountPanel(h, WallView, { attachTo: document.body });
    await flushPromises();
    for (const id of PANELS) expect(w.find(`[data-testid="${id}"]`).exists(), id).toBe(true);
    const canvas = w.find('[data-testid="wall"]');
    expect(canvas.attributes('data-scale')).toBe('2.000');
    expect(canvas.attributes('style')).toContain('scale(2');
    expect(canvas.attributes('style')).toContain('width: 1920px');
    expect(document.documentElement.classList.contains('lx-wall')).toBe(true);
    expect(fig(w, 'today-created').value).toBe('401');
    await vi.advanceTimersByTimeAsync(2_000);
    const { created, left } = unmountClean(h, w);
    expect(created.listeners).toBeGreaterThan(0);
    expect(created.frames).toBeGreaterThan(0);
    expect(left).toEqual(NO_LEAKS);
    expect(document.documentElement.classList.contains('lx-wall')).toBe(false);
  });

  it('greys the figures and shows the banner when the link drops, keeping the values', async () => {
    const h = panelHarness({ at: Date.now() });
    const w = mountPanel(h, WallView, { attachTo: document.body });
    expect(w.find('[data-testid="wall"]').attributes('data-stale')).toBe('false');
    h.store.setConnected(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(w.find('[data-testid="wall"]').classes()).toContain('is-stale');
    expect(w.find('[data-testid="stale-banner"]').attributes('data-reason')).toBe('disconnected');
    expect(fig(w, 'today-created').value).toBe('401');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('puts a leader’s focus on screen and goes back on null', async () => {
    const h = panelHarness({ at: Date.now() });
    const w = mountPanel(h, WallView, { attachTo: document.body });
    h.store.setFocus({ scope: 'dept', id: 'd-01', wall: null, by: 'leader', until: '2099-01-01T00:00:00Z' });
    await w.vm.$nextTick();
    expect(w.find('[data-testid="focus-panel"]').attributes('data-id')).toBe('d-01');
    expect(w.find('[data-testid="dept-row-d-01"]').classes()).toContain('focus');
    h.store.setFocus(null);
    await w.vm.$nextTick();
    expect(w.find('[data-testid="focus-panel"]').exists()).toBe(false);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
