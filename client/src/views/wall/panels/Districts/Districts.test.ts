import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import DistrictsBoard from './DistrictsBoard.vue';

describe('Districts board', () => {
  it('has a card per district with the snapshot’s figures', () => {
    const h = panelHarness();
    const w = mountPanel(h, DistrictsBoard);
    for (const d of h.snapshot.districts) {
      expect(w.find(`[data-testid="district-${d.code}"]`).text()).toContain(d.name);
      expect(fig(w, `district-${d.code}-overdue`).value).toBe(String(d.overdue));
      expect(fig(w, `district-${d.code}-open`).value).toBe(String(d.open));
    }
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
