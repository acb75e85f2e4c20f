// A private redis-server for `npm start` when REDIS_URL is not given: 127.0.0.1 on a free port,
// append-only files in data/redis, stopped (and its AOF flushed) when we stop.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

export interface RedisChild {
  url: string;
  stop(): Promise<void>;
}

/**
 * The managed Redis's password: made once (256 bits), kept in data/redis.pass (mode 600). It goes to
 * redis-server in a config file (data/redis.conf, mode 600), never on its command line, where `ps`
 * would show it, and it is never printed (the URL is redacted).
 */
export function redisPassword(dataDir: string): string {
  const file = join(dataDir, 'redis.pass');
  if (existsSync(file)) {
    const p = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(p)) return p;
  }
  const p = randomBytes(32).toString('hex');
  writeFileSync(file, `${p}\n`, { mode: 0o600 });
  return p;
}

/** AUTH then PING over a raw socket: true on +PONG. */
function ping(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.once('error', () => done(false));
    let buf = '';
    sock.once('connect', () => sock.write(`AUTH ${password}\r\nPING\r\n`));
    sock.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('+PONG')) done(true);
      else if (buf.startsWith('-')) done(false);
    });
  });
}

export async function startRedisChild(dataDir: string): Promise<RedisChild> {
  const dir = join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const log = createWriteStream(join(dataDir, 'redis.log'), { flags: 'a' });
  const password = redisPassword(dataDir);
  const conf = join(dataDir, 'redis.conf');
  writeFileSync(conf, `requirepass ${password}\n`, { mode: 0o600 });
  const args = [
    conf,
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--appendonly',
    'yes',
    '--dir',
    dir,
    '--save',
    '',
    '--daemonize',
    'no',
  ];
  // Its own process group: a Ctrl-C in the terminal reaches us, and we stop Redis after the server.
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let spawnError: Error | null = null;
  child.once('error', (err) => (spawnError = err));
  // If we die without stopping it, take it with us.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);

  const deadline = Date.now() + 15_000;
  while (!(await ping(port, password))) {
    if (spawnError) throw new Error(`cannot run redis-server: ${(spawnError as Error).message} (run: bash scripts/setup.sh)`);
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}; see ${join(dataDir, 'redis.log')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not answer within 15 s; see ${join(dataDir, 'redis.log')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      log.end();
    },
  };
}
