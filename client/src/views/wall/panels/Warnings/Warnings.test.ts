import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { fig, mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import WarningsPanel from './WarningsPanel.vue';

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-26T10:30:00+08:00'));
});
afterEach(() => vi.useRealTimers());

describe('Warnings panel', () => {
  it('shows each red ticket with words for colour, reason and level, and scrolls itself without leaking', async () => {
    const h = panelHarness();
    const w = mountPanel(h, WarningsPanel, { props: { colour: 'red' } });
    const rows = w.findAll('[data-testid="warning-red-row"]');
    expect(rows).toHaveLength(h.snapshot.warnings.red.length);
    expect(fig(w, 'warnings-red-count').value).toBe('14');
    const first = h.snapshot.warnings.red[0]!;
    const r0 = rows[0]!;
    expect(r0.attributes('data-ticket-id')).toBe(first.ticketId);
    expect(r0.text()).toContain('红牌');
    expect(r0.text()).toContain('超期');
    expect(r0.text()).toContain(`督办 L${first.level}`);
    expect(r0.text()).toContain(first.deptName);
    expect(r0.text()).toContain(first.title);
    expect(r0.text()).toContain(h.snapshot.districts.find((d) => d.code === first.district)!.name);
    // Let the auto-scroll loop run a few frames.
    await vi.advanceTimersByTimeAsync(500);
    const { created, left } = unmountClean(h, w);
    expect(created.frames).toBeGreaterThan(0);
    expect(left).toEqual(NO_LEAKS);
  });

  it('ticks the time left between updates on the server-following clock', async () => {
    const h = panelHarness({ at: Date.now() });
    const w = mountPanel(h, WarningsPanel, { props: { colour: 'yellow' } });
    const first = h.snapshot.warnings.yellow[0]!;
    const time = () => w.find('[data-testid="warning-yellow-row"] [data-testid="warning-time"]');
    const before = Number(time().attributes('data-value'));
    expect(before).toBe(Date.parse(first.dueAt) - Date.parse(h.snapshot.builtAt));
    expect(time().text()).toMatch(/^剩余 /);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(Number(time().attributes('data-value'))).toBe(before - 3_000);
    expect(w.find('[data-testid="warning-yellow-row"]').text()).toContain('黄牌');
    expect(fig(w, 'warnings-yellow-count').value).toBe('57');
    expect(w.find('[data-testid="warnings-yellow-more"]').text()).toBe('显示前 50 件，另有 7 件未列出');
    expect(w.find('[data-testid="warnings-yellow-reasons"]').text()).toBe('签收超时/临期/协办超时');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('words a yellow ticket held up by its co-handler 协办超时, like the other reasons', async () => {
    const h = panelHarness({ at: Date.now() });
    const w = mountPanel(h, WarningsPanel, { props: { colour: 'yellow' } });
    const y = h.snapshot.warnings.yellow[0]!;
    h.store.receivePatch({ seq: h.snapshot.seq + 1, ops: [{ op: 'replace', path: '/warnings/yellow/0/reason', value: 'co-overdue' }] });
    await vi.advanceTimersByTimeAsync(0);
    const row = w.find(`[data-testid="warning-yellow-row"][data-ticket-id="${y.ticketId}"]`);
    expect(row.attributes('data-reason')).toBe('co-overdue');
    expect(row.find('.reason').text()).toBe('协办超时');
    expect(row.text()).toContain('黄牌');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('flashes the row of a ticket that just turned red', async () => {
    const h = panelHarness({ at: Date.now() });
    const w = mountPanel(h, WarningsPanel, { props: { colour: 'red' } });
    const y = h.snapshot.warnings.yellow[0]!;
    h.store.receivePatch({
      seq: 2,
      ops: [
        { op: 'add', path: '/warnings/red/-', value: { ...y, reason: 'overdue', level: 2 } },
        { op: 'replace', path: '/warnings/redCount', value: 15 },
      ],
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(w.find(`[data-ticket-id="${y.ticketId}"]`).classes()).toContain('hl');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
