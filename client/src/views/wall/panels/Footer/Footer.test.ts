import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import FooterBar from './FooterBar.vue';

describe('Footer bar', () => {
  it('shows the ingest counters and operator notices', async () => {
    const h = panelHarness();
    const w = mountPanel(h, FooterBar);
    expect(fig(w, 'ingest-applied').value).toBe('48213');
    expect(fig(w, 'ingest-duplicates').value).toBe('37');
    expect(fig(w, 'ingest-rejected').value).toBe('5');
    expect(w.find('[data-testid="notices"]').exists()).toBe(false);
    expect(w.find('[data-testid="rules-hint"]').text()).toBe(
      '工单三色：红牌 = 已超过办理时限；黄牌 = 签收超时、临近时限（剩一个工作日，紧急件剩 25%）或协办超时；直办率 = 今日直答直办 ÷ 今日受理；时间按服务器时钟计',
    );
    h.store.receivePatch({ seq: 2, ops: [{ op: 'add', path: '/notices/-', value: '工作日日历仅覆盖至 2026-12-31' }] });
    await w.vm.$nextTick();
    expect(w.find('[data-testid="notices"]').text()).toContain('工作日日历仅覆盖至 2026-12-31');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('words the urgent share the server applies, not a fixed 25%', async () => {
    const h = panelHarness();
    const w = mountPanel(h, FooterBar);
    const s = h.snapshot;
    h.store.receiveSnapshot({ ...s, seq: s.seq + 1, rules: { ...s.rules, urgentDueSoonShare: 0.3 } });
    await w.vm.$nextTick();
    const hint = w.find('[data-testid="rules-hint"]').text();
    expect(hint).toContain('紧急件剩 30%');
    expect(hint).not.toContain('25%');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
