// Access in real Chromium (issue 9 §1): a wall opened with no credential shows a pairing code, an
// admin approves it on the admin page (another browser), the wall starts as the named wall; revoked,
// it drops back to a pairing code. A token in a person's link leaves the address bar at once and
// the session cookie carries the next load. No token is ever in the wall's URL or history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { WallListItem } from '../../shared/contract/snapshot.ts';
import { launchBrowser, pageWait, screenUrl, type TestBrowser } from '../support/browser.ts';
import { call } from '../support/http.ts';
import type { TestServer } from '../support/server.ts';
import { TOKEN } from '../support/tokens.ts';
import { startWebServer } from './common.ts';

let server: TestServer;
let wallBrowser: TestBrowser;
let adminBrowser: TestBrowser;

beforeAll(async () => {
  server = await startWebServer();
  wallBrowser = await launchBrowser();
  adminBrowser = await launchBrowser({ viewport: { width: 1366, height: 900 } });
}, 60_000);

afterAll(async () => {
  await wallBrowser?.close();
  await adminBrowser?.close();
  await server?.close();
});

const sel = (id: string) => `[data-testid="${id}"]`;
const codeOn = (page: Page) => page.getAttribute(sel('pair-code'), 'data-value');
/** Every URL this page's history has shown, as far as the page can tell (its entries' count and the current one). */
const addressOf = (page: Page) => page.evaluate(() => ({ href: location.href, entries: history.length }));

describe('a paired wall', () => {
  it('shows a code, is approved on the admin page, starts as the named wall, and drops back when revoked', async () => {
    const { page: wall, errors } = await wallBrowser.open(`${server.url}/#/wall`);
    const code = await pageWait('a pairing code on the wall', async () => (await codeOn(wall)) || null, 20_000);
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    expect(await wall.locator(`${sel('pair-qr')} svg`).count()).toBe(1);

    // The admin opens the link from the QR code (the code filled in), signing in with a token link.
    const adminUrl = `${server.url}/?token=${encodeURIComponent(TOKEN.admin)}#/admin?pair=${code}`;
    const { page: admin } = await adminBrowser.open(adminUrl);
    await admin.waitForSelector(`${sel('admin-view')}[data-role="admin"]`, { timeout: 20_000 });
    expect(admin.url()).not.toContain(TOKEN.admin);
    expect(await admin.inputValue(sel('pair-input-code'))).toBe(code);
    await admin.fill(sel('pair-input-name'), 'hall');
    await admin.click(sel('pair-approve'));
    await admin.waitForSelector(`${sel('pair-message')}.ok`);

    // The wall starts by itself, as 'hall'.
    await wall.waitForSelector(sel('wall'), { timeout: 30_000 });
    const walls = await pageWait(
      'the wall online in the list',
      async () => {
        const a = await call<{ items: WallListItem[] }>(server.url, '/api/v1/admin/walls');
        return a.body.items.find((w) => w.name === 'hall' && w.online > 0) ?? null;
      },
      20_000,
    );
    expect(walls.build).toMatch(/\.js$/);
    await admin.reload();
    await admin.waitForSelector(`${sel('wall-row')}[data-value="hall"]`, { timeout: 20_000 });
    expect(admin.url()).not.toContain('token=');
    const cookies = await wallBrowser.context.cookies();
    expect(cookies.find((c) => c.name === 'lx_wall')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const addr = await addressOf(wall);
    expect(addr.href).not.toContain('token');

    // Revoked on the admin page: the wall drops back to a (new) pairing code within seconds.
    admin.once('dialog', (d) => void d.accept());
    await admin.click(`${sel('wall-row')}[data-value="hall"] ${sel('wall-revoke')}`);
    const again = await pageWait('a pairing code again', async () => (await codeOn(wall)) || null, 30_000);
    expect(again).toMatch(/^[A-Z2-9]{6}$/);
    expect(again).not.toBe(code);
    expect(errors.filter((e) => !/401|Unauthorized/i.test(e))).toEqual([]);
  });
});

describe('a person’s token link', () => {
  it('leaves the address bar at once, and the session cookie carries the next load', async () => {
    const { page } = await adminBrowser.open(screenUrl(server.url, TOKEN.leader, '/leader'));
    await page.waitForSelector(`${sel('leader-view')}[data-role="leader"]`, { timeout: 20_000 });
    expect(page.url()).not.toContain('token');
    expect(page.url()).toContain('#/leader');
    const session = (await adminBrowser.context.cookies()).find((c) => c.name === 'lx_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(session!.value).not.toContain(TOKEN.leader);

    await page.reload();
    await page.waitForSelector(`${sel('leader-view')}[data-role="leader"]`, { timeout: 20_000 });
    expect(page.url()).not.toContain('token');
    // Replaced, not pushed: the entry before is the blank page the tab opened with, not the token link.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
  });

  it('asks a browser with no credential to sign in on a person’s page', async () => {
    const { page } = await wallBrowser.open(`${server.url}/#/leader`);
    await page.waitForSelector(sel('signin'), { timeout: 20_000 });
  });
});
