import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import HeaderPanel from './HeaderPanel.vue';
import { headerKpis } from './view.ts';

describe('Header panel', () => {
  it('shows the city title, the day’s figures as in the snapshot, and the server’s clock', () => {
    const h = panelHarness({ at: Date.parse('2026-11-26T10:25:00+08:00') });
    const w = mountPanel(h, HeaderPanel);
    const s = h.snapshot;
    expect(w.find('[data-testid="city-title"]').text()).toBe('泰安市12345热线指挥中心');
    expect(fig(w, 'today-created')).toEqual({ value: '401', text: '401' });
    expect(fig(w, 'today-dispatched').value).toBe(String(s.today.dispatched));
    expect(fig(w, 'today-closed').value).toBe(String(s.today.closed));
    expect(fig(w, 'today-direct').value).toBe(String(s.today.direct));
    expect(Number(fig(w, 'direct-rate').value)).toBeCloseTo(148 / 401, 10);
    expect(fig(w, 'direct-rate').text).toBe('36.9');
    expect(fig(w, 'open')).toEqual({ value: '2846', text: '2,846' });
    expect(fig(w, 'overdue').value).toBe('14');
    expect(Number(fig(w, 'calls-answer-rate').value)).toBe(s.calls.answerRate);
    expect(fig(w, 'calls-offered').value).toBe('1486');
    expect(fig(w, 'agents-online').value).toBe('86');
    expect(fig(w, 'agents-busy').value).toBe('71');
    // The kiosk clock says 10:25, the server built the message at 10:30:00.120.
    expect(w.find('[data-testid="clock"]').text()).toBe('10:30:00');
    expect(w.find('[data-testid="today-date"]').text()).toBe('2026年11月26日 星期四');
    const { created, left } = unmountClean(h, w);
    expect(created.timeouts + created.intervals + created.frames + created.listeners).toBe(0);
    expect(left).toEqual(NO_LEAKS);
  });

  it('caps the direct rate at 100% and shows a dash when nothing was created', () => {
    const h = panelHarness();
    const s = h.snapshot;
    h.tracker.restore();
    h.store.$dispose();
    expect(headerKpis({ ...s, today: { ...s.today, created: 10, direct: 12 } }).find((k) => k.key === 'direct-rate')?.value).toBe(1);
    const none = headerKpis({ ...s, today: { ...s.today, created: 0, direct: 0 } }).find((k) => k.key === 'direct-rate');
    expect(none).toMatchObject({ value: null, text: '—' });
    expect(headerKpis(null).every((k) => k.value === null)).toBe(true);
  });
});
