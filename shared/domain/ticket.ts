// A leader's view of one ticket (GET /api/v1/tickets/:id): current fields, colour and why, levels,
// and the masked timeline. The store supplies the stored details and timeline strings; this file
// also owns their form where personal data is concerned: the timeline keeps no content or citizen,
// and the details lose theirs personalDataDays after the close (metrics.md, Personal data).
import type { HotlineEvent, TicketState } from '../contract/events.ts';
import type { TicketAnswer, TimelineItem } from '../contract/snapshot.ts';
import { overdueWorkingDays } from './calendar.ts';
import { assess, moment } from './colour.ts';
import { maskName, maskPhone, maskText, type CitizenData } from './privacy.ts';
import type { Rules } from './rules.ts';
import type { CoreState } from './state.ts';
import { HOUR } from './time.ts';

export function ticketStatus(state: CoreState, ticketId: string): TicketState | null {
  return state.tickets.get(ticketId)?.state ?? null;
}

/** A ticket's details as stored (written by apply.ts at creation). */
export interface StoredDetails {
  /** As the producer sent it; the masked one once the citizen's data is deleted. */
  title?: string;
  content?: string;
  citizen?: CitizenData | null;
  street?: string | null;
  location?: [number, number] | null;
  /** When the citizen's data was deleted (epoch ms), and after how many days of being closed. */
  personalDataDeleted?: { at: number; days: number };
}

/** Free text of events, shown masked. */
const TEXT_FIELDS = ['reason', 'summary', 'note'] as const;

/** Fields of a created ticket that are the citizen's: never kept in its timeline. */
const CITIZEN_FIELDS = ['title', 'content', 'citizen'] as const;

/**
 * The JSON a ticket's timeline keeps of an applied event: the entry as sent, except a created
 * ticket's title, content and citizen (the details hold those, until they are deleted).
 */
export function timelineRecord(event: HotlineEvent, raw: string | undefined): string {
  if (event.type !== 'ticket.created') return raw ?? JSON.stringify(event);
  const kept: Record<string, unknown> = { ...event };
  for (const k of CITIZEN_FIELDS) delete kept[k];
  return JSON.stringify(kept);
}

/** A stored timeline record without the citizen's fields (records stored before timelineRecord); null when it has none. */
export function strippedTimelineRecord(json: string): string | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (e.type !== 'ticket.created' || !CITIZEN_FIELDS.some((k) => k in e)) return null;
  for (const k of CITIZEN_FIELDS) delete e[k];
  return JSON.stringify(e);
}

/**
 * A stored timeline record with its free text (reasons, summaries, notes) masked, the citizen's name
 * included, for when the name itself is deleted; null when nothing changes.
 */
export function maskedTimelineRecord(json: string, citizen: CitizenData | null | undefined): string | null {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return null;
  }
  let changed = false;
  for (const k of TEXT_FIELDS) {
    const v = e[k];
    if (typeof v !== 'string') continue;
    const masked = maskText(v, citizen);
    if (masked !== v) {
      e[k] = masked;
      changed = true;
    }
  }
  return changed ? JSON.stringify(e) : null;
}

/**
 * The details once the citizen's data is deleted: content, name and phone gone, the title kept in
 * its masked form, and when it happened.
 */
export function detailsWithoutPersonalData(json: string, at: number, days: number): string {
  const d = JSON.parse(json) as StoredDetails;
  if (d.personalDataDeleted) return json;
  const kept: StoredDetails = { ...d, personalDataDeleted: { at, days } };
  if (d.title !== undefined) kept.title = maskText(d.title, d.citizen);
  delete kept.content;
  delete kept.citizen;
  return JSON.stringify(kept);
}

/** What the leader page says of a ticket whose citizen's data was deleted. */
export function personalDataNote(days: number, date: string): string {
  return `工单办结已超过 ${days} 天，来电人姓名、电话和诉求内容已于 ${date} 按规定删除。`;
}

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
