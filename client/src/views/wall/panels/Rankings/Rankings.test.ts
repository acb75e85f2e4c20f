import { describe, expect, it } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import RankingsPanel from './RankingsPanel.vue';
import { definitions } from './view.ts';

describe('Rankings panel', () => {
  it('shows every department once, grouped by kind, with rank, score, rates and a worded card', () => {
    const h = panelHarness();
    const w = mountPanel(h, RankingsPanel);
    for (const d of h.snapshot.departments) {
      const row = w.findAll(`[data-testid="dept-row-${d.id}"]`);
      expect(row).toHaveLength(1);
      expect(row[0]!.attributes('data-rank')).toBe(String(d.rank));
      expect(row[0]!.attributes('data-card')).toBe(d.card);
      expect(fig(w, `dept-${d.id}-score`).value).toBe(String(d.score));
      expect(fig(w, `dept-${d.id}-response`).value).toBe(String(d.responseRate));
      expect(fig(w, `dept-${d.id}-satisfaction`).value).toBe(String(d.satisfactionRate));
      expect(row[0]!.text()).toContain({ red: '红牌', yellow: '黄牌', green: '绿牌' }[d.card]);
    }
    const county = w.find('[data-testid="rankings-kind-county"]');
    expect(county.text()).toContain('区县');
    expect(county.findAll('[data-testid^="dept-row-"]')).toHaveLength(6);
    // Null rates read as a dash, with "null" as the raw value.
    expect(fig(w, 'dept-e-06-resolution')).toEqual({ value: 'null', text: '—' });
    expect(fig(w, 'dept-d-12-score').text).toBe('97.29');
    expect(fig(w, 'dept-d-12-response').text).toMatch(/%$/);
    // 协办按时率 has its column: units co-handled in the period (岱岳区政府 70%; 新泰市政府 none).
    expect(w.find('[data-testid="rankings-columns"]').attributes('data-co')).toBe('true');
    expect(w.find('[data-testid="rankings-columns"]').text()).toContain('协办');
    expect(fig(w, 'dept-c-370911-co')).toEqual({ value: '0.7', text: '70.0%' });
    expect(fig(w, 'dept-c-370982-co')).toEqual({ value: 'null', text: '—' });
    const defs = w.find('[data-testid="rules-definition"]').text();
    expect(defs).toContain('口径说明');
    expect(defs).toContain('综合得分低于 80 或当前红牌工单 ≥ 3 件为红牌');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('gives 协办按时率 no column while no unit co-handled in the period', async () => {
    const h = panelHarness();
    const w = mountPanel(h, RankingsPanel);
    const s = h.snapshot;
    h.store.receiveSnapshot({ ...s, seq: s.seq + 1, departments: s.departments.map((d) => ({ ...d, coOnTimeRate: null })) });
    await w.vm.$nextTick();
    expect(w.find('[data-testid="rankings-columns"]').attributes('data-co')).toBe('false');
    expect(w.find('[data-testid="rankings-columns"]').text()).not.toContain('协办');
    expect(w.find('[data-testid="dept-c-370911-co"]').exists()).toBe(false);
    expect(fig(w, 'dept-c-370911-satisfaction').value).toBe(String(s.departments.find((d) => d.id === 'c-370911')!.satisfactionRate));
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('writes the definitions from the rules the server sends', () => {
    const defs = definitions({
      weights: { response: 1, onTime: 1, resolution: 1, satisfaction: 1, coOnTime: 1 },
      scoreRed: 70,
      scoreYellow: 85,
      redTicketsRed: 5,
      redTicketsYellow: 2,
      clusterMin: 5,
      clusterDays: 3,
      clock: 'wall',
      timeZone: 'Asia/Shanghai',
      heartbeatMs: 5000,
      urgentDueSoonShare: 0.25,
      urgentSignMinutes: 30,
      level3Days: 3,
      level4Days: 5,
      level5Days: 10,
    }).join('\n');
    expect(defs).toContain('权重：响应率 1、按时办结率 1、解决率 1、满意率 1、协办按时率 1（合计 5）');
    expect(defs).toContain('综合得分低于 70 或当前红牌工单 ≥ 5 件为红牌');
    expect(defs).toContain('低于 85 或当前红牌工单 ≥ 2 件为黄牌');
    expect(definitions(null)).toEqual([]);
  });

  it('shows the rules of a new snapshot once it arrives', async () => {
    const h = panelHarness();
    const w = mountPanel(h, RankingsPanel);
    const s = h.snapshot;
    h.store.receiveSnapshot({
      ...s,
      seq: s.seq + 1,
      rules: { ...s.rules, weights: { response: 0.25, onTime: 0.15, resolution: 0.35, satisfaction: 0.25, coOnTime: 0.5 }, scoreRed: 75 },
    });
    await w.vm.$nextTick();
    const defs = w.find('[data-testid="rules-definition"]').text();
    expect(defs).toContain('响应率 0.25、按时办结率 0.15、解决率 0.35、满意率 0.25');
    expect(defs).toContain('综合得分低于 75 或');
    expect(w.find('[data-testid="rankings-kind-enterprise"]').text()).toContain('公共企事业单位');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
