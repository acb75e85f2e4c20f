// The built page under the server's Content-Security-Policy (server/http/security.ts) in real
// Chromium: the wall (ECharts, the map, the fonts), the leader console and the ranking board run
// live with no CSP violation reported, neither as an event nor in the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, pageWait, screenUrl, type OpenedPage, type TestBrowser } from '../support/browser.ts';
import type { TestServer } from '../support/server.ts';
import { connectRedis, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { serverAt, startWebServer, waitLive } from './common.ts';
import { feed, simTraffic } from './traffic.ts';

/** Collects securitypolicyviolation events from the first moment of the page. */
const RECORD_VIOLATIONS = () => {
  const w = window as unknown as { __csp: string[] };
  w.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

let server: TestServer;
let redis: TestRedis;
let browser: TestBrowser;
let lastId: string;

beforeAll(async () => {
  server = await startWebServer();
  redis = await connectRedis(server.redisUrl);
  lastId = await feed(redis, server.stream, simTraffic({ daysBefore: 1, ticketsPerDay: 300 }));
  await serverAt(server, lastId);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await redis?.close();
  await server?.close();
});

async function violations(p: OpenedPage): Promise<string[]> {
  const events = await p.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  const consoleLines = p.errors.filter((e) => /Content Security Policy|Refused to/i.test(e));
  return [...events, ...consoleLines];
}

describe('Content-Security-Policy', () => {
  it('the wall, the leader console and the ranking board run with no CSP violation', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const route of ['/wall', '/leader', '/rankings'] as const) {
      const token = route === '/wall' ? TOKEN.wall : TOKEN.leader;
      const p = await browser.open(screenUrl(server.url, token, route), { init: RECORD_VIOLATIONS });
      if (route !== '/rankings') await waitLive(p, lastId);
      // Charts and fonts drawn: the canvases exist and the fonts finished loading.
      await pageWait(`${route}: drawn`, () =>
        p.page.evaluate(async () => {
          await document.fonts.ready;
          return document.querySelectorAll('canvas, svg').length > 0 || document.body.innerText.length > 50;
        }),
      );
      expect(await violations(p), route).toEqual([]);
      await p.page.close();
    }
  });
});
