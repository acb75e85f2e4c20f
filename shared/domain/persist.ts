// The stored form of the state. The store writes these strings with the stream position and the
// XACK in one MULTI/EXEC; restoreState reads them back. Bump SCHEMA_VERSION on any change of form.
import { restoreFacts } from './analysis/facts.ts';
import { internCategory } from './apply.ts';
import { forgetConfiguredNames, topicWindow } from './topics.ts';
import type { Rules } from './rules.ts';
import {
  asCounts,
  createState,
  emptyDirty,
  type CoreState,
  type DayStats,
  type Dept,
  type DeptDay,
  type Ticket,
  type TopicDay,
} from './state.ts';
import { DAY, dateOfDay, dayOfDate } from './time.ts';

export const SCHEMA_VERSION = 3;

export interface Changes {
  meta: string | null;
  tickets: Map<string, string>;
  /** Tickets of `tickets` that are closed, with their close time: the store's index for deleting personal data. */
  closed: Array<[string, number]>;
  details: Map<string, string>;
  timeline: Array<[string, string]>;
  days: Map<string, string>;
  topics: Map<string, string>;
  /** Keyword days that left the window. */
  forgetTopics: string[];
  rollups: Map<string, string>;
  depts: Map<string, string>;
  ids: Array<[string, number]>;
  forgetIdsBefore: number | null;
  /** Analysis facts written or changed (analysis/facts.ts): ticketId -> JSON. */
  facts: Map<string, string>;
  /** Analysis facts that left the window. */
  forgetFacts: string[];
}

interface Meta {
  schema: number;
  ingest: CoreState['ingest'];
  agents: CoreState['agents'];
  maxAt: number | null;
  lastEntryId: string | null;
  lastEntryAt: number | null;
}

function metaOf(state: CoreState): Meta {
  const { ingest, agents, maxAt, lastEntryId, lastEntryAt } = state;
  return { schema: SCHEMA_VERSION, ingest, agents, maxAt, lastEntryId, lastEntryAt };
}

/** What changed since the last call; afterwards the state starts a new list. */
export function takeChanges(state: CoreState, rules?: Rules): Changes {
  const d = state.dirty ?? emptyDirty();
  const rollupJson = (day: number) => JSON.stringify(Object.fromEntries(state.rollups.get(day) ?? []));
  const changes: Changes = {
    meta: d.meta || d.tickets.size || d.ids.length ? JSON.stringify(metaOf(state)) : null,
    tickets: new Map([...d.tickets].map((id) => [id, JSON.stringify(state.tickets.get(id))])),
    closed: [...d.tickets].flatMap((id) => {
      const closedAt = state.tickets.get(id)?.closedAt ?? null;
      return closedAt === null ? [] : [[id, closedAt] as [string, number]];
    }),
    details: d.details,
    timeline: d.timeline,
    days: new Map([...d.days].map((day) => [dateOfDay(day), JSON.stringify(state.days.get(day))])),
    topics: new Map(
      [...d.topics].filter((day) => state.topics.has(day)).map((day) => [dateOfDay(day), JSON.stringify(state.topics.get(day))]),
    ),
    forgetTopics: d.forgetTopics.map(dateOfDay),
    rollups: new Map([...d.rollups].map((day) => [dateOfDay(day), rollupJson(day)])),
    depts: new Map([...d.depts].map((id) => [id, JSON.stringify(state.depts.get(id))])),
    ids: d.ids,
    facts: new Map(
      [...d.facts].flatMap((id) => {
        const f = state.facts.get(id);
        return f ? [[id, JSON.stringify(f)] as [string, string]] : [];
      }),
    ),
    forgetFacts: d.forgetFacts,
    // Ids that left the retention at the batch's end: no later entry can find them a duplicate (the
    // event clock only moves forward), and this batch's own entries had theirs loaded before it ran.
    forgetIdsBefore: state.maxAt === null || !rules ? null : state.maxAt - rules.config.limits.idRetentionDays * DAY,
  };
  if (state.dirty) state.dirty = emptyDirty();
  return changes;
}

export interface StoredState {
  meta: string | null;
  tickets: Iterable<[string, string]>;
  days: Iterable<[string, string]>;
  /** Keyword days (absent in stores written before the hot topics). */
  topics?: Iterable<[string, string]>;
  rollups: Iterable<[string, string]>;
  depts: Iterable<[string, string]>;
  ids: Iterable<[string, number]>;
  /** Analysis facts (absent in stores written before the analysis: it starts empty, no migration). */
  facts?: Iterable<[string, string]>;
}

export class SchemaVersionError extends Error {}

export function restoreState(stored: StoredState, state: CoreState = createState(), rules?: Rules): CoreState {
  if (stored.meta !== null) {
    const meta = JSON.parse(stored.meta) as Meta;
    if (meta.schema !== SCHEMA_VERSION) {
      throw new SchemaVersionError(
        `stored state has schema version ${meta.schema}, this server reads version ${SCHEMA_VERSION}: use another HOTLINE_INSTANCE or migrate`,
      );
    }
    state.ingest = meta.ingest;
    state.agents = meta.agents;
    state.maxAt = meta.maxAt;
    state.lastEntryId = meta.lastEntryId;
    state.lastEntryAt = meta.lastEntryAt;
  }
  for (const [id, json] of stored.tickets) {
    const t = JSON.parse(json) as Ticket;
    t.category = internCategory(t.category);
    t.closedAt ??= null;
    state.tickets.set(id, t);
    if (t.state !== 'closed') state.open.set(id, t);
  }
  // Records keyed by entries' words get no prototype back (state.ts counts): `constructor` is a word.
  for (const [date, json] of stored.days) {
    const d = JSON.parse(json) as DayStats;
    d.categories = asCounts(d.categories);
    d.districtCreated = asCounts(d.districtCreated);
    state.days.set(dayOfDate(date)!, d);
  }
  for (const [date, json] of stored.topics ?? []) {
    const t = JSON.parse(json) as TopicDay;
    state.topics.set(dayOfDate(date)!, { keywords: asCounts(t.keywords), keywordDistricts: asCounts(t.keywordDistricts) });
  }
  // Only the window's days are kept; older ones the store may still hold are not needed.
  if (rules && state.topics.size > 0) {
    const newest = Math.max(...state.topics.keys());
    for (const day of state.topics.keys()) if (day < newest - topicWindow(rules) + 1) state.topics.delete(day);
  }
  if (rules) forgetConfiguredNames(state, rules);
  for (const [date, json] of stored.rollups) {
    state.rollups.set(dayOfDate(date)!, new Map(Object.entries(JSON.parse(json) as Record<string, DeptDay>)));
  }
  for (const [id, json] of stored.depts) state.depts.set(id, JSON.parse(json) as Dept);
  restoreFacts(state, rules, stored.facts ?? []);
  const ids = [...stored.ids].sort((a, b) => a[1] - b[1]);
  for (const [id, at] of ids) state.ids.set(id, at);
  return state;
}
