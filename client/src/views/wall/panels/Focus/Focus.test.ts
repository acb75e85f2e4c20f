import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import FocusOverlay from './FocusOverlay.vue';

const until = '2099-01-01T00:00:00Z';

describe('Focus overlay', () => {
  it('shows a focused district’s figures and warnings, and goes away on null', async () => {
    const h = panelHarness();
    const w = mountPanel(h, FocusOverlay);
    expect(w.find('[data-testid="focus-panel"]').exists()).toBe(false);
    h.store.setFocus({ scope: 'district', id: '370921', wall: null, by: '市领导', until });
    await w.vm.$nextTick();
    const p = w.find('[data-testid="focus-panel"]');
    expect(p.text()).toContain('宁阳县');
    expect(fig(w, 'focus-overdue').value).toBe('5');
    h.store.setFocus(null);
    await w.vm.$nextTick();
    expect(w.find('[data-testid="focus-panel"]').exists()).toBe(false);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('shows a focused department’s rank, score and card', async () => {
    const h = panelHarness();
    const w = mountPanel(h, FocusOverlay);
    h.store.setFocus({ scope: 'dept', id: 'd-05', wall: null, by: 'leader', until });
    await w.vm.$nextTick();
    const d = h.snapshot.departments.find((x) => x.id === 'd-05')!;
    expect(w.find('[data-testid="focus-panel"]').text()).toContain(d.name);
    expect(fig(w, 'focus-rank').value).toBe(String(d.rank));
    expect(w.find('[data-testid="focus-panel"]').text()).toContain('红牌');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
