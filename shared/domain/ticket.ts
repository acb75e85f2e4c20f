// A leader's view of one ticket (GET /api/v1/tickets/:id): current fields, colour and why, levels,
// and the masked timeline. The store supplies the stored details and timeline strings.
import type { EventOf, TicketEvent, TicketState } from '../contract/events.ts';
import type { TicketAnswer, TimelineItem } from '../contract/snapshot.ts';
import { overdueWorkingDays } from './calendar.ts';
import { coHandlersOf } from './cohandling.ts';
import { assess, moment } from './colour.ts';
import { whyText } from '../rules-text.ts';
import { personalDataNote, type StoredDetails } from './personal-data.ts';
import { maskName, maskPhone, maskText, type CitizenData } from './privacy.ts';
import { configuredDeptName, type Rules } from './rules.ts';
import type { CoreState } from './state.ts';
import { HOUR } from './time.ts';

export function ticketStatus(state: CoreState, ticketId: string): TicketState | null {
  return state.tickets.get(ticketId)?.state ?? null;
}

/** Free text a producer wrote: masked before a leader reads it. */
const TEXT_FIELDS: ReadonlySet<string> = new Set(['reason', 'summary', 'note']);

type Shown<T extends TicketEvent['type']> = Exclude<keyof EventOf<T>, 'v' | 'type' | 'at' | 'ticketId'>;

/**
 * The fields of each ticket event worth reading on the timeline (never the citizen, the content or
 * the title). One entry per ticket event type: a new type does not compile until it says its own.
 */
const TIMELINE_FIELDS: { [T in TicketEvent['type']]: readonly Shown<T>[] } = {
  'ticket.created': ['id', 'channel', 'kind', 'urgency', 'district'],
  'ticket.assigned': ['id', 'dept', 'dueAt', 'signDueAt'],
  'ticket.signed': ['id', 'deptId'],
  'ticket.returned': ['id', 'deptId', 'reason'],
  'ticket.extended': ['id', 'deptId', 'dueAt', 'reason'],
  'ticket.replied': ['id', 'deptId', 'summary'],
  'ticket.visited': ['id', 'resolved', 'satisfaction'],
  'ticket.closed': ['id', 'direct'],
  'ticket.reopened': ['id', 'reason'],
  'ticket.supervised': ['id', 'level', 'by', 'note'],
  'ticket.coassigned': ['id', 'dept', 'dueAt'],
  'ticket.coreplied': ['id', 'deptId', 'summary'],
};

/** One applied event for the timeline: type, time and the fields worth reading, masked (the citizen's name too). */
export function timelineItem(raw: string, citizen?: CitizenData | null): TimelineItem | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  const type = String(e.type);
  const fields: readonly string[] = Object.hasOwn(TIMELINE_FIELDS, type) ? TIMELINE_FIELDS[type as TicketEvent['type']] : ['id'];
  const detail: Record<string, unknown> = {};
  for (const k of fields) {
    const v = e[k];
    if (v === undefined || v === null) continue;
    if (k === 'dept') {
      const dept = v as { id?: string; name?: string };
      detail.dept = { id: dept.id, name: dept.name };
    } else if (TEXT_FIELDS.has(k)) {
      if (typeof v === 'string') detail[k] = maskText(v, citizen);
    } else detail[k] = v;
  }
  return { type, at: String(e.at), detail };
}

export function buildTicketAnswer(
  state: CoreState,
  rules: Rules,
  ticketId: string,
  asOf: number,
  stored: { details: string | null; timeline: string[] },
): TicketAnswer | null {
  const t = state.tickets.get(ticketId);
  if (!t) return null;
  const { zone } = rules;
  const m = moment(rules, asOf);
  const w = assess(rules, m, t);
  const details: StoredDetails = stored.details ? (JSON.parse(stored.details) as StoredDetails) : {};
  const dept = t.deptId ? state.depts.get(t.deptId) : undefined;
  const overdueDays = t.dueAt !== null && asOf > t.dueAt ? overdueWorkingDays(rules.calendar, zone, t.dueAt, m.today) : 0;
  const fmt = (ms: number | null) => (ms === null ? null : zone.format(ms));
  const deleted = details.personalDataDeleted;
  const citizen = details.citizen
    ? {
        name: details.citizen.name ? maskName(details.citizen.name) : null,
        phone: details.citizen.phone ? maskPhone(details.citizen.phone) : null,
      }
    : null;
  return {
    ticket: {
      id: t.id,
      state: t.state,
      channel: t.channel,
      kind: t.kind,
      urgency: t.urgency,
      category: t.category,
      district: t.district,
      districtName: rules.districtNames.get(t.district) ?? t.district,
      street: details.street ?? null,
      title: details.title !== undefined ? maskText(details.title, details.citizen) : t.title,
      content: maskText(details.content ?? '', details.citizen),
      citizen,
      personalDataDeleted: deleted
        ? { at: zone.format(deleted.at), note: personalDataNote(deleted.days, zone.format(deleted.at).slice(0, 10)) }
        : null,
      createdAt: zone.format(t.createdAt),
      dept: dept ? { id: dept.id, name: configuredDeptName(rules, dept.id) ?? dept.name, kind: dept.kind } : null,
      assignedAt: fmt(t.assignedAt),
      dueAt: fmt(t.dueAt),
      signDueAt: fmt(t.signDueAt),
      colour: t.state === 'assigned' || t.state === 'signed' ? w.colour : null,
      reason: w.reason,
      why: whyText(
        w.reason,
        { urgency: t.urgency, overdueDays, hoursLate: t.dueAt === null ? 0 : (asOf - t.dueAt) / HOUR },
        rules.config.thresholds,
      ),
      overdueWorkingDays: overdueDays,
      autoLevel: w.auto,
      manualLevel: t.manualLevel,
      level: w.level,
      coHandlers: coHandlersOf(rules, state.depts, stored.timeline),
      route: [...(t.route ?? [])],
    },
    timeline: stored.timeline.map((raw) => timelineItem(raw, details.citizen)).filter((x): x is TimelineItem => x !== null),
  };
}
