// npm run bench:start: seconds from `npm start` to the first figure on the wall, as a new user sees
// it: a fresh data folder (new tokens, a new private Redis, an empty stream the simulator back-fills),
// the client already built (a first build adds its own time, printed by npm start), the wall opened
// in headless Chromium the moment the URL is printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort } from './lib/free-port.ts';
import { ROOT } from './lib/paths.ts';

const data = mkdtempSync(join(tmpdir(), 'lianxin-bench-start-'));
const profile = mkdtempSync(join(tmpdir(), 'lianxin-bench-start-chromium-'));
const port = await freePort();
const t0 = performance.now();
const since = () => ((performance.now() - t0) / 1000).toFixed(2);
const child = spawn('npm', ['start'], {
  cwd: ROOT,
  env: { ...process.env, LIANXIN_DATA: data, PORT: String(port), REDIS_URL: '', HOTLINE_TOKENS: '' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`no wall URL after 120 s:\n${out}`)), 120_000);
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /wall\s+(http:\/\/127\.0\.0\.1:\d+\/\?token=[^\s#]+#\/wall)/.exec(out);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
  child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${out}`)));
});
const urlAt = since();
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1920, height: 1080 },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid="today-created"]:not([data-value="null"])', { timeout: 60_000 });
  const figureAt = since();
  const first = await page.getAttribute('[data-testid="today-created"]', 'data-value');
  // The simulator back-fills the month first; today's tickets come last.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="today-created"]')?.getAttribute('data-value')) > 0, null, {
    timeout: 120_000,
  });
  const todayAt = since();
  const today = await page.getAttribute('[data-testid="today-created"]', 'data-value');
  console.log(`npm start printed the wall URL after ${urlAt} s`);
  console.log(`the first figure was on screen after ${figureAt} s (today created: ${first})`);
  console.log(`today's back-filled tickets were on screen after ${todayAt} s (today created: ${today})`);
} finally {
  await browser.close();
  try {
    process.kill(-child.pid!, 'SIGINT');
  } catch {
    // already gone
  }
  await new Promise((r) => child.once('exit', r));
  rmSync(data, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
