// The deploy guide's nginx in front (README, "Deploying"): Debian's nginx, non-daemon with its own
// temp prefix, TLS with a self-signed certificate made here, the site under /lianxin/ with the
// WebSocket upgrade. A wall in Chromium goes live over wss through it; /metrics is closed there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type TestBrowser } from '../support/browser.ts';
import { freePort } from '../support/redis-server.ts';
import type { TestServer } from '../support/server.ts';
import { connectRedis, produce, type TestRedis } from '../support/stream.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';
import { created, at } from '../support/events.ts';
import { serverAt, startWebServer, waitLive } from './common.ts';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

/** The README's site block, with the test's ports and files. */
function nginxConf(dir: string, port: number, upstream: number): string {
  return `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events {}
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    add_header Strict-Transport-Security "max-age=31536000" always;
    location = /lianxin { return 301 /lianxin/; }
    location = /lianxin/metrics { deny all; }
    location /lianxin/ {
      proxy_pass http://127.0.0.1:${upstream}/;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
    }
  }
}
`;
}

let server: TestServer;
let redis: TestRedis;
let browser: TestBrowser;
let nginx: ChildProcess;
let dir: string;
let base: string;
let lastId: string;

beforeAll(async () => {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: run bash scripts/setup.sh`);
  server = await startWebServer();
  redis = await connectRedis(server.redisUrl);
  lastId = (await produce(redis, server.stream, [created('N1', at(0)), created('N2', at(1))])).at(-1)!;
  await serverAt(server, lastId);
  dir = mkdtempSync(join(tmpdir(), 'lianxin-nginx-'));
  const cert = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ]);
  if (cert.status !== 0) throw new Error(`openssl failed: ${cert.stderr}`);
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConf(dir, port, server.port));
  nginx = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], { stdio: 'ignore' });
  base = `https://127.0.0.1:${port}/lianxin`;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  await waitFor(
    'nginx to answer',
    () =>
      fetch(`${base}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      ),
    { timeoutMs: 15_000 },
  );
  browser = await launchBrowser({ ignoreHTTPSErrors: true });
});

afterAll(async () => {
  await browser?.close();
  if (nginx && nginx.exitCode === null) {
    const exited = new Promise((r) => nginx.once('exit', r));
    nginx.kill('SIGTERM');
    await exited;
  }
  delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  await redis?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('behind nginx with TLS under /lianxin/', () => {
  it('serves the page and the API under the sub-path, with the security headers; /metrics is closed', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('strict-transport-security')).toContain('max-age');
    const snap = await fetch(`${base}/api/v1/snapshot`, { headers: { authorization: `Bearer ${TOKEN.wall}` } });
    expect(((await snap.json()) as { lastEntryId: string }).lastEntryId).toBe(lastId);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN.admin}` } })).status).toBe(403);
  });

  it('a program connects Socket.IO over wss at /lianxin/socket.io/', async () => {
    const s = io(new URL(base).origin, {
      path: '/lianxin/socket.io/',
      transports: ['websocket'],
      auth: { token: TOKEN.wall },
      rejectUnauthorized: false,
      reconnection: false,
      forceNew: true,
    });
    const snap = await new Promise<{ lastEntryId: string }>((resolve, reject) => {
      s.once('snapshot', resolve);
      s.once('connect_error', reject);
    });
    s.close();
    expect(snap.lastEntryId).toBe(lastId);
  });

  it('a wall in Chromium goes live through the proxy, upgraded to a WebSocket (101 in nginx log)', async () => {
    const p = await browser.open(`${base}/?token=${TOKEN.wall}#/wall`);
    await waitLive(p, lastId);
    expect(p.errors.filter((e) => /Content Security Policy|Refused/i.test(e))).toEqual([]);
    await p.page.close();
    // nginx logs a WebSocket when it closes.
    const line = await waitFor('the websocket in the access log', () =>
      readFileSync(join(dir, 'access.log'), 'utf8')
        .split('\n')
        .find((l) => l.includes('GET /lianxin/socket.io/?EIO=4&transport=websocket') && / 101 /.test(l)),
    );
    expect(line).toBeTruthy();
  });
});
