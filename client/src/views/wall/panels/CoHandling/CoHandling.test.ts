import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import CoHandlingPanel from './CoHandlingPanel.vue';
import { bouncedRows, routeText } from './view.ts';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-26T10:30:00+08:00'));
});
afterEach(() => vi.useRealTimers());

describe('部门协同 panel', () => {
  it('shows the co-handling parts open and overdue, and each bounced ticket with the route of its returns by name', async () => {
    const h = panelHarness();
    const w = mountPanel(h, CoHandlingPanel);
    // The fixture: 37 parts open, 6 of them past their deadline; 3 tickets returned twice or more.
    expect(fig(w, 'co-open')).toEqual({ value: '37', text: '37' });
    expect(fig(w, 'co-overdue')).toEqual({ value: '6', text: '6' });
    expect(w.find('[data-testid="panel-cohandling"]').text()).toContain('协办超时');
    expect(fig(w, 'bounced-count').value).toBe('3');
    const rows = w.findAll('[data-testid="bounced-row"]');
    expect(rows.map((r) => [r.attributes('data-ticket-id'), r.attributes('data-returns'), r.attributes('data-route')])).toEqual([
      ['TA261100417', '3', 'd-14,d-04,d-14'],
      ['TA261100288', '2', 'd-04,c-370911'],
      ['TA261100731', '2', 'e-01,d-02'],
    ]);
    const route = rows.map((r) => r.find('[data-testid="bounced-route"]').text());
    expect(route).toEqual([
      '市农业农村局 → 市交通运输局 → 市农业农村局',
      '市交通运输局 → 岱岳区政府',
      '国网泰安供电公司 → 市自然资源和规划局',
    ]);
    expect(rows[0]!.text()).toContain('退回 3 次');
    expect(rows[0]!.text()).toContain('小区门口雨水井堵塞返水');
    expect(rows[0]!.text()).toContain('泰山区');
    await vi.advanceTimersByTimeAsync(500);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('follows a new snapshot: none bounced, no part open', async () => {
    const h = panelHarness();
    const w = mountPanel(h, CoHandlingPanel);
    const s = h.snapshot;
    h.store.receiveSnapshot({ ...s, seq: s.seq + 1, coHandling: { open: 0, overdue: 0 }, bounced: [] });
    await w.vm.$nextTick();
    expect(fig(w, 'co-open').value).toBe('0');
    expect(fig(w, 'co-overdue').value).toBe('0');
    expect(fig(w, 'bounced-count').value).toBe('0');
    expect(w.findAll('[data-testid="bounced-row"]')).toHaveLength(0);
    expect(w.text()).toContain('当前无多次退回的工单');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('waits for data without a snapshot', () => {
    const h = panelHarness({ snapshot: null });
    const w = mountPanel(h, CoHandlingPanel);
    expect(fig(w, 'co-open')).toEqual({ value: 'null', text: '—' });
    expect(fig(w, 'bounced-count').value).toBe('null');
    expect(w.text()).toContain('等待数据');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});

describe('bounced rows (pure)', () => {
  it('names each department of the route, its id when the snapshot has no name', () => {
    const names: Record<string, string> = { 'd-01': '市住建局', 'd-02': '市城管局' };
    const name = (id: string) => names[id] ?? id;
    expect(routeText(['d-01', 'd-02', 'd-03'], name)).toBe('市住建局 → 市城管局 → d-03');
    const [r] = bouncedRows(
      [{ ticketId: 'T1', returns: 2, route: ['d-02', 'd-01'], district: '370902', category: ['城乡建设', '市政设施'], title: '路灯不亮' }],
      name,
      (c) => (c === '370902' ? '泰山区' : c),
    );
    expect(r).toMatchObject({
      route: ['市城管局', '市住建局'],
      routeText: '市城管局 → 市住建局',
      districtName: '泰山区',
      category: '城乡建设',
    });
  });
});
