// What the browser tests share: where the built client and the artifacts are, a server that serves
// the built client, and reading every data-testid/data-value pair of a page at once.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { liveProbe, pageWait, type OpenedPage } from '../support/browser.ts';
import { REPO_ROOT } from '../support/child-server.ts';
import { getSnapshot } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { atOrAfter } from '../support/stream.ts';
import { waitFor } from '../support/wait.ts';
import type { Snapshot } from '../../shared/contract/snapshot.ts';

export const DIST = join(REPO_ROOT, 'dist/client');
export const ARTIFACTS = join(REPO_ROOT, 'test-artifacts');
export const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots');

/** The browser tests run against the built client: say so plainly when it is missing. */
export function requireBuiltClient(): void {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build the client first (npx vite build, or npm test)`);
  }
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** A test server (own stream and instance on the shared Redis) that serves the built client. */
export function startWebServer(o: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  requireBuiltClient();
  return startTestServer({ ...o, env: { HOTLINE_STATIC: DIST, ...o.env } });
}

/** Waits until the server has processed the stream up to `entryId`; answers its snapshot then. */
export async function serverAt(server: TestServer, entryId: string, timeoutMs = 30_000): Promise<Snapshot> {
  return waitFor(
    `the server to process up to ${entryId}`,
    async () => {
      const s = await getSnapshot(server.url);
      return atOrAfter(s.lastEntryId, entryId) ? s : null;
    },
    { timeoutMs, everyMs: 100 },
  );
}

/** Every element's data-testid → its data-value (the first element of each test id). */
export async function allDataValues(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll('[data-testid][data-value]')) {
      const id = el.getAttribute('data-testid')!;
      if (!(id in out)) out[id] = el.getAttribute('data-value')!;
    }
    return out;
  });
}

export const dv = (v: number | string | null | undefined): string => (v === null || v === undefined ? 'null' : String(v));

/** Waits until the page is live and holds the server's entry `lastId`. */
export async function waitLive(p: OpenedPage, lastId: string): Promise<void> {
  await pageWait(
    'the page to be live and caught up',
    async () => {
      const s = await liveProbe(p.page);
      return s.phase === 'live' && s.lastEntryId === lastId;
    },
    60_000,
  );
}
