// The ranking board's table: 协办按时率 beside the four rates, 退单数 and 退单率 beside the score, the
// column titles of the CSV and the XLSX (shared/ranking-board.ts).
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { RankingsAnswer } from '@shared/contract/snapshot.ts';
import { boardRows } from '@shared/ranking-board.ts';
import { fixtureSnapshot } from '../../fixtures/index.ts';
import { NO_LEAKS, trackResources } from '../../test/leaks.ts';
import RankTable from './RankTable.vue';

describe('ranking table', () => {
  it('shows 协办按时率, 退单数 and 退单率 with each unit', () => {
    const s = fixtureSnapshot();
    const depts = s.departments.filter((d) => d.kind === 'county');
    const answer: RankingsAnswer = { ...s.period, departments: depts, previous: { ...s.period, departments: [] } };
    const tracker = trackResources();
    const w = mount(RankTable, { props: { rows: boardRows(answer), title: '区县排名', kind: 'county' } });
    const head = w.findAll('th').map((t) => t.text());
    expect(head).toEqual(expect.arrayContaining(['协办按时率', '退单数', '退单率']));
    expect(head.indexOf('协办按时率')).toBe(head.indexOf('满意率') + 1);
    expect(head.indexOf('退单数')).toBe(head.indexOf('综合得分') + 1);
    // 东平县政府 (c-370923): co-handling 77%, 2 returns.
    const row = w.find('[data-testid="rank-row-c-370923"]');
    const d = depts.find((x) => x.id === 'c-370923')!;
    expect(row.find('[data-testid="rank-co"]').text()).toBe('77.0%');
    expect(row.find('[data-testid="rank-returned"]').text()).toBe('2');
    expect(row.find('[data-testid="rank-return-rate"]').attributes('data-value')).toBe(String(d.returnRate));
    expect(row.find('[data-testid="rank-return-rate"]').text()).toBe(d.returnRate === null ? '—' : `${(d.returnRate * 100).toFixed(1)}%`);
    // 新泰市政府 did not co-handle: a dash, not 0.
    expect(w.find('[data-testid="rank-row-c-370982"] [data-testid="rank-co"]').text()).toBe('—');
    w.unmount();
    const left = tracker.active();
    tracker.restore();
    expect(left).toEqual(NO_LEAKS);
  });
});
