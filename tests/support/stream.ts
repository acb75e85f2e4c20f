// Writing to and reading from the real stream, as a producer and an operator would.
import { createClient } from 'redis';
import { compareStreamIds } from '../../server/store/stream-ids.ts';
import type { Snapshot } from '../../shared/contract/snapshot.ts';
import { getSnapshot } from './http.ts';
import { waitFor } from './wait.ts';

export type TestRedis = Awaited<ReturnType<typeof connectRedis>>;

export async function connectRedis(url: string) {
  const c = createClient({ url, socket: { reconnectStrategy: false } });
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** XADD each event (objects are JSON-encoded into the `event` field); answers the entry ids. */
export async function produce(
  r: TestRedis,
  stream: string,
  events: Array<object | string | Record<string, string>>,
  raw = false,
): Promise<string[]> {
  const ids: string[] = [];
  for (const e of events) {
    const fields = raw ? (e as Record<string, string>) : { event: typeof e === 'string' ? e : JSON.stringify(e) };
    ids.push(await r.xAdd(stream, '*', fields));
  }
  return ids;
}

export interface Rejected {
  id: string;
  entryId: string;
  reason: string;
  raw: string;
}

export async function rejectedEntries(r: TestRedis, stream: string): Promise<Rejected[]> {
  const list = (await r.xRange(`${stream}:rejected`, '-', '+')) ?? [];
  return list.map((e) => ({ id: e.id, ...(e.message as Record<string, string>) }) as Rejected);
}

/** The newest entry of a stream: its id and `event` field. */
export async function newestEntry(r: TestRedis, stream: string): Promise<{ id: string; event: string }> {
  const [last] = (await r.xRevRange(stream, '+', '-', { COUNT: 1 })) ?? [];
  if (!last) throw new Error(`${stream} is empty`);
  return { id: last.id, event: (last.message as Record<string, string>).event };
}

export const atOrAfter = (id: string | null, target: string) => id !== null && compareStreamIds(id, target) >= 0;

/** Wait until the instance has made `id` durable (its stored position reached it). */
export async function waitDurable(r: TestRedis, instance: string, id: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(`${instance} durable at ${id}`, async () => atOrAfter((await r.hGet(`lianxin:${instance}:meta`, 'position')) ?? null, id), {
    timeoutMs,
  });
}

/** Writes `events` to a Redis of its own (a connection just for this), then waits until they are durable and in the server's snapshot. */
export async function produceAndWait(
  redisUrl: string,
  server: { url: string; stream: string; instance: string },
  events: object[],
): Promise<Snapshot> {
  const r = await connectRedis(redisUrl);
  const ids = await produce(r, server.stream, events);
  await waitDurable(r, server.instance, ids.at(-1)!);
  await r.close();
  return waitFor('the snapshot', async () => {
    const s = await getSnapshot(server.url);
    return atOrAfter(s.lastEntryId, ids.at(-1)!) ? s : null;
  });
}
