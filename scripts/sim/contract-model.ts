// A reference of the contract's ticket rules (events.md: the state table and "What is rejected"),
// small enough to read at a glance: the generator's test checks every entry against it.
import { makeEventSchema, type HotlineEvent, type RejectCode, type TicketState } from '../../shared/contract/events.ts';

export type Outcome = 'applied' | 'duplicate' | RejectCode;

interface Ticket {
  state: TicketState;
  dept: string | null;
  dueAt: number;
}

const ALLOWED: Record<string, readonly TicketState[]> = {
  'ticket.assigned': ['new'],
  'ticket.signed': ['assigned'],
  'ticket.returned': ['assigned', 'signed'],
  'ticket.extended': ['assigned', 'signed'],
  'ticket.replied': ['signed'],
  'ticket.visited': ['replied', 'closed'],
  'ticket.reopened': ['replied', 'closed'],
  'ticket.supervised': ['new', 'assigned', 'signed', 'replied'],
};

const NEXT: Record<string, TicketState | undefined> = {
  'ticket.assigned': 'assigned',
  'ticket.signed': 'signed',
  'ticket.returned': 'new',
  'ticket.replied': 'replied',
  'ticket.closed': 'closed',
  'ticket.reopened': 'new',
};

export class ContractModel {
  readonly tickets = new Map<string, Ticket>();
  private readonly ids = new Set<string>();
  private readonly schema;

  constructor(districtCodes: readonly string[]) {
    this.schema = makeEventSchema(districtCodes);
  }

  /** What a consumer does with this entry, and applies it when valid. */
  offer(fields: Record<string, string>): Outcome {
    if (!('event' in fields)) return 'no-event';
    let raw: unknown;
    try {
      raw = JSON.parse(fields.event);
    } catch {
      return 'not-json';
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return 'not-json';
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) return 'schema';
    const e = parsed.data;
    if (this.ids.has(e.id)) return 'duplicate';
    const code = 'ticketId' in e ? this.check(e) : null;
    if (code) return code;
    this.ids.add(e.id);
    if ('ticketId' in e) this.apply(e);
    return 'applied';
  }

  private check(e: Extract<HotlineEvent, { ticketId: string }>): RejectCode | null {
    const t = this.tickets.get(e.ticketId);
    if (e.type === 'ticket.created') return t ? 'ticket-exists' : null;
    if (!t) return 'unknown-ticket';
    const allowed = e.type === 'ticket.closed' ? [e.direct ? 'new' : 'replied'] : ALLOWED[e.type];
    if (!allowed.includes(t.state)) return 'bad-state';
    if ('deptId' in e && e.deptId !== t.dept) return 'wrong-dept';
    const at = Date.parse(e.at);
    if (e.type === 'ticket.assigned' && (Date.parse(e.dueAt) <= at || (e.signDueAt && Date.parse(e.signDueAt) <= at))) return 'bad-deadline';
    if (e.type === 'ticket.extended' && Date.parse(e.dueAt) <= t.dueAt) return 'bad-deadline';
    return null;
  }

  private apply(e: Extract<HotlineEvent, { ticketId: string }>): void {
    if (e.type === 'ticket.created') {
      this.tickets.set(e.ticketId, { state: 'new', dept: null, dueAt: 0 });
      return;
    }
    const t = this.tickets.get(e.ticketId)!;
    if (e.type === 'ticket.assigned') {
      t.dept = e.dept.id;
      t.dueAt = Date.parse(e.dueAt);
    }
    if (e.type === 'ticket.extended') t.dueAt = Date.parse(e.dueAt);
    if (e.type === 'ticket.returned') t.dept = null;
    t.state = NEXT[e.type] ?? t.state;
  }
}
