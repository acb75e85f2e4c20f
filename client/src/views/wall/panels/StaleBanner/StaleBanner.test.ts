import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureSnapshot } from '../../../../fixtures/index.ts';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import StaleBanner from './StaleBanner.vue';

const T0 = Date.parse('2026-11-26T10:30:00.120+08:00');
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

function fresh() {
  const s = fixtureSnapshot();
  s.lastEntryAt = new Date(T0 - 1000).toISOString();
  return s;
}

describe('Stale banner', () => {
  it('is absent while live, appears after 12 s of server silence saying since when', async () => {
    const h = panelHarness({ snapshot: fresh(), at: T0 });
    const w = mountPanel(h, StaleBanner);
    expect(w.find('[data-testid="stale-banner"]').exists()).toBe(false);
    await vi.advanceTimersByTimeAsync(13_000);
    const b = w.find('[data-testid="stale-banner"]');
    expect(b.attributes('data-reason')).toBe('server-silent');
    expect(b.text()).toContain('服务器无响应');
    expect(b.text()).toContain('数据停留在 10:30:00');
    expect(b.text()).toContain('已 13秒');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('tells a lost connection, keeps counting its age, and clears on recovery', async () => {
    const h = panelHarness({ snapshot: fresh(), at: T0 });
    const w = mountPanel(h, StaleBanner);
    h.store.setConnected(false);
    await vi.advanceTimersByTimeAsync(65_000);
    const b = w.find('[data-testid="stale-banner"]');
    expect(b.attributes('data-reason')).toBe('disconnected');
    expect(b.text()).toContain('已 1分05秒');
    h.store.setConnected(true);
    const s = fresh();
    s.builtAt = new Date(Date.now()).toISOString();
    s.lastEntryAt = s.builtAt;
    h.store.receiveSnapshot(s);
    await w.vm.$nextTick();
    expect(w.find('[data-testid="stale-banner"]').exists()).toBe(false);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('warns, without greying, when only the event stream is silent', async () => {
    const s = fresh();
    s.lastEntryAt = new Date(T0 - 5 * 60_000).toISOString();
    const h = panelHarness({ snapshot: s, at: T0 });
    const w = mountPanel(h, StaleBanner);
    const b = w.find('[data-testid="stale-banner"]');
    expect(b.attributes('data-reason')).toBe('stream-silent');
    expect(b.classes()).toContain('warn');
    expect(h.store.stale).toBe(false);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('asks for a token when the page has none', () => {
    const h = panelHarness({ snapshot: null, connected: false });
    h.store.setConnectionError('no-token');
    const w = mountPanel(h, StaleBanner);
    expect(w.find('[data-testid="stale-banner"]').attributes('data-reason')).toBe('no-token');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
