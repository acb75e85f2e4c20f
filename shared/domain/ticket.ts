// A leader's view of one ticket (GET /api/v1/tickets/:id): current fields, colour and why, levels,
// and the masked timeline. The store supplies the stored details and timeline strings.
import type { TicketState } from '../contract/events.ts';
import type { TicketAnswer, TimelineItem } from '../contract/snapshot.ts';
import { overdueWorkingDays } from './calendar.ts';
import { assess, moment } from './colour.ts';
import { personalDataNote, type StoredDetails } from './personal-data.ts';
import { maskName, maskPhone, maskText, type CitizenData } from './privacy.ts';
import type { Rules } from './rules.ts';
import type { CoreState } from './state.ts';
import { HOUR } from './time.ts';

export function ticketStatus(state: CoreState, ticketId: string): TicketState | null {
  return state.tickets.get(ticketId)?.state ?? null;
}

const TEXT_FIELDS = ['reason', 'summary', 'note'] as const;
const PLAIN_FIELDS = [
  'id',
  'deptId',
  'dueAt',
  'signDueAt',
  'resolved',
  'satisfaction',
  'direct',
  'level',
  'by',
  'channel',
  'kind',
  'urgency',
  'district',
] as const;

/** One applied event for the timeline: type, time and the fields worth reading, masked (the citizen's name too). */
export function timelineItem(raw: string, citizen?: CitizenData | null): TimelineItem | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  const detail: Record<string, unknown> = {};
  for (const k of PLAIN_FIELDS) if (e[k] !== undefined && e[k] !== null) detail[k] = e[k];
  for (const k of TEXT_FIELDS) if (typeof e[k] === 'string') detail[k] = maskText(e[k] as string, citizen);
  const dept = e.dept as { id?: string; name?: string } | undefined;
  if (dept) detail.dept = { id: dept.id, name: dept.name };
  return { type: String(e.type), at: String(e.at), detail };
}

function why(reason: string | null, overdueDays: number, hoursLate: number): string | null {
  switch (reason) {
    case 'overdue':
      return overdueDays > 0 ? `已超过办理时限，超期 ${overdueDays} 个工作日` : `已超过办理时限 ${Math.max(1, Math.round(hoursLate))} 小时`;
    case 'sign-overdue':
      return '派单后超过签收时限仍未签收';
    case 'due-soon':
      return '临近办理时限（剩余不足一个工作日，或紧急件剩余时限不足四分之一）';
    default:
      return null;
  }
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
      dept: dept ? { id: dept.id, name: rules.config.deptNames[dept.id] ?? dept.name, kind: dept.kind } : null,
      assignedAt: fmt(t.assignedAt),
      dueAt: fmt(t.dueAt),
      signDueAt: fmt(t.signDueAt),
      colour: t.state === 'assigned' || t.state === 'signed' ? w.colour : null,
      reason: w.reason,
      why: why(w.reason, overdueDays, t.dueAt === null ? 0 : (asOf - t.dueAt) / HOUR),
      overdueWorkingDays: overdueDays,
      autoLevel: w.auto,
      manualLevel: t.manualLevel,
      level: w.level,
    },
    timeline: stored.timeline.map((raw) => timelineItem(raw, details.citizen)).filter((x): x is TimelineItem => x !== null),
  };
}
