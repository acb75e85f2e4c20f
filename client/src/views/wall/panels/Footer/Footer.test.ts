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
    h.store.receivePatch({ seq: 2, ops: [{ op: 'add', path: '/notices/-', value: '工作日日历仅覆盖至 2026-12-31' }] });
    await w.vm.$nextTick();
    expect(w.find('[data-testid="notices"]').text()).toContain('工作日日历仅覆盖至 2026-12-31');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
