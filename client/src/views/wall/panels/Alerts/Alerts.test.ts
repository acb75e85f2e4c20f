import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NO_LEAKS } from '../../../../test/leaks.ts';
import { mountPanel, panelHarness, unmountClean } from '../../../../test/panel.ts';
import AlertToast from './AlertToast.vue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Alert toast', () => {
  it('shows a ticket reaching level 4 for a while, then goes', async () => {
    const h = panelHarness({ at: Date.now() });
    const w = mountPanel(h, AlertToast);
    expect(w.find('[data-testid="alert-toast"]').exists()).toBe(false);
    const i = h.snapshot.warnings.red.findIndex((x) => x.level === 3);
    h.store.receivePatch({ seq: 2, ops: [{ op: 'replace', path: `/warnings/red/${i}/level`, value: 4 }] });
    await w.vm.$nextTick();
    const t = w.find('[data-testid="alert-toast"]');
    expect(t.text()).toContain('督办升级');
    expect(t.text()).toContain('约谈');
    await vi.advanceTimersByTimeAsync(11_000);
    expect(w.find('[data-testid="alert-toast"]').exists()).toBe(false);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
