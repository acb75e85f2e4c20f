import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import SupervisionPanel from './SupervisionPanel.vue';

describe('Supervision panel', () => {
  it('shows the five levels with their names and counts', () => {
    const h = panelHarness();
    const w = mountPanel(h, SupervisionPanel);
    for (const l of ['1', '2', '3', '4', '5'] as const) {
      expect(fig(w, `supervision-${l}`).value).toBe(String(h.snapshot.supervision[l]));
    }
    for (const name of ['提醒', '督办函', '通报', '约谈', '移交纪检监察']) expect(w.text()).toContain(name);
    expect(fig(w, 'supervision-total').value).toBe('71');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
