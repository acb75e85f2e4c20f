// XREADGROUP, sent raw and parsed here: node-redis's own reply transform fails on a pending entry
// whose fields are gone (XDEL'd after delivery), which would stop the consumer for good. Such an
// entry comes back with empty fields and is rejected as `no-event` like any entry without `event`.
import type { StreamEntry } from '../../shared/contract/events.ts';
import type { RedisClient } from './redis.ts';

export interface ReadOptions {
  group: string;
  consumer: string;
  stream: string;
  /** '0': this consumer's pending entries (delivered, never acknowledged); '>': new entries. */
  from: '0' | '>';
  count: number;
  blockMs?: number;
}

export async function readGroup(conn: RedisClient, o: ReadOptions): Promise<StreamEntry[]> {
  const args = ['XREADGROUP', 'GROUP', o.group, o.consumer, 'COUNT', String(o.count)];
  if (o.blockMs !== undefined && o.from === '>') args.push('BLOCK', String(o.blockMs));
  args.push('STREAMS', o.stream, o.from);
  const reply: unknown = await conn.sendCommand(args);
  return parseReadReply(reply, o.stream);
}

/** RESP3 answers a map (a plain object here, or a Map), RESP2 an array of [name, entries]. */
export function parseReadReply(reply: unknown, stream: string): StreamEntry[] {
  if (reply === null || reply === undefined) return [];
  let raw: unknown;
  if (reply instanceof Map) raw = reply.get(stream) ?? [...reply.values()][0];
  else if (Array.isArray(reply)) raw = (reply[0] as unknown[] | undefined)?.[1];
  else if (typeof reply === 'object') raw = (reply as Record<string, unknown>)[stream] ?? Object.values(reply)[0];
  if (!Array.isArray(raw)) return [];
  return raw.map((item) => {
    const [id, fieldList] = item as [unknown, unknown];
    return { id: String(id), fields: toFields(fieldList) };
  });
}

function toFields(list: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (Array.isArray(list)) {
    for (let i = 0; i + 1 < list.length; i += 2) fields[String(list[i])] = String(list[i + 1]);
  } else if (list instanceof Map) {
    for (const [k, v] of list) fields[String(k)] = String(v);
  } else if (list && typeof list === 'object') {
    for (const [k, v] of Object.entries(list)) fields[k] = String(v);
  }
  return fields;
}
