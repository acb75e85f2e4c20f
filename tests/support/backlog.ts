// A backlog spanning nine days of event time, as a producer wrote it before the command centre ever
// ran: a call every 2.5 minutes, one ticket's whole life, and copies of applied entries re-sent
// minutes, hours, 6 days 20 hours and more than 7 days after their originals (events.md: ids are
// remembered for 7 days of event time). Pure data, shared by the core's unit test and the live
// server's integration test; the expected counts are worked out by hand below.

const DAY = 86_400_000;
const MINUTE = 60_000;
/** 2026-11-01 00:00 in Tai'an (+08:00). */
const START = Date.parse('2026-11-01T00:00:00+08:00');

/** Day `d` of the backlog (0-8), local 'HH:mm'. */
export const backlogAt = (d: number, hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return START + d * DAY + (h * 60 + m) * MINUTE;
};

function iso(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

interface Planned {
  /** When the entry reaches the stream, in event time: where it goes in stream order. */
  arrives: number;
  event: Record<string, unknown>;
}

export interface Backlog {
  /** Each entry's `event` field, in stream order. */
  events: Array<Record<string, unknown>>;
  applied: number;
  duplicates: number;
  rejected: number;
  /** The copy that comes more than 7 days after its original ticket.created: rejected, not a duplicate. */
  rejectedIds: string[];
}

const TICKET = 'BL-T1';

export function backlog(prefix = 'bl'): Backlog {
  const planned: Planned[] = [];
  const add = (arrives: number, event: Record<string, unknown>) => planned.push({ arrives, event });
  const copy = (arrives: number, event: Record<string, unknown>) => add(arrives, { ...event });

  // Fillers: a call every 2.5 minutes for nine days (5184 entries), so one large batch holds
  // more than 4096 applied ids and spans days of event time.
  let fillers = 0;
  for (let t = START; t < START + 9 * DAY; t += 2.5 * MINUTE) {
    add(t + 1, { v: 1, id: `${prefix}-call-${fillers}`, type: 'call.offered', at: iso(t + 1), callId: `${prefix}-cid-${fillers}` });
    fillers++;
  }

  const call = (id: string, at: number) => ({ v: 1, id: `${prefix}-${id}`, type: 'call.offered', at: iso(at), callId: `${prefix}-${id}` });
  const ticket = (id: string, type: string, at: number, extra: Record<string, unknown> = {}) => ({
    v: 1,
    id: `${prefix}-${id}`,
    type,
    at: iso(at),
    ticketId: `${prefix}-${TICKET}`,
    ...extra,
  });

  const o1 = call('o1', backlogAt(0, '08:00'));
  add(backlogAt(0, '08:00'), o1);
  copy(backlogAt(0, '08:05'), o1); // 5 minutes later: duplicate

  const created = ticket('created', 'ticket.created', backlogAt(0, '09:00'), {
    channel: 'phone',
    kind: 'complaint',
    category: ['城乡建设', '市政设施', '路灯'],
    district: '370902',
    urgency: 'normal',
    title: '路灯不亮',
    content: '市民反映小区门口路灯不亮。',
  });
  add(backlogAt(0, '09:00'), created);
  const dept = { id: 'd-cg', name: '市城管局', kind: 'department' };
  add(backlogAt(0, '09:10'), ticket('assigned', 'ticket.assigned', backlogAt(0, '09:10'), { dept, dueAt: iso(backlogAt(5, '09:10')) }));
  const signed = ticket('signed', 'ticket.signed', backlogAt(0, '09:20'), { deptId: 'd-cg' });
  add(backlogAt(0, '09:20'), signed);
  add(backlogAt(0, '10:00'), ticket('replied', 'ticket.replied', backlogAt(0, '10:00'), { deptId: 'd-cg', summary: '已修复' }));
  add(backlogAt(0, '11:00'), ticket('closed', 'ticket.closed', backlogAt(0, '11:00')));
  copy(backlogAt(0, '12:00'), created); // 3 hours later: duplicate (not ticket-exists)
  copy(backlogAt(0, '16:20'), signed); // 7 hours later: duplicate (not bad-state)
  const visited = ticket('visited', 'ticket.visited', backlogAt(1, '08:00'), { resolved: 'yes', satisfaction: 'satisfied' });
  add(backlogAt(1, '08:00'), visited); // the closed ticket's visit: applied

  const o3 = call('o3', backlogAt(1, '10:00'));
  add(backlogAt(1, '10:00'), o3);
  copy(backlogAt(8, '06:00'), o3); // 6 days 20 hours later: duplicate
  copy(backlogAt(8, '04:00'), visited); // 6 days 20 hours later, the ticket long closed: duplicate

  const o4 = call('o4', backlogAt(0, '20:00'));
  add(backlogAt(0, '20:00'), o4);
  copy(backlogAt(7, '21:00'), o4); // 7 days 1 hour later: forgotten, so applied again
  copy(backlogAt(7, '22:00'), created); // 7 days 13 hours later: forgotten; the ticket exists: ticket-exists

  // Stable sort: an entry and a copy arriving at the same moment keep the order written above.
  planned.sort((a, b) => a.arrives - b.arrives);
  return {
    events: planned.map((p) => p.event),
    // The fillers, o1, the ticket's six events, o3, o4 and o4's late copy.
    applied: fillers + 1 + 6 + 1 + 1 + 1,
    // o1 after 5 min, created after 3 h, signed after 7 h, o3 and the visit after 6 d 20 h.
    duplicates: 5,
    rejected: 1,
    rejectedIds: [created.id as string],
  };
}
