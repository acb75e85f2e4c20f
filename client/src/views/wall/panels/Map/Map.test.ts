import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import MapPanel from './MapPanel.vue';
import { mapOption } from './view.ts';

describe('Map panel', () => {
  it('lists every district with its figures and draws the map once registered', async () => {
    const h = panelHarness();
    const w = mountPanel(h, MapPanel);
    await flushPromises();
    for (const d of h.snapshot.districts) {
      expect(fig(w, `district-${d.code}-created`).value).toBe(String(d.created));
      expect(fig(w, `district-${d.code}-open`).value).toBe(String(d.open));
      expect(fig(w, `district-${d.code}-overdue`).value).toBe(String(d.overdue));
    }
    expect(w.find('[data-testid="panel-map"]').exists()).toBe(true);
    await vi.waitFor(() => expect(w.findComponent({ name: 'EChart' }).exists()).toBe(true));
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('builds a bounded map option: one item per district by adcode, coloured by the metric', () => {
    const h = panelHarness();
    h.tracker.restore();
    h.store.$dispose();
    const o = mapOption('adcode-370900', h.snapshot.districts, 'overdue', '370921') as {
      series: { data: { name: string; value: number; itemStyle?: unknown; label: { formatter: string } }[]; nameProperty: string }[];
      visualMap: { max: number };
    };
    const series = o.series[0]!;
    expect(series.nameProperty).toBe('adcode');
    expect(series.data.map((d) => [d.name, d.value])).toEqual(h.snapshot.districts.map((d) => [d.code, d.overdue]));
    expect(o.visualMap.max).toBe(5);
    expect(series.data.find((d) => d.name === '370921')?.itemStyle).toBeTruthy();
    expect(series.data[0]!.label.formatter).toBe('{n|泰山区}\n{o|超期 2}  {p|在办 768}');
  });
});
