import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import HourlyPanel from './HourlyPanel.vue';
import { fix24, hourlyOption, upToHour } from './view.ts';

describe('Hourly panel', () => {
  it('mounts with the chart and the day’s totals, and leaves nothing behind', () => {
    const h = panelHarness();
    const w = mountPanel(h, HourlyPanel);
    expect(w.findComponent({ name: 'EChart' }).exists()).toBe(true);
    expect(fig(w, 'hourly-today-created').value).toBe(String(h.snapshot.today.created));
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('puts the totals under the title and thins the bars when compact', () => {
    const h = panelHarness();
    const w = mountPanel(h, HourlyPanel, { props: { compact: true } });
    expect(fig(w, 'hourly-today-created').value).toBe(String(h.snapshot.today.created));
    expect(w.find('.totals.line').exists()).toBe(true);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
    const o = hourlyOption(h.snapshot, 10, true) as { series: { barWidth?: number }[]; grid: { top: number } };
    expect(o.series[0]!.barWidth).toBe(3);
    expect(o.grid.top).toBeGreaterThan((hourlyOption(h.snapshot, 10) as { grid: { top: number } }).grid.top);
  });

  it('keeps every series at 24 points, today empty after the current hour', () => {
    expect(fix24([1, 2])).toHaveLength(24);
    expect(fix24(Array.from({ length: 30 }, () => 1))).toHaveLength(24);
    expect(upToHour([5, 6, 7], 1).slice(0, 4)).toEqual([5, 6, null, null]);
    const h = panelHarness();
    h.tracker.restore();
    h.store.$dispose();
    const o = hourlyOption(h.snapshot, 10) as { series: { id: string; data: (number | null)[] }[] };
    expect(o.series.map((s) => s.id)).toEqual(['today-created', 'today-closed', 'yesterday-created', 'yesterday-closed']);
    for (const s of o.series) expect(s.data).toHaveLength(24);
    expect(o.series[0]!.data[11]).toBeNull();
    expect(o.series[2]!.data[23]).toBe(h.snapshot.hourly.yesterday.created[23]);
  });
});
