// A real redis-server for tests: a free port on 127.0.0.1, its own temp folder, appendonly on by
// default (what the managed Redis runs with). stop() and start() again on the same port and folder
// is a Redis restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server';

export interface RedisProcess {
  url: string;
  port: number;
  dir: string;
  /** Start again (after stop/kill) on the same port and folder. */
  start(): Promise<void>;
  /** SIGTERM: Redis saves (fsyncs the AOF) and exits. */
  stop(): Promise<void>;
  /** SIGKILL: no goodbye. */
  kill(): Promise<void>;
  /** SIGSTOP: Redis hangs (connections stay open, nothing answers). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** stop() and remove the folder. */
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host: '127.0.0.1' });
    let buf = '';
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.once('error', () => done(false));
    sock.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
    sock.once('connect', () => sock.write('PING\r\n'));
  });
}

export async function startRedisServer(opts: { appendonly?: boolean } = {}): Promise<RedisProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    opts.appendonly === false ? 'no' : 'yes',
    '--save',
    '',
    '--daemonize',
    'no',
    '--logfile',
    '',
  ];
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    log = '';
    const c = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    c.stdout!.on('data', (d) => (log = (log + d.toString()).slice(-4000)));
    c.stderr!.on('data', (d) => (log = (log + d.toString()).slice(-4000)));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (c.exitCode !== null) break;
      if (await ping(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    c.kill('SIGKILL');
    throw new Error(`redis-server on port ${port} did not start:\n${log}`);
  };

  const signal = async (sig: NodeJS.Signals) => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill(sig);
    await exited;
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    start,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    destroy: async () => {
      child?.kill('SIGCONT'); // a stopped process would not act on SIGTERM
      await signal('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
