// The wall in real Chromium, on the built client, fed a deterministic stretch of simulated traffic:
// every panel there at 1920×1080 and 3840×2160, every figure equal to GET /api/v1/snapshot's, no
// scrollbars, the design canvas filling the window, and no citizen's name or full phone number
// anywhere in the page.
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import type { SimItem } from '../../scripts/sim/index.ts';
import {
  boxOf,
  FULL_HD,
  launchBrowser,
  liveProbe,
  pageWait,
  scrollExtents,
  screenUrl,
  UHD_4K,
  type TestBrowser,
  type Viewport,
} from '../support/browser.ts';
import { getSnapshot } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { allDataValues, artifactPath, dv, SCREENSHOTS, serverAt, startWebServer } from './common.ts';
import { citizensOf, feed, SIM_DAY, simTraffic } from './traffic.ts';

const PANELS = [
  'wall',
  'view-overview',
  'panel-header',
  'panel-map',
  'map-chart',
  'panel-warnings-red',
  'panel-warnings-yellow',
  'panel-rankings',
  'panel-supervision',
  'panel-cohandling',
  'panel-today-mix',
  'panel-hourly',
  'hourly-chart',
  'hot-topics',
  'panel-footer',
  'data-age',
  'link-status',
  'clock',
  'rules-definition',
];

/** docs/screenshots is tracked: write it when missing, or when asked to (the clock differs every run). */
const UPDATE_DOCS = process.env.LIANXIN_UPDATE_SCREENSHOTS === '1';
const DOCS_4K_LIMIT = 1.5 * 1024 * 1024;

/** What the wall must show for a snapshot: data-testid → data-value. */
function expectedValues(s: Snapshot): Record<string, string> {
  const e: Record<string, string> = {
    'today-date': s.today.date,
    'today-created': dv(s.today.created),
    'today-dispatched': dv(s.today.dispatched),
    'today-closed': dv(s.today.closed),
    'today-direct': dv(s.today.direct),
    open: dv(s.open),
    overdue: dv(s.overdue),
    'calls-answer-rate': dv(s.calls.answerRate),
    'calls-offered': dv(s.calls.offered),
    'calls-answered': dv(s.calls.answered),
    'calls-abandoned': dv(s.calls.abandoned),
    'agents-online': dv(s.calls.agentsOnline),
    'agents-busy': dv(s.calls.agentsBusy),
    'warnings-red-count': dv(s.warnings.redCount),
    'warnings-yellow-count': dv(s.warnings.yellowCount),
    'kpi-yellow-count': dv(s.warnings.yellowCount),
    'supervision-total': dv([1, 2, 3, 4, 5].reduce((a, l) => a + s.supervision[String(l) as '1'], 0)),
    'hourly-today-created': dv(s.hourly.today.created.reduce((a, b) => a + b, 0)),
    'ingest-applied': dv(s.ingest.applied),
    'ingest-duplicates': dv(s.ingest.duplicates),
    'ingest-rejected': dv(s.ingest.rejected),
    'rankings-period': `${s.period.from}/${s.period.to}`,
    'co-open': dv(s.coHandling.open),
    'co-overdue': dv(s.coHandling.overdue),
    'bounced-count': dv(s.bounced.length),
  };
  for (const l of ['1', '2', '3', '4', '5'] as const) e[`supervision-${l}`] = dv(s.supervision[l]);
  for (const d of s.districts) {
    e[`district-${d.code}-created`] = dv(d.created);
    e[`district-${d.code}-open`] = dv(d.open);
    e[`district-${d.code}-overdue`] = dv(d.overdue);
  }
  for (const d of s.departments) {
    e[`dept-${d.id}-rank`] = dv(d.rank);
    e[`dept-${d.id}-score`] = dv(d.score);
    e[`dept-${d.id}-response`] = dv(d.responseRate);
    e[`dept-${d.id}-ontime`] = dv(d.onTimeRate);
    e[`dept-${d.id}-resolution`] = dv(d.resolutionRate);
    e[`dept-${d.id}-satisfaction`] = dv(d.satisfactionRate);
    e[`dept-${d.id}-card`] = d.card;
    // 协办按时率 has its column once some unit co-handled in the period (the simulated week has them).
    e[`dept-${d.id}-co`] = dv(d.coOnTimeRate);
  }
  for (const [k, v] of Object.entries(s.byChannel)) e[`channel-${k}`] = dv(v);
  for (const [k, v] of Object.entries(s.byKind)) e[`kind-${k}`] = dv(v);
  s.topCategories.slice(0, 10).forEach((c, i) => (e[`category-${i + 1}`] = dv(c.count)));
  return e;
}

describe('the wall in Chromium on a simulated day', () => {
  let server: TestServer;
  let redis: TestRedis;
  let browser: TestBrowser;
  let items: SimItem[];
  let lastId: string;
  let settled: Snapshot;

  beforeAll(async () => {
    server = await startWebServer({ env: { HOTLINE_PUSH_MS: '200' } });
    redis = await connectRedis(server.redisUrl);
    items = simTraffic();
    lastId = await feed(redis, server.stream, items);
    settled = await serverAt(server, lastId);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await redis?.quit().catch(() => undefined);
    await server?.close();
  });

  it('has the simulated week in it (the figures below are not all zero)', () => {
    expect(settled.today.date).toBe(SIM_DAY);
    expect(settled.today.created).toBeGreaterThan(100);
    expect(settled.warnings.redCount).toBeGreaterThan(0);
    expect(settled.warnings.yellowCount).toBeGreaterThan(0);
    expect(settled.departments.length).toBeGreaterThan(10);
    expect(settled.hotTopics.length).toBeGreaterThan(0);
    expect(settled.coHandling.open).toBeGreaterThan(0);
    expect(settled.coHandling.overdue).toBeGreaterThan(0);
    expect(settled.bounced.length).toBeGreaterThan(0);
    expect(settled.departments.some((d) => d.coOnTimeRate !== null)).toBe(true);
  });

  const sizes: Array<[string, Viewport, number]> = [
    ['1080p', FULL_HD, 1],
    ['4k', UHD_4K, 2],
  ];
  for (const [label, vp, scale] of sizes) {
    it(`shows every panel with the server's figures, fills ${vp.width}×${vp.height} without scrollbars (${label})`, async () => {
      const { page, errors } = await browser.open(screenUrl(server.url, TOKEN.wall), { viewport: vp });
      try {
        // Live and caught up: the page holds the server's last entry and at least its seq.
        const snap = await getSnapshot(server.url);
        expect(snap.lastEntryId).toBe(lastId);
        const probe = await pageWait(
          'the wall to show the last entry and the server seq',
          async () => {
            const p = await liveProbe(page);
            return p.lastEntryId === lastId && (p.seq ?? 0) >= snap.seq && p.phase === 'live' ? p : null;
          },
          60_000,
        );
        expect(probe.via).toBe('store');
        await page.waitForSelector('[data-testid="map-chart"] canvas', { timeout: 60_000 });
        await page.waitForSelector('[data-testid="hourly-chart"] canvas', { timeout: 60_000 });

        // Every panel, on the screen.
        for (const id of PANELS) {
          const box = await boxOf(page, id);
          expect(box, `${id} is missing`).not.toBeNull();
          expect(box!.width, `${id} has no width`).toBeGreaterThan(0);
          expect(box!.height, `${id} has no height`).toBeGreaterThan(0);
          expect(box!.x, `${id} starts left of the window`).toBeGreaterThanOrEqual(-0.5);
          expect(box!.y, `${id} starts above the window`).toBeGreaterThanOrEqual(-0.5);
          expect(box!.x + box!.width, `${id} ends right of the window`).toBeLessThanOrEqual(vp.width + 0.5);
          expect(box!.y + box!.height, `${id} ends below the window`).toBeLessThanOrEqual(vp.height + 0.5);
        }
        expect(await page.locator('[data-testid="stale-banner"]').count()).toBe(0);
        expect(await page.getAttribute('[data-testid="wall"]', 'data-stale')).toBe('false');
        expect(Number(await page.getAttribute('[data-testid="data-age"]', 'data-value'))).toBeLessThan(15_000);

        // The figures: each data-value equals the server's snapshot (built at the same stream position;
        // under the event clock nothing moves without an entry).
        const now = await getSnapshot(server.url);
        expect(now.lastEntryId).toBe(lastId);
        const shown = await allDataValues(page);
        const want = expectedValues(now);
        const diffs = Object.entries(want)
          .filter(([id, v]) => shown[id] !== v)
          .map(([id, v]) => `${id}: page ${shown[id] ?? '(missing)'}, snapshot ${v}`);
        expect(diffs, diffs.join('\n')).toEqual([]);
        for (const c of now.topCategories.slice(0, 10).map((c, i) => [i + 1, c.name] as const)) {
          expect(await page.getAttribute(`[data-testid="category-${c[0]}"]`, 'data-name')).toBe(c[1]);
        }
        // Unit ranks in their rows too, and the warning rows: the snapshot's lists with their levels.
        const rows = await page.evaluate(() => ({
          red: [...document.querySelectorAll('[data-testid="warning-red-row"]')].map((e) => [
            e.getAttribute('data-ticket-id'),
            e.getAttribute('data-level'),
          ]),
          yellow: [...document.querySelectorAll('[data-testid="warning-yellow-row"]')].map((e) => [
            e.getAttribute('data-ticket-id'),
            e.getAttribute('data-level'),
          ]),
          deptRanks: Object.fromEntries(
            [...document.querySelectorAll('[data-testid^="dept-row-"]')].map((e) => [
              e.getAttribute('data-testid')!.slice(9),
              e.getAttribute('data-rank'),
            ]),
          ),
        }));
        expect(rows.red).toEqual(now.warnings.red.map((w) => [w.ticketId, String(w.level)]));
        expect(rows.yellow).toEqual(now.warnings.yellow.map((w) => [w.ticketId, String(w.level)]));
        expect(rows.deptRanks).toEqual(Object.fromEntries(now.departments.map((d) => [d.id, dv(d.rank)])));

        // 多次退回: the snapshot's bounced tickets in its order, each route by the names of its departments.
        const bounced = await page.evaluate(() =>
          [...document.querySelectorAll('[data-testid="bounced-row"]')].map((e) => ({
            ticketId: e.getAttribute('data-ticket-id'),
            returns: e.getAttribute('data-returns'),
            route: e.querySelector('[data-testid="bounced-route"]')!.textContent!.trim(),
          })),
        );
        const deptNames = new Map(now.departments.map((d) => [d.id, d.name]));
        expect(bounced).toEqual(
          now.bounced.map((b) => ({
            ticketId: b.ticketId,
            returns: String(b.returns),
            route: b.route.map((id) => deptNames.get(id) ?? id).join(' → '),
          })),
        );
        expect(now.bounced.every((b) => b.route.every((id) => deptNames.has(id)))).toBe(true);

        // Hot topics: the words shown are the snapshot's, in its order, with its counts; clusters too.
        const hot = await page.evaluate(() => ({
          words: [...document.querySelectorAll('[data-testid^="hot-topic-"]')].map((e) => [
            e.getAttribute('data-testid')!.slice('hot-topic-'.length),
            e.getAttribute('data-value'),
          ]),
          clusters: [...document.querySelectorAll('[data-testid="cluster-row"]')].map((e) => [
            e.getAttribute('data-word'),
            e.getAttribute('data-district'),
            e.getAttribute('data-value'),
          ]),
        }));
        expect(hot.words.length).toBe(Math.min(10, now.hotTopics.length));
        expect(hot.words).toEqual(now.hotTopics.slice(0, hot.words.length).map((t) => [t.word, String(t.count)]));
        expect(hot.clusters).toEqual(now.clusters.slice(0, hot.clusters.length).map((c) => [c.word, c.district, String(c.count)]));

        // No scrollbars; the design canvas scaled to fill the window exactly.
        const ext = await scrollExtents(page);
        expect(ext.scrollWidth).toBeLessThanOrEqual(ext.clientWidth);
        expect(ext.scrollHeight).toBeLessThanOrEqual(ext.clientHeight);
        expect(ext.clientWidth).toBe(vp.width);
        expect(ext.clientHeight).toBe(vp.height);
        const canvas = await boxOf(page, 'wall');
        expect(canvas).toEqual({ x: 0, y: 0, width: vp.width, height: vp.height });
        expect(await page.getAttribute('[data-testid="wall"]', 'data-scale')).toBe(scale.toFixed(3));
        // Charts are drawn at the canvas scale (sharp on a 4K wall): backing pixels = CSS pixels × scale.
        const chart = await page.evaluate(() => {
          const c = document.querySelector('[data-testid="map-chart"] canvas') as HTMLCanvasElement;
          return { width: c.width, cssWidth: c.getBoundingClientRect().width };
        });
        expect(Math.abs(chart.width - chart.cssWidth)).toBeLessThanOrEqual(2 * scale);

        // Personal data: no citizen name, no full phone number, anywhere in the page.
        const html = await page.content();
        const { names, phones } = citizensOf(items);
        expect(names.length).toBeGreaterThan(50);
        expect(phones.length).toBeGreaterThan(50);
        const leakedNames = names.filter((n) => html.includes(n));
        const leakedPhones = phones.filter((p) => new RegExp(`(?<!\\d)${p}(?!\\d)`).test(html));
        expect(leakedNames, `citizen names in the page: ${leakedNames.join(', ')}`).toEqual([]);
        expect(leakedPhones, `phone numbers in the page: ${leakedPhones.join(', ')}`).toEqual([]);

        // Screenshots, once the charts' entry animations are over.
        await page.waitForTimeout(1500);
        const shot = artifactPath(`wall-${vp.width}x${vp.height}.png`);
        await page.screenshot({ path: shot });
        const docName = label === '1080p' ? 'wall-1080p.png' : 'wall-4k.png';
        const doc = join(SCREENSHOTS, docName);
        if (UPDATE_DOCS || !existsSync(doc)) {
          const size = statSync(shot).size;
          if (label === '1080p' || size < DOCS_4K_LIMIT) {
            mkdirSync(SCREENSHOTS, { recursive: true });
            copyFileSync(shot, doc);
            console.log(`screenshot ${shot} copied to ${doc} (${(size / 1024).toFixed(0)} KiB)`);
          } else {
            console.log(`screenshot ${shot} is ${(size / 1048576).toFixed(2)} MiB (over 1.5 MiB): not copied to ${doc}`);
          }
        }
        expect(errors, errors.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    }, 240_000);
  }
});
