// One stream entry through the contract's checks, in order (events.md, "What is rejected"):
// it parses; it matches the schema; its id was not applied already; then the ticket checks.
import type { z } from 'zod';
import type { HotlineEvent, RejectCode, StreamEntry } from '../contract/events.ts';
import { checkEvent, mutate, rememberId } from './apply.ts';
import type { Rules } from './rules.ts';
import type { CoreState } from './state.ts';
import { clampText, eventLimitReason, oversizeReason, wellFormed } from './input.ts';
import { timelineRecord } from './personal-data.ts';
import { eventKeywords } from './topics.ts';
import { DAY } from './time.ts';

export type EntryOutcome =
  | { kind: 'applied'; event: HotlineEvent }
  | { kind: 'duplicate'; event: HotlineEvent }
  | { kind: 'rejected'; code: RejectCode; reason: string; raw: string };

export type ParseResult =
  { ok: true; event: HotlineEvent; raw: string; keywords: string[] } | { ok: false; code: RejectCode; reason: string; raw: string };

function describeIssue(issue: z.core.$ZodIssue, value: Record<string, unknown>): string {
  const path = issue.path.join('.');
  if (issue.path.length === 1 && issue.path[0] === 'type' && issue.code === 'invalid_union') {
    return `unknown type ${JSON.stringify(value.type)}`;
  }
  if (issue.code === 'invalid_union' && issue.path.length === 0) {
    return value.type === undefined ? 'field type is missing' : `unknown type ${JSON.stringify(value.type)}`;
  }
  if (issue.code === 'invalid_type' && value !== null && path && !((issue.path[0] as string) in value)) {
    return `field ${path} is missing`;
  }
  return `field ${path || '(event)'}: ${issue.message}`;
}

/**
 * Parses and validates an entry's `event` field against the contract's schema. `wallNow`, the
 * server's clock as the entry arrives, rejects an `at` more than 24 h ahead of it (events.md); without
 * it (in-process replays, unit tests) no `at` is too far ahead. Odd input (input.ts): an event text
 * over MAX_EVENT_CHARS and over-long ids are `schema`; lone surrogates become U+FFFD; unbounded free
 * text is cut to TEXT_LIMITS.
 */
export function parseEntry(rules: Rules, fields: Record<string, string>, opts: { wallNow?: number } = {}): ParseResult {
  const raw = fields.event;
  if (raw === undefined) return { ok: false, code: 'no-event', reason: 'no-event: the entry has no event field', raw: '' };
  const oversize = oversizeReason(raw);
  if (oversize) return { ok: false, code: 'schema', reason: oversize, raw };
  let value: unknown;
  try {
    value = wellFormed(raw, JSON.parse(raw));
  } catch (err) {
    return { ok: false, code: 'not-json', reason: `not-json: the event is not valid JSON (${(err as Error).message})`, raw };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      code: 'not-json',
      reason: `not-json: the event is ${Array.isArray(value) ? 'an array' : String(value === null ? 'null' : typeof value)}, not a JSON object`,
      raw,
    };
  }
  const parsed = rules.schema.safeParse(value);
  if (!parsed.success) {
    const sentence = describeIssue(parsed.error.issues[0], value as Record<string, unknown>);
    const id = (value as { id?: unknown }).id;
    const which = typeof id === 'string' ? ` (event ${id})` : '';
    return { ok: false, code: 'schema', reason: `schema: ${sentence}${which}`, raw };
  }
  const limit = eventLimitReason(parsed.data, opts.wallNow);
  if (limit) return { ok: false, code: 'schema', reason: limit, raw };
  const event = clampText(parsed.data);
  // Text work (the hot topics' keywords) belongs with parsing, before the ordered apply.
  return { ok: true, event, raw, keywords: eventKeywords(rules, event) };
}

/**
 * The id was applied and its `at` is within the id retention of the event clock as it stands now
 * (events.md). Exactly that, whatever else memory still holds: the decision depends only on the
 * entries before this one in stream order, never on batches or on when memory was last pruned.
 */
function isDuplicate(state: CoreState, rules: Rules, id: string): boolean {
  const at = state.ids.get(id);
  if (at === undefined) return false;
  return state.maxAt === null || at >= state.maxAt - rules.config.limits.idRetentionDays * DAY;
}

/**
 * An already-validated event: duplicate check, ticket checks, apply. Counts applied/duplicates/
 * rejected. `keywords` are the event's hot-topic words (eventKeywords), taken when it was parsed.
 */
export function applyEvent(
  state: CoreState,
  rules: Rules,
  event: HotlineEvent,
  raw?: string,
  keywords: readonly string[] = [],
): EntryOutcome {
  if (isDuplicate(state, rules, event.id)) {
    state.ingest.duplicates++;
    return { kind: 'duplicate', event };
  }
  const at = Date.parse(event.at);
  const rejection = checkEvent(state, event, at);
  if (rejection) {
    state.ingest.rejected++;
    return { kind: 'rejected', code: rejection.code, reason: rejection.reason, raw: raw ?? JSON.stringify(event) };
  }
  mutate(state, rules, event, at, keywords);
  if (state.maxAt === null || at > state.maxAt) state.maxAt = at;
  rememberId(state, rules, event.id, at);
  state.ingest.applied++;
  if (state.dirty && 'ticketId' in event) state.dirty.timeline.push([event.ticketId, timelineRecord(event)]);
  return { kind: 'applied', event };
}

/** One stream entry, start to end; `processedAt` is the wall-clock time (lastEntryAt). */
export function processEntry(
  state: CoreState,
  rules: Rules,
  entry: StreamEntry,
  processedAt: number,
  parsed: ParseResult = parseEntry(rules, entry.fields),
): EntryOutcome {
  let outcome: EntryOutcome;
  if (parsed.ok) outcome = applyEvent(state, rules, parsed.event, parsed.raw, parsed.keywords);
  else {
    state.ingest.rejected++;
    outcome = { kind: 'rejected', code: parsed.code, reason: parsed.reason, raw: parsed.raw };
  }
  state.lastEntryId = entry.id;
  state.lastEntryAt = processedAt;
  if (state.dirty) state.dirty.meta = true;
  return outcome;
}
