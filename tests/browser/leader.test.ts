// Issue 5 in real Chromium: a leader drills 全市 > 区县 > 部门 > 工单 and supervises a ticket, and a
// wall shows the new level within 2 s of the 202; a wall token gets a read-only page and 403s; the
// leader focuses a district on the wall named hall only, then releases it; the ranking page's CSV and
// XLSX exports carry the figures of GET /api/v1/rankings for the same period (协办按时率, 退单数 and
// 退单率 included; 口径说明 on the page and in the XLSX states the lead's exception and why returns are
// not scored); a co-handled ticket shows its lead, co-handlers and route as its detail has them, and a
// department its co-handling parts overdue and the tickets it returned, as the API lists them.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CoPartsAnswer,
  DepartmentRow,
  RankingsAnswer,
  ReturnsAnswer,
  Snapshot,
  TicketAnswer,
  WarningsAnswer,
} from '../../shared/contract/snapshot.ts';
import { launchBrowser, pageWait, screenUrl, type OpenedPage, type TestBrowser } from '../support/browser.ts';
import { call, getSnapshot } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { artifactPath, serverAt, startWebServer, waitLive } from './common.ts';
import { feed, SIM_DAY, simTraffic } from './traffic.ts';

const DISTRICT = '370902';
const WALL_SIZE = { width: 1280, height: 720 };
const CONSOLE_SIZE = { width: 1366, height: 900 };

const sel = (id: string) => `[data-testid="${id}"]`;

/** An RFC 4180 reader (quotes, doubled quotes, CRLF), kept apart from the server's own. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (c === '"') q = false;
      else f += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(f);
      f = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(f);
      rows.push(row);
      row = [];
      f = '';
    } else f += c;
  }
  if (f !== '' || row.length) {
    row.push(f);
    rows.push(row);
  }
  return rows;
}

const NONE = '—';

/** A shown score: two decimals, within half a hundredth of the unrounded figure. */
function checkScoreText(text: string, score: number | null, what: string) {
  if (score === null) return expect(text, what).toBe(NONE);
  expect(text, what).toMatch(/^\d{1,3}\.\d{2}$/);
  expect(Math.abs(Number(text) - score), `${what}: ${text} vs ${score}`).toBeLessThanOrEqual(0.005 + 1e-9);
}

/** A shown rate: a percentage with one decimal, within 0.05 of the figure. */
function checkRateText(text: string, rate: number | null, what: string) {
  if (rate === null) return expect(text, what).toBe(NONE);
  expect(text, what).toMatch(/^\d{1,3}\.\d%$/);
  expect(Math.abs(Number(text.slice(0, -1)) - rate * 100), `${what}: ${text} vs ${rate}`).toBeLessThanOrEqual(0.05 + 1e-9);
}

const RATES: Array<[keyof DepartmentRow, string]> = [
  ['responseRate', '响应率'],
  ['onTimeRate', '按时办结率'],
  ['resolutionRate', '解决率'],
  ['satisfactionRate', '满意率'],
  ['coOnTimeRate', '协办按时率'],
  ['returnRate', '退单率'],
];

describe('the leader console in Chromium', () => {
  let server: TestServer;
  let redis: TestRedis;
  let browser: TestBrowser;
  let lastId: string;
  let hall: OpenedPage;
  let leader: OpenedPage;
  let ticketId: string;

  beforeAll(async () => {
    server = await startWebServer({ env: { HOTLINE_PUSH_MS: '100' } });
    redis = await connectRedis(server.redisUrl);
    lastId = await feed(redis, server.stream, simTraffic());
    await serverAt(server, lastId);
    browser = await launchBrowser({ viewport: WALL_SIZE });
    hall = await browser.open(screenUrl(server.url, TOKEN.wall, '/wall', { wall: 'hall' }), { viewport: WALL_SIZE });
    leader = await browser.open(screenUrl(server.url, TOKEN.leader, '/leader'), { viewport: CONSOLE_SIZE });
    await waitLive(hall, lastId);
    await waitLive(leader, lastId);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await redis?.quit().catch(() => undefined);
    await server?.close();
  });

  it('drills to a ticket and supervises it; the wall shows the new level after the 202', async () => {
    const { page } = leader;
    await page.waitForSelector(`${sel('me-role')}[data-role="leader"]`);
    // A red ticket of the district the wall lists, below level 4, and its department.
    const reds = (await call<WarningsAnswer>(server.url, `/api/v1/warnings?color=red&district=${DISTRICT}&limit=500`)).body;
    const snap = await getSnapshot(server.url);
    const onWall = new Set(snap.warnings.red.map((w) => w.ticketId));
    const target = reds.items.find((w) => w.level < 4 && onWall.has(w.ticketId));
    expect(target, `no red ticket below level 4 in ${DISTRICT}`).toBeTruthy();
    ticketId = target!.ticketId;

    await page.click(sel(`drill-district-${DISTRICT}`));
    await page.waitForSelector(`${sel('list-red-total')}[data-value]:not([data-value="null"])`);
    expect(await page.getAttribute(sel('list-red-total'), 'data-value')).toBe(String(reds.total));
    expect(await page.locator('[data-testid^="drill-dept-"]').count()).toBeGreaterThan(0);
    await page.click(sel(`drill-dept-${target!.deptId}`));
    await page.waitForSelector(`${sel('scope-dept')}[data-id="${target!.deptId}"]`);
    await page.click(sel(`ticket-row-${ticketId}`));
    await page.waitForSelector(`${sel('ticket-detail')}[data-ticket-id="${ticketId}"]`);
    expect(await page.getAttribute(sel('ticket-detail'), 'data-level')).toBe(String(target!.level));

    // The wall's row of that ticket, watched from inside the page: when its level becomes 4.
    const row = `[data-testid="warning-red-row"][data-ticket-id="${ticketId}"]`;
    expect(await hall.page.getAttribute(row, 'data-level')).toBe(String(target!.level));
    await hall.page.evaluate((rowSel) => {
      const w = window as unknown as { __levelAt?: number };
      const check = () => {
        if (w.__levelAt === undefined && document.querySelector(rowSel)?.getAttribute('data-level') === '4') w.__levelAt = Date.now();
      };
      new MutationObserver(check).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-level'],
      });
      check();
    }, row);

    await page.selectOption(sel('supervise-level'), '4');
    await page.fill(sel('supervise-note'), '请今日17:00前办结并反馈（浏览器测试）');
    const answered = page.waitForResponse(
      (r) => r.url().endsWith(`/api/v1/tickets/${ticketId}/supervise`) && r.request().method() === 'POST',
    );
    await page.click(sel('supervise-submit'));
    const res = await answered;
    expect(res.status()).toBe(202);
    const timing = res.request().timing();
    const answeredAt = timing.startTime + timing.responseStart;
    const { eventId } = (await res.json()) as { eventId: string };

    const levelAt = await pageWait(
      'the wall to show level 4',
      () => hall.page.evaluate(() => (window as unknown as { __levelAt?: number }).__levelAt ?? null),
      60_000,
      20,
    );
    // How long it took is printed (README's figure), never asserted: it depends on the machine.
    const delay = levelAt - answeredAt;
    console.log(
      `supervise: 202 at ${new Date(answeredAt).toISOString()}, wall row at level 4 ${delay.toFixed(0)} ms later (event ${eventId})`,
    );
    await page.waitForSelector(`${sel('supervise-result')}[data-state="applied"]`, { timeout: 60_000 });
    expect(await page.getAttribute(sel('supervise-result'), 'data-event-id')).toBe(eventId);
    expect(await page.textContent(sel('supervise-applied-level'))).toContain('L4');
    const after = await getSnapshot(server.url);
    expect(after.warnings.red.find((w) => w.ticketId === ticketId)?.level).toBe(4);
    await page.screenshot({ path: artifactPath('leader-supervised.png') });
    expect(leader.errors, leader.errors.join('\n')).toEqual([]);
  }, 240_000);

  it('gives a wall token a read-only console, and the server answers it 403', async () => {
    const ro = await browser.open(screenUrl(server.url, TOKEN.wall, '/leader'), { viewport: CONSOLE_SIZE });
    try {
      await ro.page.waitForSelector(sel('read-only'));
      await ro.page.waitForSelector(`${sel('me-role')}[data-role="wall"]`);
      await ro.page.click(sel(`drill-district-${DISTRICT}`));
      await ro.page.waitForSelector(`${sel('list-red-total')}[data-value]:not([data-value="null"])`);
      expect(await ro.page.locator(sel('focus-set')).count()).toBe(0);
      const refused = ro.page.waitForResponse((r) => r.url().endsWith(`/api/v1/tickets/${ticketId}`));
      await ro.page.goto(`${server.url}/?token=${TOKEN.wall}#/leader?ticket=${ticketId}`);
      expect((await refused).status()).toBe(403);
      await ro.page.waitForSelector(sel('ticket-error'));
      console.log(`wall token on the ticket page: "${(await ro.page.textContent(sel('ticket-error')))?.trim()}"`);
      expect(await ro.page.locator(sel('read-only')).count()).toBe(1);
      expect(await ro.page.locator(sel('supervise-submit')).count()).toBe(0);
      expect(await ro.page.locator(sel('ticket-detail')).count()).toBe(0);
    } finally {
      await ro.page.close();
    }
    const post = await call(server.url, `/api/v1/tickets/${ticketId}/supervise`, {
      token: TOKEN.wall,
      body: { level: 5, note: '大屏令牌' },
    });
    expect(post.status).toBe(403);
    const get = await call(server.url, `/api/v1/tickets/${ticketId}`, { token: TOKEN.wall });
    expect(get.status).toBe(403);
  }, 240_000);

  it('focuses the district on the wall named hall only, and releases it', async () => {
    const plain = await browser.open(screenUrl(server.url, TOKEN.wall, '/wall'), { viewport: WALL_SIZE });
    const lobby = await browser.open(screenUrl(server.url, TOKEN.wall, '/wall', { wall: 'lobby' }), { viewport: WALL_SIZE });
    try {
      const now = (await getSnapshot(server.url)).lastEntryId!;
      await waitLive(plain, now);
      await waitLive(lobby, now);
      const { page } = leader;
      await page.goto(`${server.url}/?token=${TOKEN.leader}#/leader?district=${DISTRICT}`);
      await page.waitForSelector(`${sel('focus-control')}[data-scope="district"][data-id="${DISTRICT}"]`);
      await page.fill(sel('focus-wall'), 'hall');
      const focus = `${sel('focus-panel')}[data-scope="district"][data-id="${DISTRICT}"]`;
      // Timestamps taken inside the pages: the click on the leader's, the focus card on the wall's.
      await page.evaluate(() => {
        const w = window as unknown as { __clickAt?: number };
        document.addEventListener(
          'click',
          (e) => {
            if ((e.target as Element | null)?.closest?.('[data-testid="focus-set"]')) w.__clickAt = Date.now();
          },
          true,
        );
      });
      await hall.page.evaluate((focusSel) => {
        const w = window as unknown as { __focusAt?: number };
        const check = () => {
          if (w.__focusAt === undefined && document.querySelector(focusSel)) w.__focusAt = Date.now();
        };
        new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
      }, focus);
      await page.click(sel('focus-set'));
      await page.waitForSelector(`${sel('focus-result')}[data-ok="true"]`);
      await hall.page.waitForSelector(focus, { timeout: 60_000 });
      const clickAt = await page.evaluate(() => (window as unknown as { __clickAt?: number }).__clickAt!);
      const focusAt = await hall.page.evaluate(() => (window as unknown as { __focusAt?: number }).__focusAt!);
      // Printed, not asserted (machine speed); the order is: click, then the card.
      console.log(`focus: on the hall wall ${focusAt - clickAt} ms after the leader's click`);
      expect(focusAt).toBeGreaterThanOrEqual(clickAt);
      const snap: Snapshot = await getSnapshot(server.url);
      const d = snap.districts.find((x) => x.code === DISTRICT)!;
      expect(await hall.page.getAttribute(sel('focus-created'), 'data-value')).toBe(String(d.created));
      expect(await hall.page.getAttribute(sel('focus-open'), 'data-value')).toBe(String(d.open));
      expect(await hall.page.getAttribute(sel('focus-overdue'), 'data-value')).toBe(String(d.overdue));
      await hall.page.waitForTimeout(600); // the card's entry animation (0.35 s)
      await hall.page.screenshot({ path: artifactPath('wall-focus-hall.png') });
      // The other walls were told too (every wall gets focus messages) but show nothing.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await plain.page.locator(sel('focus-panel')).count()).toBe(0);
      expect(await lobby.page.locator(sel('focus-panel')).count()).toBe(0);

      await page.click(sel('focus-release'));
      await hall.page.waitForSelector(sel('focus-panel'), { state: 'detached', timeout: 60_000 });
      expect(await hall.page.getAttribute(sel('wall'), 'data-view')).toBe('overview');
      expect(await plain.page.locator(sel('focus-panel')).count()).toBe(0);
      expect([...hall.errors, ...plain.errors, ...lobby.errors]).toEqual([]);
    } finally {
      await plain.page.close();
      await lobby.page.close();
    }
  }, 240_000);

  it("shows a co-handled ticket's lead, co-handlers and route as its detail has them, and every unit a supervision concerns", async () => {
    const { page } = leader;
    const parts = (await call<CoPartsAnswer>(server.url, '/api/v1/cohandling?overdue=true&limit=500', { token: TOKEN.leader })).body;
    expect(parts.total).toBeGreaterThan(0);
    const snap = await getSnapshot(server.url);
    expect(snap.bounced.length).toBeGreaterThan(0);
    for (const id of [parts.items[0]!.ticketId, snap.bounced[0]!.ticketId]) {
      const detail = (await call<TicketAnswer>(server.url, `/api/v1/tickets/${id}`, { token: TOKEN.leader })).body.ticket;
      await page.goto(`${server.url}/?token=${TOKEN.leader}#/leader?ticket=${id}`);
      await page.waitForSelector(`${sel('ticket-detail')}[data-ticket-id="${id}"]`);
      await page.waitForSelector(sel('ticket-cohandling'));
      const shown = await page.evaluate(() => ({
        lead: document.querySelector('[data-testid="co-lead"]')?.getAttribute('data-dept-id') ?? null,
        parts: [...document.querySelectorAll('[data-testid="cohandler-row"]')].map((e) => ({
          deptId: e.getAttribute('data-dept-id'),
          state: e.getAttribute('data-state'),
          dueAt: e.getAttribute('data-due-at'),
          at: e.getAttribute('data-at') || null,
        })),
        route: document.querySelector('[data-testid="ticket-route"]')!.getAttribute('data-route'),
        routeText: document.querySelector('[data-testid="ticket-route"]')!.textContent,
        involved: [...document.querySelectorAll('[data-testid="supervise-dept"]')].map((e) => [
          e.getAttribute('data-dept-id'),
          e.getAttribute('data-role'),
        ]),
      }));
      expect(shown.lead).toBe(detail.dept?.id ?? null);
      expect(shown.parts).toEqual(detail.coHandlers.map((c) => ({ deptId: c.deptId, state: c.state, dueAt: c.dueAt, at: c.at })));
      expect(shown.route).toBe(detail.route.join(','));
      const names = new Map(snap.departments.map((d) => [d.id, d.name]));
      if (detail.route.length) expect(shown.routeText).toContain(detail.route.map((r) => names.get(r) ?? r).join(' → '));
      const want: string[][] = detail.dept ? [[detail.dept.id, 'lead']] : [];
      for (const c of detail.coHandlers) {
        if (c.state !== 'dropped' && !want.some(([d]) => d === c.deptId)) want.push([c.deptId, 'co']);
      }
      expect(shown.involved).toEqual(want);
      if (id === parts.items[0]!.ticketId) {
        expect(detail.coHandlers.some((c) => c.state === 'open' && c.deptId === parts.items[0]!.deptId)).toBe(true);
        await page.screenshot({ path: artifactPath('leader-cohandled-ticket.png'), fullPage: true });
      } else expect(detail.route.length).toBe(snap.bounced[0]!.returns);
    }
    expect(leader.errors, leader.errors.join('\n')).toEqual([]);
  }, 60_000);

  it("shows a department's co-handling parts overdue and the tickets it returned, as the API lists them", async () => {
    const { page } = leader;
    const parts = (await call<CoPartsAnswer>(server.url, '/api/v1/cohandling?overdue=true&limit=500', { token: TOKEN.leader })).body;
    const deptId = parts.items[0]!.deptId;
    const late = (
      await call<CoPartsAnswer>(server.url, `/api/v1/cohandling?deptId=${deptId}&overdue=true&limit=500`, { token: TOKEN.leader })
    ).body;
    const returned = (await call<ReturnsAnswer>(server.url, `/api/v1/returns?deptId=${deptId}&limit=500`, { token: TOKEN.leader })).body;
    expect(late.total).toBeGreaterThan(0);
    await page.goto(`${server.url}/?token=${TOKEN.leader}#/leader?dept=${deptId}`);
    await page.waitForSelector(`${sel('scope-dept')}[data-id="${deptId}"]`);
    await page.waitForSelector(`${sel('dept-co-overdue-total')}:not([data-value="null"])`);
    await page.waitForSelector(`${sel('dept-returns-total')}:not([data-value="null"])`);
    expect(await page.getAttribute(sel('dept-co-overdue-total'), 'data-value')).toBe(String(late.total));
    expect(await page.getAttribute(sel('dept-returns-total'), 'data-value')).toBe(String(returned.total));
    const rows = await page.evaluate(() => ({
      late: [...document.querySelectorAll('[data-testid^="co-part-row-"]')].map((e) => [
        e.getAttribute('data-ticket-id'),
        e.getAttribute('data-lead-id'),
      ]),
      returned: [...document.querySelectorAll('[data-testid^="return-row-"]')].map((e) => [
        e.getAttribute('data-ticket-id'),
        e.getAttribute('data-route'),
      ]),
    }));
    expect(rows.late).toEqual(late.items.map((p) => [p.ticketId, p.leadId]));
    expect(rows.returned).toEqual(returned.items.map((r) => [r.ticketId, r.route.join(',')]));
    const row = (await getSnapshot(server.url)).departments.find((d) => d.id === deptId)!;
    expect(await page.getAttribute(sel('dept-co-rate'), 'data-value')).toBe(String(row.coOnTimeRate));
    expect(await page.getAttribute(sel('dept-returned'), 'data-value')).toBe(String(row.returned));
    expect(leader.errors, leader.errors.join('\n')).toEqual([]);
  }, 60_000);

  it("exports this month's ranking board as CSV and XLSX with the figures of GET /api/v1/rankings", async () => {
    // A page of its own (a fresh document loads the ranking page's chunk of the current build).
    const ranking = await browser.open(screenUrl(server.url, TOKEN.leader, '/rankings'), { viewport: CONSOLE_SIZE });
    const { page } = ranking;
    await page.waitForSelector(`${sel('rankings-view')}[data-from]:not([data-from=""])`);
    await page.click(sel('period-this-month'));
    const from = `${SIM_DAY.slice(0, 8)}01`;
    await page.waitForSelector(`${sel('rankings-view')}[data-from="${from}"][data-to="${SIM_DAY}"]`);
    await page.waitForSelector(`${sel('export-csv')}:not([disabled])`);
    const period = {
      from: (await page.getAttribute(sel('rankings-view'), 'data-from'))!,
      to: (await page.getAttribute(sel('rankings-view'), 'data-to'))!,
    };
    const api = await call<RankingsAnswer>(server.url, `/api/v1/rankings?from=${period.from}&to=${period.to}`, { token: TOKEN.leader });
    expect(api.status).toBe(200);
    const depts = api.body.departments;
    expect(depts.length).toBeGreaterThan(10);
    // The page's own table agrees with the API (rank; score to two decimals).
    const pageRows = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^="rank-row-"]')].map((e) => ({
        id: e.getAttribute('data-testid')!.slice('rank-row-'.length),
        rank: e.getAttribute('data-rank'),
        score: e.getAttribute('data-score'),
      })),
    );
    expect(pageRows.map((r) => r.id).sort()).toEqual(depts.map((d) => d.id).sort());
    for (const d of depts) {
      const r = pageRows.find((x) => x.id === d.id)!;
      expect(r.rank, d.id).toBe(d.rank === null ? 'null' : String(d.rank));
      if (d.score !== null) expect(Math.abs(Number(r.score) - d.score), d.id).toBeLessThanOrEqual(0.005 + 1e-9);
    }
    // 协办按时率, 退单数 and 退单率 on the page as the API has them.
    const coCells = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('[data-testid^="rank-row-"]')].map((e) => [
          e.getAttribute('data-testid')!.slice('rank-row-'.length),
          ['rank-co', 'rank-returned', 'rank-return-rate'].map((t) => e.querySelector(`[data-testid="${t}"]`)!.getAttribute('data-value')),
        ]),
      ),
    );
    expect(coCells).toEqual(
      Object.fromEntries(depts.map((d) => [d.id, [String(d.coOnTimeRate), String(d.returned), String(d.returnRate)]])),
    );
    expect(depts.some((d) => d.coOnTimeRate !== null) && depts.some((d) => d.returned > 0)).toBe(true);
    // 口径说明: the fifth weight, the lead's exception, returns shown and not scored.
    const formula = (await page.textContent(sel('formula')))!;
    for (const words of ['协办按时率 0.1', '配合单位拖延的，不扣主办单位', '不计入综合得分']) expect(formula, words).toContain(words);

    // CSV: UTF-8 with a BOM.
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click(sel('export-csv'))]);
    expect(csvDl.suggestedFilename()).toBe(`部门排名_${period.from}_${period.to}.csv`);
    const csvPath = artifactPath(csvDl.suggestedFilename());
    await csvDl.saveAs(csvPath);
    const raw = readFileSync(csvPath, 'utf8');
    expect(raw.charCodeAt(0)).toBe(0xfeff);
    const [head, ...body] = readCsv(raw.slice(1));
    const col = (t: string) => {
      const i = head!.indexOf(t);
      expect(i, `CSV column ${t}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const cId = col('单位编码');
    const cRank = col('排名');
    const cScore = col('综合得分');
    expect(body.length).toBe(depts.length);
    for (const d of depts) {
      const r = body.find((x) => x[cId] === d.id);
      expect(r, `CSV row of ${d.id}`).toBeTruthy();
      expect(r![cRank], `${d.id} rank`).toBe(d.rank === null ? NONE : String(d.rank));
      checkScoreText(r![cScore]!, d.score, `${d.id} score (CSV)`);
      for (const [k, t] of RATES) checkRateText(r![col(t)]!, d[k] as number | null, `${d.id} ${t} (CSV)`);
      expect(r![col('退单数')], `${d.id} returned (CSV)`).toBe(String(d.returned));
    }

    // XLSX, read back with ExcelJS.
    await page.waitForSelector(`${sel('export-xlsx')}:not([disabled])`);
    const [xlsxDl] = await Promise.all([page.waitForEvent('download'), page.click(sel('export-xlsx'))]);
    expect(xlsxDl.suggestedFilename()).toBe(`部门排名_${period.from}_${period.to}.xlsx`);
    const xlsxPath = artifactPath(xlsxDl.suggestedFilename());
    await xlsxDl.saveAs(xlsxPath);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxPath);
    const ws = wb.worksheets[0]!;
    let headRow = 0;
    ws.eachRow((row, n) => {
      if (!headRow && (row.values as unknown[]).includes('单位编码')) headRow = n;
    });
    expect(headRow).toBeGreaterThan(0);
    const titles = ws.getRow(headRow).values as unknown[];
    const xcol = (t: string) => {
      const i = titles.indexOf(t);
      expect(i, `XLSX column ${t}`).toBeGreaterThan(0);
      return i;
    };
    const byId = new Map<string, ExcelJS.Row>();
    for (let n = headRow + 1; n <= ws.rowCount; n++) {
      const row = ws.getRow(n);
      const id = row.getCell(xcol('单位编码')).value;
      if (typeof id === 'string' && id) byId.set(id, row);
    }
    expect(byId.size).toBe(depts.length);
    for (const d of depts) {
      const row = byId.get(d.id);
      expect(row, `XLSX row of ${d.id}`).toBeTruthy();
      const rank = row!.getCell(xcol('排名')).value;
      expect(rank, `${d.id} rank (XLSX)`).toBe(d.rank === null ? NONE : d.rank);
      const score = row!.getCell(xcol('综合得分'));
      if (d.score === null) expect(score.value).toBe(NONE);
      else {
        expect(typeof score.value).toBe('number');
        expect(Math.abs((score.value as number) - d.score), `${d.id} score (XLSX)`).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(score.numFmt, `${d.id} score format`).toBe('0.00');
      }
      expect(row!.getCell(xcol('退单数')).value, `${d.id} returned (XLSX)`).toBe(d.returned);
      for (const [k, t] of RATES) {
        const cell = row!.getCell(xcol(t));
        const rate = d[k] as number | null;
        if (rate === null) expect(cell.value, `${d.id} ${t}`).toBe(NONE);
        else {
          expect(typeof cell.value, `${d.id} ${t}`).toBe('number');
          expect(Math.abs((cell.value as number) - rate), `${d.id} ${t} (XLSX)`).toBeLessThanOrEqual(0.0005 + 1e-9);
          expect(cell.numFmt, `${d.id} ${t} format`).toBe('0.0%');
        }
      }
    }
    const defs: string[] = [];
    wb.getWorksheet('口径说明')!.eachRow((row) => defs.push(String(row.getCell(1).value)));
    const sheet = defs.join('\n');
    for (const words of ['协办按时率 0.1', '配合单位拖延的，不扣主办单位', '不计入综合得分', '协办按时率：'])
      expect(sheet, words).toContain(words);
    await page.waitForSelector(`${sel('export-status')}[data-ok="true"]`);
    await page.screenshot({ path: artifactPath('rankings-this-month.png') });
    expect(ranking.errors, ranking.errors.join('\n')).toEqual([]);
    await page.close();
  }, 240_000);
});
