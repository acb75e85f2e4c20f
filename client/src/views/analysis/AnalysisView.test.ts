// The 研判 page over an answer the real core made from a hand-made history: each list shows, and a
// spike drills to its tickets on the leader page.
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { analyse, createState } from '@shared/domain/index.ts';
import { ms, rulesFor } from '@shared/domain/test/build.ts';
import { many } from '@shared/domain/test/facts.ts';
import AnalysisView from './AnalysisView.vue';

function answer() {
  const rules = rulesFor();
  const state = createState();
  const gas = { category: ['城乡建设', '燃气管理'], words: ['燃气', '异味'], district: '370911', street: '粥店街道' };
  for (const d of ['2026-09-30', '2026-09-29', '2026-09-28', '2026-09-24'])
    for (const f of many('h', 3, d, '08:00')) state.facts.set(f.id, f);
  for (const f of many('G', 6, '2026-10-08', '09:00', gas)) state.facts.set(f.id, f);
  return analyse(state, rules, ms('2026-10-08 10:00'));
}

afterEach(() => vi.unstubAllGlobals());

describe('the 研判 page', () => {
  it('lists the spikes and clusters and drills from a spike to its tickets', async () => {
    const a = answer();
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: string) => {
        calls.push(input);
        return new Response(JSON.stringify(a), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/analysis', component: AnalysisView },
        { path: '/leader', component: { render: () => null } },
      ],
    });
    await router.push('/analysis?date=2026-10-08');
    await router.isReady();
    const w = mount(AnalysisView, { global: { plugins: [router] } });
    await flushPromises();
    expect(calls[0]).toMatch(/\/analysis\?date=2026-10-08$/);
    const rows = w.findAll('[data-testid="spike-row"]');
    expect(rows.length).toBe(a.spikes.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(w.find('[data-testid="cluster-row"]').text()).toContain('粥店街道');
    await rows[0].find('button').trigger('click');
    const links = w.findAll('.ids a');
    expect(links.map((l) => l.text())).toEqual(a.spikes[0].ticketIds);
    // The page's own date stays behind; the token and the rest of the query would be kept.
    expect(links[0].attributes('href')).toBe(`/leader?ticket=${a.spikes[0].ticketIds[0]}`);
    w.unmount();
  });
});
