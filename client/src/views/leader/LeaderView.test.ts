import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { BouncedItem, CoPartItem, MeAnswer, TicketAnswer, WarningItem } from '@shared/contract/snapshot.ts';
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

/** A co-handled ticket: lead 市住建局; 市生态环境局 late and open, 市自然资源和规划局 done on time,
 *  市农业农村局 dropped by a return; returned by 市交通运输局, then 市农业农村局. */
function coHandledAnswer(): TicketAnswer {
  const a = ticketAnswer('T2', 0, 0);
  a.ticket = {
    ...a.ticket,
    id: 'T2',
    colour: 'yellow',
    reason: 'co-overdue',
    why: '协办单位超过协办时限仍未完成其协办部分',
    overdueWorkingDays: 0,
    autoLevel: 1,
    level: 1,
    dueAt: '2099-01-01T10:00:00.000+08:00',
    coHandlers: [
      {
        deptId: 'd-14',
        name: '市农业农村局',
        assignedAt: '2026-11-18T11:00:00.000+08:00',
        dueAt: '2026-11-19T11:00:00.000+08:00',
        state: 'dropped',
        at: '2026-11-18T15:00:00.000+08:00',
        endedBy: 'ticket.returned',
        onTime: null,
      },
      {
        deptId: 'd-03',
        name: '市生态环境局',
        assignedAt: '2026-11-20T11:00:00.000+08:00',
        dueAt: '2026-11-21T11:00:00.000+08:00',
        state: 'open',
        at: null,
        endedBy: null,
        onTime: null,
      },
      {
        deptId: 'd-02',
        name: '市自然资源和规划局',
        assignedAt: '2026-11-20T11:05:00.000+08:00',
        dueAt: '2026-11-22T11:00:00.000+08:00',
        state: 'done',
        at: '2026-11-21T16:00:00.000+08:00',
        endedBy: 'ticket.coreplied',
        onTime: true,
      },
    ],
    route: ['d-04', 'd-14'],
  };
  a.timeline = [
    { type: 'ticket.created', at: '2026-11-18T09:00:00.000+08:00', detail: {} },
    {
      type: 'ticket.coassigned',
      at: '2026-11-20T11:00:00.000+08:00',
      detail: { dept: { id: 'd-03', name: '市生态环境局' }, dueAt: '2026-11-21T11:00:00.000+08:00' },
    },
    { type: 'ticket.coreplied', at: '2026-11-21T16:00:00.000+08:00', detail: { deptId: 'd-02', summary: '已按职责完成协办事项' } },
  ];
  return a;
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

  it('shows a co-handled ticket: its lead and each co-handler with deadline and state, the route of its returns, every unit a supervision concerns', async () => {
    const h = panelHarness();
    fakeApi({ 'GET /me': () => me('leader'), 'GET /tickets/T2': () => coHandledAnswer() });
    const { w } = await mountAt(h, '/leader?ticket=T2');
    expect(w.find('[data-testid="ticket-why"]').text()).toContain('黄牌原因：协办超时');
    const co = w.find('[data-testid="ticket-cohandling"]');
    expect(co.find('[data-testid="co-lead"]').attributes('data-dept-id')).toBe('d-01');
    expect(co.find('[data-testid="co-lead"]').text()).toContain('主办单位');
    expect(co.find('[data-testid="co-lead"]').text()).toContain('市住建局');
    const rows = co.findAll('[data-testid="cohandler-row"]');
    expect(
      rows.map((r) => [r.attributes('data-dept-id'), r.attributes('data-state'), r.find('[data-testid="cohandler-state"]').text()]),
    ).toEqual([
      ['d-14', 'dropped', '已撤销（工单退回）'],
      ['d-03', 'open', '协办超时'],
      ['d-02', 'done', '协办答复（按时）'],
    ]);
    expect(rows[1]!.text()).toContain('11-21 11:00');
    expect(rows[2]!.attributes('data-at')).toBe('2026-11-21T16:00:00.000+08:00');
    const route = w.find('[data-testid="ticket-route"]');
    expect(route.attributes('data-route')).toBe('d-04,d-14');
    expect(route.text()).toContain('市交通运输局 → 市农业农村局');
    expect(route.text()).toContain('退回 2 次');
    // The timeline words the co events.
    const items = w.findAll('[data-testid="timeline-item"]');
    const co1 = items.find((i) => i.attributes('data-type') === 'ticket.coassigned')!;
    expect(co1.text()).toContain('协办派单');
    expect(co1.text()).toContain('协办单位：市生态环境局');
    expect(co1.text()).toContain('协办时限');
    const co2 = items.find((i) => i.attributes('data-type') === 'ticket.coreplied')!;
    expect(co2.text()).toContain('协办答复');
    expect(co2.text()).toContain('协办单位：市自然资源和规划局');
    // Supervising it concerns the lead and the co-handlers still on it (not the dropped one).
    const depts = w.findAll('[data-testid="supervise-dept"]');
    expect(depts.map((d) => [d.attributes('data-dept-id'), d.attributes('data-role')])).toEqual([
      ['d-01', 'lead'],
      ['d-03', 'co'],
      ['d-02', 'co'],
    ]);
    expect(w.find('[data-testid="supervise-depts"]').text()).toContain('市生态环境局 协办超时');
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });

  it("shows a department's co-handling parts past their deadline and the tickets it returned", async () => {
    const h = panelHarness();
    const part: CoPartItem = {
      ticketId: 'T7',
      deptId: 'd-03',
      deptName: '市生态环境局',
      leadId: 'd-01',
      leadName: '市住建局',
      district: '370902',
      category: ['环境保护'],
      title: '河道漂浮垃圾',
      assignedAt: '2026-11-20T11:00:00.000+08:00',
      dueAt: '2026-11-21T11:00:00.000+08:00',
      overdue: true,
    };
    const ret: BouncedItem = {
      ticketId: 'T8',
      returns: 2,
      route: ['d-03', 'd-04'],
      district: '370911',
      category: ['城乡建设'],
      title: '井盖缺失',
    };
    const calls = fakeApi({
      'GET /me': () => me('leader'),
      'GET /warnings': () => ({ total: 0, items: [] }),
      'GET /cohandling': () => ({ total: 1, items: [part] }),
      'GET /returns': () => ({ total: 1, items: [ret] }),
    });
    const { w, router } = await mountAt(h, '/leader?dept=d-03');
    expect(calls.find((c) => c.path === '/cohandling')!.query).toMatchObject({ deptId: 'd-03', overdue: 'true' });
    expect(calls.find((c) => c.path === '/returns')!.query).toMatchObject({ deptId: 'd-03' });
    const row = h.snapshot.departments.find((d) => d.id === 'd-03')!;
    expect(w.find('[data-testid="dept-co-rate"]').attributes('data-value')).toBe(String(row.coOnTimeRate));
    expect(w.find('[data-testid="dept-co-rate"]').text()).toBe('76.0%');
    expect(w.find('[data-testid="dept-returned"]').attributes('data-value')).toBe(String(row.returned));
    expect(w.find('[data-testid="dept-co-overdue-now"]').attributes('data-value')).toBe(String(row.coOverdueNow));
    expect(w.find('[data-testid="dept-co-overdue-total"]').attributes('data-value')).toBe('1');
    const p = w.find('[data-testid="co-part-row-T7"]');
    expect(p.text()).toContain('主办单位：市住建局');
    expect(p.text()).toContain('河道漂浮垃圾');
    expect(p.text()).toMatch(/超期 /);
    expect(w.find('[data-testid="dept-returns-total"]').attributes('data-value')).toBe('1');
    const r = w.find('[data-testid="return-row-T8"]');
    expect(r.find('[data-testid="return-route"]').text()).toBe('退回路径：市生态环境局 → 市交通运输局');
    expect(r.text()).toContain('退回 2 次');
    await r.trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toMatchObject({ ticket: 'T8' });
    const { left } = unmountClean(h, w);
    expect(left).toEqual(NO_LEAKS);
  });
});
