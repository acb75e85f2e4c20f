import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { MeAnswer, TicketAnswer, WarningItem } from '@shared/contract/snapshot.ts';
import { NO_LEAKS } from '../../test/leaks.ts';
import { panelHarness, unmountClean, type PanelHarness } from '../../test/panel.ts';
import LeaderView from './LeaderView.vue';

type Handler = (url: URL, init: RequestInit) => unknown;

/** A fake /api/v1: each path answers JSON from a handler; records the requests. */
function fakeApi(routes: Record<string, Handler>) {
  const calls: { method: string; path: string; query: Record<string, string>; body: unknown }[] = [];
  const fetch = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://x/');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = init.method ?? 'GET';
    calls.push({ method, path, query: Object.fromEntries(url.searchParams), body: init.body ? JSON.parse(String(init.body)) : null });
    const key = Object.keys(routes).find((k) => {
      const [m, p] = k.split(' ');
      return m === method && new RegExp(`^${p}$`).test(path);
    });
    if (!key) return new Response(JSON.stringify({ error: `no route ${method} ${path}` }), { status: 404 });
    const body = routes[key]!(url, init);
    if (body instanceof Response) return body;
    return new Response(JSON.stringify(body), { status: method === 'POST' ? 202 : 200, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

async function mountAt(h: PanelHarness, path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/leader', component: LeaderView },
      { path: '/rankings', component: { render: () => null } },
    ],
  });
  await router.push(path);
  await router.isReady();
  const w = mount(LeaderView, { global: { plugins: [h.pinia, router], stubs: { EChart: true } } });
  await flushPromises();
  return { w, router };
}

const me = (role: MeAnswer['role']): MeAnswer => ({ role, label: null });

function ticketAnswer(id: string, level: number, supervised: number): TicketAnswer {
  return {
    ticket: {
      id,
      state: 'signed',
      channel: 'phone',
      kind: 'complaint',
      urgency: 'normal',
      category: ['城乡建设', '市政设施'],
      district: '370902',
      districtName: '泰山区',
      street: null,
      title: '路灯不亮 138****5678',
      content: '市民反映路灯不亮',
      citizen: { name: '张*', phone: '138****5678' },
      personalDataDeleted: null,
      createdAt: '2026-11-20T09:00:00.000+08:00',
      dept: { id: 'd-01', name: '市住建局', kind: 'department' },
      assignedAt: '2026-11-20T10:00:00.000+08:00',
      dueAt: '2026-11-23T10:00:00.000+08:00',
      signDueAt: '2026-11-21T10:00:00.000+08:00',
      colour: 'red',
      reason: 'overdue',
      why: '已超过办理时限，超期 3 个工作日',
      overdueWorkingDays: 3,
      autoLevel: 3,
      manualLevel: level,
      level: Math.max(3, level),
      coHandlers: [],
      route: [],
    },
    timeline: [
      { type: 'ticket.created', at: '2026-11-20T09:00:00.000+08:00', detail: {} },
      ...Array.from({ length: supervised }, (_, i) => ({
        type: 'ticket.supervised',
        at: '2026-11-26T09:00:00.000+08:00',
        detail: { level: i + 1, by: 'leader' },
      })),
    ],
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('leader view', () => {
  it('drills from the city to a district and a department, with the lists filtered to that scope', async () => {
    const h = panelHarness();
    const items = (color: 'red' | 'yellow', q: URLSearchParams): WarningItem[] =>
      h.snapshot.warnings[color].filter(
        (w) => (!q.get('district') || w.district === q.get('district')) && (!q.get('deptId') || w.deptId === q.get('deptId')),
      );
    const calls = fakeApi({
      'GET /me': () => me('leader'),
      'GET /warnings': (u) => {
        const list = items(u.searchParams.get('color') as 'red' | 'yellow', u.searchParams);
        return { total: list.length, items: list };
      },
    });
    const { w, router } = await mountAt(h, '/leader?token=l1');
    expect(w.find('[data-testid="leader-view"]').attributes('data-level')).toBe('city');
    for (const d of h.snapshot.districts) expect(w.find(`[data-testid="drill-district-${d.code}"]`).exists()).toBe(true);

    // 解决一类事 on the city level: every cluster, and a click opens its district.
    const clusters = w.findAll('[data-testid="city-cluster"]');
    expect(clusters.map((c) => [c.attributes('data-word'), c.attributes('data-district'), c.attributes('data-value')])).toEqual(
      h.snapshot.clusters.map((c) => [c.word, c.district, String(c.count)]),
    );
    await clusters[2]!.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ token: 'l1', district: h.snapshot.clusters[2]!.district });
    await w.find('[data-testid="crumb-city"]').trigger('click');
    await flushPromises();
    calls.length = 0;

    const code = h.snapshot.warnings.red[0]!.district;
    await w.find(`[data-testid="drill-district-${code}"]`).trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ token: 'l1', district: code });
    expect(
      calls
        .filter((c) => c.path === '/warnings')
        .map((c) => [c.query.color, c.query.district])
        .sort(),
    ).toEqual([
      ['red', code],
      ['yellow', code],
    ]);
    const reds = items('red', new URLSearchParams({ district: code }));
    expect(w.find('[data-testid="list-red-total"]').attributes('data-value')).toBe(String(reds.length));
    for (const r of reds.slice(0, 5)) expect(w.find(`[data-testid="ticket-row-${r.ticketId}"]`).exists()).toBe(true);
    expect(w.find('[data-testid="focus-set"]').exists()).toBe(true);

    const dept = reds[0]!.deptId;
    await w.find(`[data-testid="drill-dept-${dept}"]`).trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ district: code, dept });
    const last = calls.filter((c) => c.path === '/warnings').at(-1)!;
    expect(last.query).toMatchObject({ district: code, deptId: dept });
    expect(w.find('[data-testid="scope-dept"]').exists()).toBe(true);
    expect(w.find('[data-testid="crumb-district"]').text()).toBe(h.store.districtName(code));

    await w.find('[data-testid="crumb-city"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ token: 'l1' });

    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('supervises a ticket and shows the level once the event is in a refreshed detail', async () => {
    const h = panelHarness();
    let applied = false;
    const calls = fakeApi({
      'GET /me': () => me('leader'),
      'GET /tickets/T1': () => (applied ? ticketAnswer('T1', 4, 2) : ticketAnswer('T1', 1, 1)),
      'POST /tickets/T1/supervise': () => ({ eventId: 'sup-42' }),
    });
    const { w } = await mountAt(h, '/leader?ticket=T1');
    expect(w.find('[data-testid="ticket-detail"]').attributes('data-colour')).toBe('red');
    expect(w.find('[data-testid="ticket-why"]').text()).toContain('超期 3 个工作日');
    expect(w.find('[data-testid="ticket-level"]').attributes('data-value')).toBe('3');
    expect(w.find('[data-testid="ticket-level-auto"]').attributes('data-value')).toBe('3');
    expect(w.findAll('[data-testid="timeline-item"]').length).toBe(2);

    await w.find('[data-testid="supervise-level"]').setValue('4');
    await w.find('[data-testid="supervise-note"]').setValue('  请今日办结  ');
    await w.find('form').trigger('submit');
    await flushPromises();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ level: 4, note: '请今日办结' });
    const result = () => w.find('[data-testid="supervise-result"]');
    expect(result().attributes('data-event-id')).toBe('sup-42');
    expect(result().attributes('data-state')).toBe('waiting');

    // The centre applies it; the next live message makes the page re-read the ticket.
    applied = true;
    h.store.receiveSnapshot({ ...h.snapshot, seq: h.snapshot.seq + 1 });
    await flushPromises();
    expect(result().attributes('data-state')).toBe('applied');
    expect(w.find('[data-testid="ticket-level"]').attributes('data-value')).toBe('4');
    expect(w.find('[data-testid="ticket-level-manual"]').attributes('data-value')).toBe('4');

    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('offers no action to a wall token', async () => {
    const h = panelHarness();
    fakeApi({
      'GET /me': () => me('wall'),
      'GET /tickets/T1': () => new Response(JSON.stringify({ error: 'forbidden' }), { status: 403 }),
      'GET /warnings': () => ({ total: 0, items: [] }),
    });
    const { w, router } = await mountAt(h, '/leader?district=370902');
    expect(w.find('[data-testid="read-only"]').exists()).toBe(true);
    expect(w.find('[data-testid="focus-set"]').exists()).toBe(false);
    await router.push('/leader?ticket=T1');
    await flushPromises();
    expect(w.find('[data-testid="ticket-error"]').text()).toContain('无权');
    expect(w.find('[data-testid="supervise-submit"]').exists()).toBe(false);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it('says when a ticket’s personal data was deleted, instead of its content', async () => {
    const h = panelHarness();
    const note = '工单办结已超过 180 天，来电人姓名、电话和诉求内容已于 2027-06-01 按规定删除。';
    const old = ticketAnswer('T1', 0, 0);
    old.ticket = {
      ...old.ticket,
      state: 'closed',
      content: '',
      citizen: null,
      personalDataDeleted: { at: '2027-06-01T03:00:00+08:00', note },
    };
    fakeApi({ 'GET /me': () => me('leader'), 'GET /tickets/T1': () => old });
    const { w } = await mountAt(h, '/leader?ticket=T1');
    const deleted = w.find('[data-testid="ticket-personal-data-deleted"]');
    expect(deleted.text()).toBe(note);
    expect(deleted.attributes('data-at')).toBe('2027-06-01T03:00:00+08:00');
    expect(w.find('[data-testid="ticket-content"]').exists()).toBe(false);
    expect(w.find('[data-testid="ticket-citizen"]').exists()).toBe(false);
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
