// Hostile and odd input (issue 8 §4), where the contract is silent: what the parser does with an
// entry that is valid JSON but would cost memory, break text handling or move every window at once.
// Pure: the server's clock is passed in.
import type { HotlineEvent } from '../contract/events.ts';
import { HOUR } from './time.ts';

/** An `event` value longer than this (UTF-16 units of its JSON text) is rejected `schema` before it is parsed. */
export const MAX_EVENT_CHARS = 1_048_576;
/** events.md: an `at` more than this ahead of the server's clock when the entry arrives is rejected `schema`. */
export const MAX_AHEAD_MS = 24 * HOUR;
/** Identifiers the contract leaves unbounded (`deptId`, `dept.id`, `callId`): longer is rejected `schema`, like an over-long `id`. */
export const MAX_ID_CHARS = 128;

/**
 * Free text the contract leaves unbounded is cut to these lengths (with "…"), not rejected: the
 * ticket still counts. Names and categories are held in memory and sent to every screen; the rest
 * is stored in the ticket's details and timeline.
 */
export const TEXT_LIMITS = {
  deptName: 100,
  category: 100,
  street: 500,
  citizen: 100,
  /** reason, summary, note, by */
  text: 2_000,
} as const;

const clamp = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
const clampNullish = (s: string | null | undefined, max: number) => (typeof s === 'string' ? clamp(s, max) : s);

/** A reason to reject the event's text before it is parsed, or null. */
export function oversizeReason(raw: string): string | null {
  if (raw.length <= MAX_EVENT_CHARS) return null;
  return `schema: the event is ${raw.length.toLocaleString('en-US')} characters long, over the limit of ${MAX_EVENT_CHARS.toLocaleString('en-US')}`;
}

/** JSON escapes of UTF-16 surrogates: only such an entry can hold a lone one (Redis hands out UTF-8). */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** String.prototype.toWellFormed (ES2024), for the ES2023 library this project compiles against. */
export const toWellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\uFFFD');

/** Every string in the parsed value made well-formed (a lone surrogate becomes U+FFFD), when the text can hold one. */
export function wellFormed(raw: string, value: unknown): unknown {
  if (!SURROGATE_ESCAPE.test(raw)) return value;
  const fix = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return toWellFormed(v);
    // Deeper than any field of the contract: left as it is (the schema strips or rejects it).
    if (depth > 4 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => fix(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      Object.defineProperty(out, toWellFormed(k), { value: fix(x, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
  return fix(value, 0);
}

/** A reason to reject a validated event (ids too long, `at` too far ahead of `wallNow`), or null. */
export function eventLimitReason(event: HotlineEvent, wallNow: number | undefined): string | null {
  const ids: Array<[string, string]> = [];
  if ('deptId' in event) ids.push(['deptId', event.deptId]);
  if ('dept' in event) ids.push(['dept.id', event.dept.id]);
  if ('callId' in event) ids.push(['callId', event.callId]);
  for (const [field, id] of ids) {
    if (id.length > MAX_ID_CHARS) return `schema: field ${field}: longer than ${MAX_ID_CHARS} characters (event ${event.id})`;
  }
  if (wallNow !== undefined) {
    const at = Date.parse(event.at);
    if (at > wallNow + MAX_AHEAD_MS) {
      return `schema: field at: ${event.at} is more than 24 hours ahead of the server's clock (${new Date(wallNow).toISOString()}) (event ${event.id})`;
    }
  }
  return null;
}

/** The event with its unbounded free text cut to TEXT_LIMITS (a shallow copy where there is such text). */
export function clampText(e: HotlineEvent): HotlineEvent {
  switch (e.type) {
    case 'ticket.created': {
      const category = e.category.map((c) => clamp(c, TEXT_LIMITS.category));
      const citizen = e.citizen && {
        ...e.citizen,
        name: clampNullish(e.citizen.name, TEXT_LIMITS.citizen),
        phone: clampNullish(e.citizen.phone, TEXT_LIMITS.citizen),
      };
      return { ...e, category, street: clampNullish(e.street, TEXT_LIMITS.street), citizen };
    }
    case 'ticket.assigned':
    case 'ticket.coassigned':
      return { ...e, dept: { ...e.dept, name: clamp(e.dept.name, TEXT_LIMITS.deptName) } };
    case 'ticket.returned':
    case 'ticket.extended':
    case 'ticket.reopened':
      return { ...e, reason: clamp(e.reason, TEXT_LIMITS.text) };
    case 'ticket.replied':
    case 'ticket.coreplied':
      return { ...e, summary: clampNullish(e.summary, TEXT_LIMITS.text) };
    case 'ticket.supervised':
      return { ...e, by: clamp(e.by, TEXT_LIMITS.text), note: clampNullish(e.note, TEXT_LIMITS.text) };
    default:
      return e;
  }
}
