import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot } from '@shared/contract/snapshot.ts';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import HotTopicsPanel from './HotTopicsPanel.vue';
import { clusterRows, hotTopicRows, sameTimeShare, trendOf } from './view.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-26T10:30:00+08:00'));
});
afterEach(() => vi.useRealTimers());

describe('Hot topics panel', () => {
  it('shows every hot word with its count and trend, and every cluster, then leaves nothing behind', async () => {
    const h = panelHarness();
    const w = mountPanel(h, HotTopicsPanel);
    expect(w.find('[data-testid="hot-topics"]').exists()).toBe(true);
    expect(h.snapshot.hotTopics).toHaveLength(10);
    for (const t of h.snapshot.hotTopics) {
      const el = w.find(`[data-testid="hot-topic-${t.word}"]`);
      expect(el.exists(), t.word).toBe(true);
      expect(el.attributes('data-value')).toBe(String(t.count));
      expect(el.attributes('data-yesterday')).toBe(String(t.yesterday));
      expect(el.text()).toContain(t.word);
    }
    // The fixture at 10:30: 29.2% of yesterday's 1,413 tickets had come in by 10:59. 拖欠: 17 today
    // against 38 × 0.292 ≈ 11 → up; 路面: 14 against 80 × 0.292 ≈ 23 → down; 暖气: 52 against
    // 168 × 0.292 ≈ 49 → flat; 网约车: none yesterday → new.
    const trend = (word: string) => w.find(`[data-testid="hot-topic-${word}"]`).attributes('data-trend');
    expect([trend('拖欠'), trend('路面'), trend('暖气'), trend('网约车')]).toEqual(['up', 'down', 'flat', 'new']);
    expect(w.find('[data-testid="hot-topic-拖欠"]').text()).toContain('↑');
    expect(w.find('[data-testid="hot-topic-网约车"]').text()).toContain('新');

    const rows = w.findAll('[data-testid="cluster-row"]');
    expect(w.find('[data-testid="clusters"]').attributes('data-value')).toBe(String(h.snapshot.clusters.length));
    expect(rows.map((r) => [r.attributes('data-word'), r.attributes('data-district'), r.attributes('data-value')])).toEqual(
      h.snapshot.clusters.map((c) => [c.word, c.district, String(c.count)]),
    );
    expect(rows[0]!.attributes('aria-label')).toBe('泰山区 · 暖气 · 近3日 64 件');
    expect(rows[0]!.text()).toBe('泰山区·暖气近3日64 件');
    expect(w.text()).toContain('近3日 同区县同类 ≥5 件');
    await vi.advanceTimersByTimeAsync(500);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('says so when there is nothing yet, and mounts without a snapshot', () => {
    const empty = panelHarness();
    const s: Snapshot = { ...empty.snapshot, hotTopics: [], clusters: [] };
    empty.tracker.restore();
    empty.store.$dispose();
    const h = panelHarness({ snapshot: s });
    const w = mountPanel(h, HotTopicsPanel);
    expect(w.text()).toContain('今日暂无');
    expect(w.text()).toContain('暂无成类诉求');
    expect(w.findAll('[data-testid="cluster-row"]')).toHaveLength(0);
    expect(unmountClean(h, w).left).toEqual(NO_LEAKS);
    const n = panelHarness({ snapshot: null });
    const w2 = mountPanel(n, HotTopicsPanel);
    expect(w2.find('[data-testid="clusters"]').attributes('data-value')).toBe('0');
    expect(unmountClean(n, w2).left).toEqual(NO_LEAKS);
  });
});

describe('hot topics view', () => {
  it('scales yesterday to the same hour by its hourly curve', () => {
    const h = panelHarness();
    h.tracker.restore();
    h.store.$dispose();
    const s = structuredClone(h.snapshot);
    s.hourly.yesterday.created = Array.from({ length: 24 }, (_, i) => (i < 12 ? 1 : 3)); // 12 + 36 = 48
    expect(sameTimeShare(s, 11)).toBe(12 / 48);
    expect(sameTimeShare(s, 23)).toBe(1);
    expect(sameTimeShare(s, null)).toBe(1);
    s.hotTopics = [
      {
        word: '停水',
        count: 9,
        yesterday: 20,
        districts: [
          { code: '370902', count: 6 },
          { code: '370911', count: 3 },
        ],
      },
    ];
    // 20 × 12/48 = 5; 9 − 5 = 4 ≥ 3 and ≥ 20% of 5: up.
    expect(hotTopicRows(s, 11, (c) => (c === '370902' ? '泰山区' : '岱岳区'))).toEqual([
      { word: '停水', count: 9, yesterday: 20, sameTime: 5, trend: 'up', districts: '泰山区 6 · 岱岳区 3' },
    ]);
  });

  it('calls small moves flat and a word yesterday did not have new', () => {
    expect(trendOf(12, 40, 10)).toBe('flat'); // 2 apart: below 3
    expect(trendOf(130, 400, 110)).toBe('flat'); // 20 apart: below 20% of 110
    expect(trendOf(140, 400, 110)).toBe('up');
    expect(trendOf(80, 400, 110)).toBe('down');
    expect(trendOf(3, 0, 0)).toBe('new');
    expect(trendOf(0, 0, 0)).toBe('flat');
  });

  it('keys clusters by word and district', () => {
    expect(clusterRows(null)).toEqual([]);
  });
});
