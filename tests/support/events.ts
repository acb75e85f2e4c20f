// Events as producers send them (events.md), for tests. Times are local (+08:00) on fixed dates so
// runs are deterministic under HOTLINE_CLOCK=event.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function sampleEvents(): Array<Record<string, unknown>> {
  const file = fileURLToPath(new URL('../fixtures/sample-events.jsonl', import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** '2026-11-30T08:00:00+08:00' plus `minutes`. */
export function at(minutes: number, day = '2026-11-30'): string {
  const ms = Date.parse(`${day}T08:00:00+08:00`) + minutes * 60_000;
  const local = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

let seq = 0;
const nextId = (p: string) => `${p}-${process.pid}-${++seq}`;

export function created(ticketId: string, when: string, extra: Record<string, unknown> = {}) {
  return {
    v: 1,
    id: nextId('c'),
    type: 'ticket.created',
    at: when,
    ticketId,
    channel: 'phone',
    kind: 'complaint',
    category: ['城乡建设', '市政设施'],
    district: '370902',
    urgency: 'normal',
    title: '路灯不亮，联系电话13812345678',
    content: '市民反映路灯不亮。',
    citizen: { name: '李四', phone: '13912345678' },
    ...extra,
  };
}

export function assigned(
  ticketId: string,
  when: string,
  deptId = 'd-cg',
  dueAt = at(7 * 24 * 60, '2026-11-30'),
  extra: Record<string, unknown> = {},
) {
  return {
    v: 1,
    id: nextId('a'),
    type: 'ticket.assigned',
    at: when,
    ticketId,
    dept: { id: deptId, name: deptId === 'd-cg' ? '市城管局' : `部门${deptId}`, kind: 'department' },
    dueAt,
    ...extra,
  };
}

export function signed(ticketId: string, when: string, deptId = 'd-cg') {
  return { v: 1, id: nextId('s'), type: 'ticket.signed', at: when, ticketId, deptId };
}

export function replied(ticketId: string, when: string, deptId = 'd-cg') {
  return { v: 1, id: nextId('r'), type: 'ticket.replied', at: when, ticketId, deptId, summary: '已处理' };
}

export function callOffered(when: string) {
  return { v: 1, id: nextId('call'), type: 'call.offered', at: when, callId: nextId('cid') };
}

/**
 * A mixed stream of `tickets` tickets' lives with calls, plus known duplicates and rejections.
 * Answers the events in stream order and what a correct consumer must count.
 */
export function traffic(tickets: number, prefix: string) {
  const events: Array<Record<string, unknown>> = [];
  let duplicates = 0;
  let rejected = 0;
  for (let i = 0; i < tickets; i++) {
    const t = `${prefix}-${i}`;
    const m = i % 600;
    const c = created(t, at(m));
    events.push(c);
    events.push(callOffered(at(m)));
    if (i % 3 !== 0) {
      events.push(assigned(t, at(m + 10)));
      if (i % 3 === 1) events.push(signed(t, at(m + 20)));
    }
    if (i % 10 === 0) {
      events.push({ ...c }); // the same id again: a duplicate
      duplicates++;
    }
    if (i % 17 === 0) {
      events.push(signed(`${t}-missing`, at(m + 1))); // unknown-ticket
      rejected++;
    }
  }
  return { events, applied: events.length - duplicates - rejected, duplicates, rejected };
}
