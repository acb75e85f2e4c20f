// The server as a process: plain node on the build (`npm run build` → dist/server/main.js) starts and
// logs JSON lines; SIGTERM lets a request in flight finish before the process exits.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnServer, type ChildServer } from '../support/child-server.ts';
import { testEnv } from '../support/server.ts';
import { TOKEN } from '../support/tokens.ts';
import { waitFor } from '../support/wait.ts';

const children: ChildServer[] = [];

beforeAll(() => {
  // The server half of `npm run build` (fast); the client half is not needed here.
  const r = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build:server failed: ${r.stderr}`);
});

afterAll(async () => {
  for (const c of children) await c.kill('SIGKILL');
});

describe('the compiled server', () => {
  it('runs on plain node, answers, and logs one JSON object per line', async () => {
    const c = spawnServer(testEnv(), { compiled: true });
    children.push(c);
    const url = await c.url();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${TOKEN.leader}` } });
    expect(await me.json()).toEqual({ role: 'leader', label: '张主任' });
    // The request line comes after the answer: wait for it.
    const lines = await waitFor('the request log line', () => {
      const ls = c
        .output()
        .split('\n')
        .filter((l) => l.trim() !== '');
      return ls.some((l) => l.includes('/api/v1/me')) ? ls : null;
    });
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const req = parsed.find((p) => String(p.msg).includes('/api/v1/me'))!;
    expect(req).toMatchObject({ level: 30, person: '张主任', res: { statusCode: 200 } });
    expect(typeof req.responseTime).toBe('number');
    expect((req.req as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.output()).not.toContain(TOKEN.leader);
    await c.kill('SIGTERM');
    expect((await c.exited).code).toBe(0);
  });
});

describe('SIGTERM', () => {
  it('finishes a request in flight, then exits 0', async () => {
    const c = spawnServer(testEnv());
    children.push(c);
    const url = new URL(await c.url());
    const body = JSON.stringify({ level: 1 });
    const sock = connect(Number(url.port), url.hostname);
    let answer = '';
    sock.on('data', (d) => (answer += d.toString()));
    await new Promise((r) => sock.once('connect', r));
    // Headers only, asking to continue: the 100 tells us the server holds the request.
    sock.write(
      `POST /api/v1/tickets/NOPE/supervise HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${TOKEN.leader}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    await waitFor('100 Continue', () => answer.includes('100 Continue'));
    c.child.kill('SIGTERM');
    await waitFor('the shutdown to begin', () => c.output().includes('SIGTERM'));
    // Stopped listening: a new connection is refused while the old request is still open.
    await waitFor('new connections refused', () =>
      fetch(`${url.origin}/healthz`).then(
        () => false,
        () => true,
      ),
    );
    expect(c.child.exitCode).toBeNull();
    sock.write(body);
    await waitFor('the answer', () => answer.includes('\r\n\r\n{'));
    expect(answer).toMatch(/HTTP\/1\.1 404/);
    expect(answer).toContain('no ticket NOPE');
    sock.destroy();
    expect((await c.exited).code).toBe(0);
  });
});
