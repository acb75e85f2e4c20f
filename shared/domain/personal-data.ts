// What the store keeps of a ticket's personal data (metrics.md, Personal data), in its details and
// its timeline: the timeline never keeps a created ticket's title, content or citizen, and the
// details lose content, name and phone limits.personalDataDays after the close (the sweep,
// server/store/retention.ts). Pure functions over the stored JSON strings; ticket.ts reads them.
import type { HotlineEvent } from '../contract/events.ts';
import { maskText, type CitizenData } from './privacy.ts';

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

/** Free text of events (ticket.ts shows the same fields, masked). */
const TEXT_FIELDS = ['reason', 'summary', 'note'] as const;

/** Fields of a created ticket that are the citizen's: never kept in its timeline. */
const CITIZEN_FIELDS = ['title', 'content', 'citizen'] as const;

/**
 * The JSON a ticket's timeline keeps of an applied event: the validated event (the contract's
 * fields), except a created ticket's title, content and citizen (the details hold those, until they
 * are deleted).
 */
export function timelineRecord(event: HotlineEvent): string {
  // The validated event, never the raw text: fields the contract does not name (megabytes of them,
  // nested as deep as a producer likes) are not stored, and over-long text is kept as it was cut.
  if (event.type !== 'ticket.created') return JSON.stringify(event);
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
