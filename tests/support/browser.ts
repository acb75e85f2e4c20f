// Real Chromium (playwright-core, the system's /usr/bin/chromium) for the browser tests and the render
// benchmark: a fresh profile folder per launch, removed on close; pages opened with a token; the
// screen's data-value hooks read back; the live store's seq and lastEntryId read from the page.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { waitFor } from './wait.ts';

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A page in a background tab must keep rendering (several pages share one browser here).
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

export interface Viewport {
  width: number;
  height: number;
}

export const FULL_HD: Viewport = { width: 1920, height: 1080 };
export const UHD_4K: Viewport = { width: 3840, height: 2160 };

export interface OpenedPage {
  page: Page;
  /** console.error lines and uncaught exceptions seen so far. */
  errors: string[];
}

export interface TestBrowser {
  context: BrowserContext;
  /** A new page at this size (device scale factor 1) showing `url`. */
  open(url: string, o?: { viewport?: Viewport; init?: string | (() => void) }): Promise<OpenedPage>;
  close(): Promise<void>;
}

/**
 * Chromium with a profile folder of its own (a persistent context: playwright takes the profile
 * that way rather than as --user-data-dir), headless, no GPU, nothing fetched from outside.
 */
export async function launchBrowser(o: { viewport?: Viewport; ignoreHTTPSErrors?: boolean } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'lianxin-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: o.viewport ?? FULL_HD,
      deviceScaleFactor: 1,
      acceptDownloads: true,
      // A test's own self-signed certificate (the nginx + TLS test).
      ignoreHTTPSErrors: o.ignoreHTTPSErrors ?? false,
      timeout: 30_000,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  // The persistent context opens a blank page: close it so only our pages exist.
  for (const p of context.pages()) await p.close().catch(() => undefined);
  let closed = false;
  return {
    context,
    async open(url, po = {}) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      if (po.viewport) await page.setViewportSize(po.viewport);
      if (po.init) await page.addInitScript(po.init);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return { page, errors };
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The page's URL: `/?token=…[&wall=…][&more]#/route`. */
export function screenUrl(
  base: string,
  token: string,
  route: '/wall' | '/leader' | '/rankings' = '/wall',
  q: Record<string, string> = {},
): string {
  const p = new URLSearchParams({ token, ...q });
  return `${base}/?${p.toString()}#${route}`;
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

/** The data-value of the element with that data-testid, or null when there is no such element. */
export async function dataValue(page: Page, testid: string): Promise<string | null> {
  return page.evaluate((sel) => document.querySelector(sel)?.getAttribute('data-value') ?? null, byTestId(testid));
}

/** Many data-values at once: testid → data-value (null when the element is missing). */
export async function dataValues(page: Page, testids: string[]): Promise<Record<string, string | null>> {
  return page.evaluate(
    (ids) => Object.fromEntries(ids.map((id) => [id, document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? null])),
    testids,
  );
}

/** A number as a data-value shows it (null as "null"). */
export const asDataValue = (v: number | string | null | undefined): string => (v === null || v === undefined ? 'null' : String(v));

export interface LiveProbe {
  /** How the figures were read: the live store (Pinia) or the footer's "#seq" text. */
  via: 'store' | 'footer';
  seq: number | null;
  lastEntryId: string | null;
  phase: string | null;
  stale: boolean | null;
  stats: { snapshots: number; patches: number; gaps: number; failures: number; resyncRequests: number } | null;
}

/**
 * What the page's live store holds now. The client has no data-testid for seq or lastEntryId, so
 * this reads the Pinia store through the mounted app (`#app.__vue_app__`, set by Vue in production
 * builds too) and falls back to the footer's "#<seq>" text.
 */
export async function liveProbe(page: Page): Promise<LiveProbe> {
  return page.evaluate(() => {
    type Store = {
      snapshot: { seq: number; lastEntryId: string | null } | null;
      phase: string;
      stale: boolean;
      stats: LiveProbe['stats'];
    };
    const app = (
      document.querySelector('#app') as unknown as { __vue_app__?: { config: { globalProperties: Record<string, unknown> } } } | null
    )?.__vue_app__;
    const pinia = app?.config.globalProperties.$pinia as { _s?: Map<string, Store> } | undefined;
    const store = pinia?._s?.get('live');
    if (store) {
      const s = store.snapshot;
      return {
        via: 'store' as const,
        seq: s?.seq ?? null,
        lastEntryId: s?.lastEntryId ?? null,
        phase: store.phase,
        stale: store.stale,
        stats: { ...store.stats! },
      };
    }
    const text = document.querySelector('[data-testid="panel-footer"] .seq')?.textContent ?? '';
    const m = /#(\d+)/.exec(text);
    return { via: 'footer' as const, seq: m ? Number(m[1]) : null, lastEntryId: null, phase: null, stale: null, stats: null };
  });
}

/** Polls the page until `probe` answers truthy (page-side work stays in `probe`): waitFor's loop. */
export function pageWait<T>(what: string, probe: () => Promise<T>, timeoutMs = 30_000, everyMs = 50): Promise<NonNullable<T>> {
  return waitFor(what, probe, { timeoutMs, everyMs });
}

/** Scroll extents of the document and whether the body overflows the window. */
export async function scrollExtents(page: Page) {
  return page.evaluate(() => {
    const se = document.scrollingElement ?? document.documentElement;
    return {
      scrollWidth: se.scrollWidth,
      clientWidth: se.clientWidth,
      scrollHeight: se.scrollHeight,
      clientHeight: se.clientHeight,
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
    };
  });
}

/** The bounding box of the element with that data-testid, in CSS pixels of the window. */
export async function boxOf(page: Page, testid: string) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel)?.getBoundingClientRect();
    return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
  }, byTestId(testid));
}
