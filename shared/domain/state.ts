// The core's state: plain data, changed only by apply.ts. Sized for a year of traffic: tickets are
// compact records (content and citizen data live in the store, not here), figures are per local day.
import type { Fact } from './analysis/facts.ts';
import {
  CHANNELS,
  TICKET_KINDS,
  type Channel,
  type DeptKind,
  type TicketKind,
  type TicketState,
  type Urgency,
} from '../contract/events.ts';

export interface Ticket {
  id: string;
  state: TicketState;
  createdAt: number;
  channel: Channel;
  kind: TicketKind;
  category: string[];
  district: string;
  urgency: Urgency;
  /** Masked title (privacy.ts): the raw one is kept only in the store's ticket details. */
  title: string;
  /** Department of the latest assignment; null before one and after a return. */
  deptId: string | null;
  /** `at` of the latest assignment. */
  assignedAt: number | null;
  dueAt: number | null;
  signDueAt: number | null;
  /** The latest assignment has had its first sign-for or return. */
  responded: boolean;
  /** Highest level of the ticket's ticket.supervised events, 0 when none. */
  manualLevel: number;
  /** `at` of the close while the ticket is closed, else null. */
  closedAt: number | null;
  /**
   * Co-handling parts (协办) of the current assignment, in the order of the co-assignments; null
   * when none. A return or a reopen clears them (parts still open are dropped).
   */
  co: CoPart[] | null;
  /** Ids of the departments that returned the ticket, in order (its length is the return count); null before the first. */
  route: string[] | null;
}

/** One co-handler's part of a ticket (cohandling.ts). */
export interface CoPart {
  deptId: string;
  /** `at` of the co-assignment. */
  at: number;
  dueAt: number;
  /** `at` of the event that ended it (its co-reply, or the lead's reply before one); null while open. */
  endAt: number | null;
  /** It has co-replied: a second co-reply is refused. */
  coReplied: boolean;
}

export interface Dept {
  id: string;
  name: string;
  kind: DeptKind;
}

/** City figures of one local day. */
export interface DayStats {
  created: number;
  dispatched: number;
  closed: number;
  direct: number;
  byChannel: Record<Channel, number>;
  byKind: Record<TicketKind, number>;
  /** First-level categories of created tickets. */
  categories: Record<string, number>;
  hourlyCreated: number[];
  hourlyClosed: number[];
  districtCreated: Record<string, number>;
  calls: { offered: number; answered: number; abandoned: number };
}

/**
 * Keywords of the masked titles of tickets created on one local day, 举报 tickets excepted
 * (topics.ts): tickets per word, and per "word|district". Kept for the last few days only (the
 * clusters' window), so they never make memory grow with history.
 */
export interface TopicDay {
  keywords: Record<string, number>;
  keywordDistricts: Record<string, number>;
}

/**
 * One department's figures of one local day. Assignments and their sign-for responses count on the
 * day of the assignment; replies, visits, returns and ended co-handling parts on their own day.
 */
export interface DeptDay {
  assigned: number;
  responded: number;
  respondedOnTime: number;
  replied: number;
  repliedOnTime: number;
  visits: number;
  /** Resolution points: yes 2, partly 1, no 0 (the rate is points / 2 / visits). */
  resolvedPoints: number;
  satRated: number;
  satOk: number;
  /** ticket.returned events by the department, on the return's day. */
  returned: number;
  /** Its co-handling parts ended that day (by its co-reply or by the lead's reply; dropped ones never count). */
  coEnded: number;
  /** Of those, ended by its own co-reply at or before the part's deadline. */
  coOnTime: number;
}

export interface Ingest {
  applied: number;
  duplicates: number;
  rejected: number;
}

/** What changed since the store last took the changes (persist.ts). */
export interface Dirty {
  meta: boolean;
  tickets: Set<string>;
  details: Map<string, string>;
  timeline: Array<[string, string]>;
  days: Set<number>;
  topics: Set<number>;
  /** Topic days that left the window: the store may delete them. */
  forgetTopics: number[];
  rollups: Set<number>;
  depts: Set<string>;
  ids: Array<[string, number]>;
  /** Analysis facts written or changed (analysis/facts.ts). */
  facts: Set<string>;
  /** Analysis facts that left the window: the store may delete them. */
  forgetFacts: string[];
}

export interface CoreState {
  tickets: Map<string, Ticket>;
  /** Tickets not closed: what every snapshot scans, so a snapshot never costs O(history). */
  open: Map<string, Ticket>;
  depts: Map<string, Dept>;
  days: Map<number, DayStats>;
  /** Keywords of the last few local days (topics.ts). */
  topics: Map<number, TopicDay>;
  rollups: Map<number, Map<string, DeptDay>>;
  /**
   * What the analysis (研判) keeps of each ticket created in its window (config analysis.historyDays),
   * oldest first: closed tickets leave `tickets` after a day, the analysis needs weeks of them.
   */
  facts: Map<string, Fact>;
  /** Applied event ids and their `at`, oldest insertion first. */
  ids: Map<string, number>;
  ingest: Ingest;
  agents: { online: number; busy: number } | null;
  /** Largest `at` applied (the event clock). */
  maxAt: number | null;
  lastEntryId: string | null;
  lastEntryAt: number | null;
  /** null when nothing is persisted (benchmarks, in-process replays). */
  dirty: Dirty | null;
}

export function emptyDirty(): Dirty {
  return {
    meta: false,
    tickets: new Set(),
    details: new Map(),
    timeline: [],
    days: new Set(),
    topics: new Set(),
    forgetTopics: [],
    rollups: new Set(),
    depts: new Set(),
    ids: [],
    facts: new Set(),
    forgetFacts: [],
  };
}

export function createState(opts: { trackChanges?: boolean } = {}): CoreState {
  return {
    tickets: new Map(),
    open: new Map(),
    depts: new Map(),
    days: new Map(),
    topics: new Map(),
    rollups: new Map(),
    facts: new Map(),
    ids: new Map(),
    ingest: { applied: 0, duplicates: 0, rejected: 0 },
    agents: null,
    maxAt: null,
    lastEntryId: null,
    lastEntryAt: null,
    dirty: opts.trackChanges === false ? null : emptyDirty(),
  };
}

/**
 * A count per key, for keys that come from entries (category names, keywords, district codes): no
 * prototype, so a key such as `constructor`, `__proto__` or `toString` is a count like any other.
 */
export const counts = (): Record<string, number> => Object.create(null) as Record<string, number>;

/** The same record with no prototype (a record read back with JSON.parse has Object's). */
export function asCounts(rec: Record<string, number> | null | undefined): Record<string, number> {
  const out = counts();
  if (rec) for (const k of Object.keys(rec)) out[k] = rec[k]!;
  return out;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function emptyDay(): DayStats {
  return {
    created: 0,
    dispatched: 0,
    closed: 0,
    direct: 0,
    byChannel: zeros(CHANNELS),
    byKind: zeros(TICKET_KINDS),
    categories: counts(),
    hourlyCreated: new Array(24).fill(0),
    hourlyClosed: new Array(24).fill(0),
    districtCreated: counts(),
    calls: { offered: 0, answered: 0, abandoned: 0 },
  };
}

export function emptyDeptDay(): DeptDay {
  return {
    assigned: 0,
    responded: 0,
    respondedOnTime: 0,
    replied: 0,
    repliedOnTime: 0,
    visits: 0,
    resolvedPoints: 0,
    satRated: 0,
    satOk: 0,
    returned: 0,
    coEnded: 0,
    coOnTime: 0,
  };
}
