// What the scale benchmarks share: a private Redis with the simulator's history in its stream, the
// raw reference every figure is divided by (measured in the same run, so a ratio means the same on
// any machine), the real server as a child process, and its resident memory as the kernel counts it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createClient } from 'redis';
import { defaultConfig } from '../../shared/config.ts';
import { entryFields, generate } from '../sim/index.ts';
import { freePort } from './free-port.ts';
import { ROOT } from './paths.ts';

export const STREAM = 'hotline:events';
/** A plain client to the benchmark's Redis. */
export const benchClient = (url: string) => createClient({ url });
export type Client = ReturnType<typeof benchClient>;

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export interface HistoryOptions {
  days: number;
  perDay: number;
  /** Drop every `ticket.closed`, so each created ticket stays open (a city with a large open book). */
  keepOpen?: boolean;
  seed?: string;
}

/** Writes the simulator's days to the stream, 1,000 entries per MULTI; answers the count and the last id. */
export async function writeHistory(client: Client, o: HistoryOptions): Promise<{ entries: number; lastId: string; ids: string[] }> {
  const start = Date.parse('2026-11-02T00:00:00+08:00');
  const items = generate({
    seed: o.seed ?? 'bench',
    start,
    end: start + o.days * 86_400_000,
    districts: defaultConfig().city.districts,
    ticketsPerDay: o.perDay,
  });
  let entries = 0;
  const ids: string[] = [];
  let m = client.multi();
  let inMulti = 0;
  for (const it of items) {
    if (o.keepOpen && 'event' in it && it.event.type === 'ticket.closed') continue;
    m.xAdd(STREAM, '*', entryFields(it));
    entries++;
    if (++inMulti === 1000) {
      for (const id of await m.exec()) ids.push(String(id));
      m = client.multi();
      inMulti = 0;
    }
  }
  if (inMulti > 0) for (const id of await m.exec()) ids.push(String(id));
  return { entries, lastId: ids[ids.length - 1], ids };
}

/**
 * The raw reference: what any consumer of the stream must do at the least. XREADGROUP COUNT 1000
 * from a group of its own, JSON.parse of each entry, a counter per event type, and the XACKs sent
 * pipelined (not awaited before the next read). Answers entries per second.
 */
export async function referenceDrain(
  url: string,
  group = 'bench-reference',
): Promise<{ entries: number; seconds: number; rate: number; cpuSeconds: number }> {
  const c = createClient({ url });
  await c.connect();
  try {
    await c.xGroupCreate(STREAM, group, '0').catch(() => undefined);
    const counts = new Map<string, number>();
    let entries = 0;
    const acks: Promise<unknown>[] = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (;;) {
      const reply: unknown = await c.sendCommand(['XREADGROUP', 'GROUP', group, 'r', 'COUNT', '1000', 'STREAMS', STREAM, '>']);
      const batch = streamEntries(reply);
      if (batch.length === 0) break;
      const ids: string[] = [];
      for (const [id, fields] of batch) {
        ids.push(id);
        const i = fields.indexOf('event');
        let type = 'no-event';
        if (i >= 0) {
          try {
            type = String((JSON.parse(fields[i + 1]) as { type?: unknown }).type);
          } catch {
            type = 'not-json';
          }
        }
        counts.set(type, (counts.get(type) ?? 0) + 1);
        entries++;
      }
      acks.push(c.xAck(STREAM, group, ids));
    }
    await Promise.all(acks);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return { entries, seconds, rate: entries / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await c.xGroupDestroy(STREAM, group).catch(() => undefined);
    await c.quit();
  }
}

function streamEntries(reply: unknown): Array<[string, string[]]> {
  if (reply === null || reply === undefined) return [];
  let raw: unknown;
  if (reply instanceof Map) raw = [...reply.values()][0];
  else if (Array.isArray(reply)) raw = (reply[0] as unknown[] | undefined)?.[1];
  else if (typeof reply === 'object') raw = Object.values(reply)[0];
  if (!Array.isArray(raw)) return [];
  return raw.map((item) => {
    const [id, list] = item as [unknown, unknown];
    return [String(id), Array.isArray(list) ? list.map(String) : []];
  });
}

/** Resident set size of a process, bytes (VmRSS: what the kernel holds for it, not only the JS heap). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** CPU seconds (user + system) a process has used so far, as the kernel counts them. */
export function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** The redis-server's pid, for its CPU time. */
export async function redisPid(client: Client): Promise<number> {
  return Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]);
}

export interface ServerChild {
  child: ChildProcess;
  url: string;
  /** Milliseconds from the spawn to the first /readyz 200. */
  readyMs: number;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export const BENCH_TOKEN = 'bench';

/** `server/main.ts` in its own process (node --import tsx, as a deploy runs it), timed to /readyz 200. */
export async function spawnServer(redisUrl: string, env: Record<string, string> = {}): Promise<ServerChild> {
  const port = await freePort();
  const t0 = performance.now();
  // LIANXIN_BENCH_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the time goes.
  const extra = (process.env.LIANXIN_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOTLINE_TOKENS: `admin:${BENCH_TOKEN}`,
      REDIS_URL: redisUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      HOTLINE_CLOCK: 'event',
      HOTLINE_STATIC: '/nonexistent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`the server was not ready within 300 s:\n${out}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  return {
    child,
    url,
    readyMs,
    output: () => out,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Waits until the server has made `lastId` durable. */
export async function waitDurable(client: Client, lastId: string, instance = 'main'): Promise<void> {
  while ((await client.hGet(`lianxin:${instance}:meta`, 'position')) !== lastId) await new Promise((r) => setTimeout(r, 20));
}

export async function snapshotOf(
  url: string,
): Promise<{ open: number; ingest: { applied: number; duplicates: number; rejected: number } }> {
  const r = await fetch(`${url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  if (!r.ok) throw new Error(`snapshot: ${r.status}`);
  return (await r.json()) as { open: number; ingest: { applied: number; duplicates: number; rejected: number } };
}

/** A bare node process with tsx, for the floor of start-up time and memory: it only connects to Redis and exits. */
export function spawnBare(redisUrl: string, script: string): Promise<{ ms: number; rss: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', REDIS_URL: redisUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('exit', () => resolve({ ms: performance.now() - t0, rss: Number(/rss=(\d+)/.exec(out)?.[1] ?? NaN) }));
  });
}

export const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
