// Issue 8 §7 in real Chromium: a server configured with weights and thresholds unlike the defaults
// (HOTLINE_CONFIG) words the rules with those numbers everywhere they are stated: the wall's 口径说明,
// its footer and its 五级督办 ladder, the leader's definitions, the ranking board's formula, and the
// 口径说明 sheet of the XLSX the board exports. None of them may fall back to a default number.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenUrl, type TestBrowser } from '../support/browser.ts';
import { getSnapshot } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { artifactPath, serverAt, startWebServer, waitLive } from './common.ts';
import { feed, simTraffic } from './traffic.ts';

/** Every number the words state, changed from the contract's defaults. */
const CONFIG = {
  weights: { response: 0.25, onTime: 0.15, resolution: 0.35, satisfaction: 0.25 },
  thresholds: {
    scoreRed: 75,
    scoreYellow: 88,
    redTicketsRed: 4,
    redTicketsYellow: 2,
    urgentDueSoonShare: 0.3,
    urgentSignMinutes: 45,
    level3Days: 2,
    level4Days: 6,
    level5Days: 12,
    clusterMin: 6,
    clusterDays: 4,
  },
};

const WEIGHTS = '响应率 0.25、按时办结率 0.15、解决率 0.35、满意率 0.25、协办按时率 0.1（合计 1.1）';
const CARD = '综合得分低于 75 或当前红牌工单 ≥ 4 件为红牌；低于 88 或当前红牌工单 ≥ 2 件为黄牌';
/** The defaults' wording, which must not appear anywhere. */
const DEFAULT_WEIGHTS = '响应率 0.2、按时办结率 0.2、解决率 0.3、满意率 0.3';

const sel = (id: string) => `[data-testid="${id}"]`;

describe('the rules in words follow the configuration', () => {
  let dir: string;
  let server: TestServer;
  let redis: TestRedis;
  let browser: TestBrowser;
  let lastId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lianxin-rules-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(CONFIG));
    server = await startWebServer({ env: { HOTLINE_CONFIG: file, HOTLINE_PUSH_MS: '200' } });
    redis = await connectRedis(server.redisUrl);
    lastId = await feed(redis, server.stream, simTraffic({ daysBefore: 2, untilHour: 12 }));
    await serverAt(server, lastId);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await redis?.quit().catch(() => undefined);
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends the numbers in snapshot.rules', async () => {
    const { rules } = await getSnapshot(server.url);
    expect(rules).toMatchObject({ weights: CONFIG.weights, ...CONFIG.thresholds });
  });

  it("writes them in the wall's 口径说明, footer, 五级督办 and 解决一类事", async () => {
    const p = await browser.open(screenUrl(server.url, TOKEN.wall));
    try {
      await waitLive(p, lastId);
      const { page } = p;
      const defs = (await page.textContent(sel('rules-definition')))!;
      expect(defs).toContain(WEIGHTS);
      expect(defs).toContain(CARD);
      expect(defs).not.toContain(DEFAULT_WEIGHTS);
      // The footer says the configured urgent share (notices, when there are some, take its place).
      expect(await page.locator(sel('notices')).count()).toBe(0);
      const hint = (await page.textContent(sel('rules-hint')))!;
      expect(hint).toContain('紧急件剩 30%');
      expect(hint).not.toContain('25%');
      expect(await page.textContent(sel('supervision-3-rule'))).toBe('超期≥2工作日');
      expect(await page.textContent(sel('supervision-4-rule'))).toBe('超期≥6工作日');
      expect(await page.textContent(sel('supervision-5-rule'))).toBe('超期≥12工作日');
      expect(await page.textContent(sel('hot-topics'))).toContain('近4日 同区县同类 ≥6 件');
      await page.screenshot({ path: artifactPath('wall-configured-rules.png') });
      expect(p.errors).toEqual([]);
    } finally {
      await p.page.close();
    }
  }, 240_000);

  it("writes them in the leader's definitions", async () => {
    const p = await browser.open(screenUrl(server.url, TOKEN.leader, '/leader'), { viewport: { width: 1366, height: 900 } });
    try {
      await waitLive(p, lastId);
      const text = (await p.page.textContent(sel('leader-definitions')))!;
      expect(text).toContain('紧急件剩余时间不超过本次派单办理时长的 30%');
      expect(text).toContain('紧急件为派单后 45 分钟');
      expect(text).toContain('超期满 2 个工作日 L3 通报，满 6 个 L4 约谈，满 12 个 L5 移交纪检监察');
      expect(text).toContain('近4日（含今天）同一区县标题含同一关键词的工单 ≥ 6 件');
      expect(text).toContain(WEIGHTS);
      expect(text).toContain(CARD);
    } finally {
      await p.page.close();
    }
  }, 240_000);

  it("writes them in the ranking board's formula and in its XLSX's 口径说明 sheet", async () => {
    const p = await browser.open(screenUrl(server.url, TOKEN.leader, '/rankings'), { viewport: { width: 1366, height: 900 } });
    try {
      await waitLive(p, lastId);
      const { page } = p;
      await page.waitForSelector(`${sel('rankings-view')}[data-from]:not([data-from=""])`);
      const formula = (await page.textContent(sel('formula')))!;
      expect(formula).toContain(WEIGHTS);
      expect(formula).toContain(CARD);
      expect(formula).not.toContain(DEFAULT_WEIGHTS);

      await page.waitForSelector(`${sel('export-xlsx')}:not([disabled])`);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(sel('export-xlsx'))]);
      const path = artifactPath(`configured-${download.suggestedFilename()}`);
      await download.saveAs(path);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const lines: string[] = [];
      wb.getWorksheet('口径说明')!.eachRow((row) => lines.push(String(row.getCell(1).value)));
      const sheet = lines.join('\n');
      expect(sheet).toContain(WEIGHTS);
      expect(sheet).toContain(CARD);
      expect(sheet).not.toContain(DEFAULT_WEIGHTS);
      // The sheet and the page state the same sentences.
      for (const line of lines.slice(2)) expect(formula).toContain(line);
    } finally {
      await p.page.close();
    }
  }, 240_000);
});
