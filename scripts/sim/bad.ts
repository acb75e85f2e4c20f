// Entries a real stream also carries now and then, not tied to any ticket this run created: events
// for tickets that never existed, events that break the schema, values that are not JSON objects,
// and entries without an `event` field. They keep the consumer's rejection path running.
import type { RejectCode } from '../../shared/contract/events.ts';
import { isoLocal } from './clock.ts';
import type { Rng } from './random.ts';
import type { SimItem } from './types.ts';

type Maker = (rng: Rng, id: string, at: string, district: string) => { expect: RejectCode; fields: Record<string, string> };

const json = (o: unknown) => ({ event: JSON.stringify(o) });

const MAKERS: Maker[] = [
  (rng, id, at) => ({
    expect: 'unknown-ticket',
    fields: json({ v: 1, id, type: 'ticket.signed', at, ticketId: `TA-GHOST-${rng.digits(6)}`, deptId: 'd-zj' }),
  }),
  (rng, id, at) => ({
    expect: 'unknown-ticket',
    fields: json({
      v: 1,
      id,
      type: 'ticket.visited',
      at,
      ticketId: `TA-GHOST-${rng.digits(6)}`,
      resolved: 'yes',
      satisfaction: 'satisfied',
    }),
  }),
  (_r, id, at, district) => ({
    expect: 'schema',
    fields: json({
      v: 1,
      id,
      type: 'ticket.created',
      at,
      ticketId: `${id}-T`,
      channel: 'fax',
      kind: 'complaint',
      category: ['其他'],
      district,
      urgency: 'normal',
      title: '传真来件',
      content: '',
    }),
  }),
  (_r, id, at) => ({ expect: 'schema', fields: json({ v: 1, id, type: 'ticket.created', at, ticketId: `${id}-T`, channel: 'phone' }) }),
  (_r, id, at) => ({ expect: 'schema', fields: json({ v: 1, id, type: 'ticket.deleted', at, ticketId: 'TA0' }) }),
  (_r, id, at) => ({ expect: 'schema', fields: json({ v: 1, id, type: 'call.answered', at, callId: `${id}-C`, waitSec: -3 }) }),
  (_r, id, at) => ({ expect: 'schema', fields: json({ v: 1, id, type: 'agents.status', at: at.slice(0, 19), online: 10, busy: 3 }) }),
  (_r, id, at) => ({ expect: 'schema', fields: json({ v: 2, id, type: 'call.offered', at, callId: `${id}-C` }) }),
  (_r, id, at) => ({ expect: 'not-json', fields: { event: `{"v":1,"id":"${id}","type":"call.offered","at":"${at}"` } }),
  () => ({ expect: 'not-json', fields: { event: 'ERROR: upstream timeout' } }),
  (_r, id) => ({ expect: 'not-json', fields: { event: JSON.stringify([id]) } }),
  (_r, id, at) => ({ expect: 'no-event', fields: { payload: JSON.stringify({ v: 1, id, type: 'call.offered', at, callId: id }) } }),
];

/** `count` stray bad entries at random times within [from, from + spanMs). */
export function strayEntries(rng: Rng, count: number, from: number, spanMs: number, idPrefix: string, district: string): SimItem[] {
  const out: SimItem[] = [];
  for (let i = 0; i < count; i++) {
    const atMs = Math.floor((from + rng.next() * spanMs) / 1000) * 1000;
    const made = rng.pick(MAKERS)(rng, `${idPrefix}-${i}`, isoLocal(atMs), district);
    out.push({ atMs, ...made });
  }
  return out;
}
