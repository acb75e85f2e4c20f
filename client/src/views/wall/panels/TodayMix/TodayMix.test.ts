import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import TodayMixPanel from './TodayMixPanel.vue';

describe('Today mix panel', () => {
  it('shows the top categories in order, every channel and every kind', () => {
    const h = panelHarness();
    const w = mountPanel(h, TodayMixPanel);
    h.snapshot.topCategories.forEach((c, i) => {
      const el = w.find(`[data-testid="category-${i + 1}"]`);
      expect(el.attributes('data-name')).toBe(c.name);
      expect(el.attributes('data-value')).toBe(String(c.count));
    });
    for (const [k, v] of Object.entries(h.snapshot.byChannel)) expect(fig(w, `channel-${k}`).value).toBe(String(v));
    for (const [k, v] of Object.entries(h.snapshot.byKind)) expect(fig(w, `kind-${k}`).value).toBe(String(v));
    expect(w.text()).toContain('微信');
    expect(w.text()).toContain('举报');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('folds channels and kinds into lines of figures when compact, every figure still there', () => {
    const h = panelHarness();
    const w = mountPanel(h, TodayMixPanel, { props: { compact: true } });
    expect(w.findAll('[data-testid^="category-"]')).toHaveLength(h.snapshot.topCategories.length);
    for (const [k, v] of Object.entries(h.snapshot.byChannel)) expect(fig(w, `channel-${k}`).value).toBe(String(v));
    for (const [k, v] of Object.entries(h.snapshot.byKind)) expect(fig(w, `kind-${k}`).value).toBe(String(v));
    expect(w.find('.lines').text()).toContain('客户端');
    expect(w.find('.lines').text()).toContain('表扬');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
