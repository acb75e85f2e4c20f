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
    const rule = (l: number) => w.find(`[data-testid="supervision-${l}-rule"]`).text();
    expect([1, 2, 3, 4, 5].map(rule)).toEqual(['黄牌工单', '红牌工单', '超期≥3工作日', '超期≥5工作日', '超期≥10工作日']);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('shows the overdue working days the server applies', async () => {
    const h = panelHarness();
    const w = mountPanel(h, SupervisionPanel);
    const s = h.snapshot;
    h.store.receiveSnapshot({ ...s, seq: s.seq + 1, rules: { ...s.rules, level3Days: 2, level4Days: 6, level5Days: 12 } });
    await w.vm.$nextTick();
    expect(w.find('[data-testid="supervision-4-rule"]').text()).toBe('超期≥6工作日');
    expect(w.find('[data-testid="supervision-5-rule"]').text()).toBe('超期≥12工作日');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
