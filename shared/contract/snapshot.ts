// The read interface (spec: metrics.md): the snapshot, the HTTP answers and the Socket.IO
// messages, declared once and imported by the server and the client.
import type { Operation } from 'rfc6902';
import type { Channel, DeptKind, TicketKind, TicketState, Urgency } from './events.ts';

export type Colour = 'red' | 'yellow' | 'green';
export type WarningReason = 'overdue' | 'sign-overdue' | 'due-soon';
export type Role = 'wall' | 'leader' | 'admin';
export type SupervisionCounts = { '1': number; '2': number; '3': number; '4': number; '5': number };

export interface Period {
  from: string;
  to: string;
}

export interface DistrictRow {
  code: string;
  name: string;
  created: number;
  open: number;
  overdue: number;
}

export interface DepartmentRow {
  id: string;
  name: string;
  kind: DeptKind;
  assigned: number;
  responseRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  score: number | null;
  rank: number | null;
  card: Colour;
  /** Red tickets of the department now (0 when the period does not include today). */
  redNow: number;
}

export interface WarningItem {
  ticketId: string;
  deptId: string;
  deptName: string;
  district: string;
  category: string[];
  /** Masked title; a 举报 ticket's first-level category instead. */
  title: string;
  dueAt: string;
  reason: WarningReason;
  /** Effective supervision level, 0-5. */
  level: number;
  urgency: Urgency;
  kind: TicketKind;
}

export interface HourlySeries {
  created: number[];
  closed: number[];
}

/** One of today's most frequent title keywords (举报 tickets never counted). */
export interface HotTopic {
  word: string;
  /** Tickets created today whose masked title has the word. */
  count: number;
  /** The same, yesterday. */
  yesterday: number;
  /** Today's top 3 districts for the word, count descending, then code. */
  districts: Array<{ code: string; count: number }>;
}

/** 解决一类事: a keyword concentrated in one district over the last `rules.clusterDays` days. */
export interface Cluster {
  word: string;
  district: string;
  districtName: string;
  /** Tickets over the window, today included. */
  count: number;
  /** Days of the window that had at least one such ticket (1..clusterDays). */
  days: number;
}

export interface Snapshot {
  v: 1;
  seq: number;
  /** The city the figures are for, so a screen needs no second source. */
  city: { name: string; adcode: string };
  asOf: string | null;
  builtAt: string;
  period: Period;
  lastEntryId: string | null;
  lastEntryAt: string | null;
  notices: string[];
  today: { date: string; created: number; dispatched: number; closed: number; direct: number };
  open: number;
  overdue: number;
  calls: {
    offered: number;
    answered: number;
    abandoned: number;
    answerRate: number | null;
    agentsOnline: number | null;
    agentsBusy: number | null;
  };
  districts: DistrictRow[];
  departments: DepartmentRow[];
  warnings: { redCount: number; yellowCount: number; red: WarningItem[]; yellow: WarningItem[] };
  supervision: SupervisionCounts;
  byChannel: Record<Channel, number>;
  byKind: Record<TicketKind, number>;
  topCategories: { name: string; count: number }[];
  hourly: { today: HourlySeries; yesterday: HourlySeries };
  /** Today's top 10 title keywords, count descending, then word by code unit. */
  hotTopics: HotTopic[];
  /** At most 10 clusters, count descending, then word, then district. */
  clusters: Cluster[];
  ingest: { applied: number; duplicates: number; rejected: number };
  /** The weights and thresholds behind the figures, for the definitions (口径说明) on screen. */
  rules: {
    weights: { response: number; onTime: number; resolution: number; satisfaction: number };
    scoreRed: number;
    scoreYellow: number;
    redTicketsRed: number;
    redTicketsYellow: number;
    /** A cluster needs this many tickets over the last clusterDays days. */
    clusterMin: number;
    clusterDays: number;
    clock: 'wall' | 'event';
    timeZone: string;
    /** The server sends a message at least this often (ms): longer silence means a broken link. */
    heartbeatMs: number;
    /** Urgent tickets turn yellow (临期) when this share of the handling time is left. */
    urgentDueSoonShare: number;
    /** Default sign-for time of urgent tickets, minutes. */
    urgentSignMinutes: number;
    /** Overdue working days for the automatic supervision levels 3, 4 and 5. */
    level3Days: number;
    level4Days: number;
    level5Days: number;
  };
}

export interface RankingsAnswer {
  from: string;
  to: string;
  departments: DepartmentRow[];
  previous: { from: string; to: string; departments: DepartmentRow[] };
}

export interface WarningsAnswer {
  total: number;
  items: WarningItem[];
}

export interface TimelineItem {
  type: string;
  at: string;
  /** Masked fields of the event worth reading (dept, reason, summary, level, note...). */
  detail: Record<string, unknown>;
}

export interface TicketDetail {
  id: string;
  state: TicketState;
  channel: Channel;
  kind: TicketKind;
  urgency: Urgency;
  category: string[];
  district: string;
  districtName: string;
  street: string | null;
  title: string;
  content: string;
  citizen: { name: string | null; phone: string | null } | null;
  /**
   * Set once the citizen's data (content, name, phone) was deleted, limits.personalDataDays after the
   * close (metrics.md, Personal data): when, and the sentence the leader page shows.
   */
  personalDataDeleted: { at: string; note: string } | null;
  createdAt: string;
  dept: { id: string; name: string; kind: DeptKind } | null;
  assignedAt: string | null;
  dueAt: string | null;
  signDueAt: string | null;
  colour: Colour | null;
  reason: WarningReason | null;
  /** Why, in words for a leader: "已超期 2 个工作日" and the like. */
  why: string | null;
  overdueWorkingDays: number;
  autoLevel: number;
  manualLevel: number;
  level: number;
}

export interface TicketAnswer {
  ticket: TicketDetail;
  timeline: TimelineItem[];
}

export interface MeAnswer {
  role: Role;
  label: string | null;
}

/** Screen state a leader puts on walls: not a stream event. */
export interface Focus {
  scope: 'district' | 'dept';
  id: string;
  /** A wall's name, or null for every wall. */
  wall: string | null;
  by: string;
  until: string;
}

export interface PatchMessage {
  seq: number;
  ops: Operation[];
}

/** Socket.IO, typed on both sides (socket.io's ServerToClientEvents / ClientToServerEvents). */
export interface ServerToClientEvents {
  snapshot: (s: Snapshot) => void;
  patch: (p: PatchMessage) => void;
  /** Deploys: the page reloads itself. */
  reload: () => void;
  /** Focus for this wall, or null to go back to the overview. */
  focus: (f: Focus | null) => void;
}

export interface ClientToServerEvents {
  /** A client that missed a message asks for a whole snapshot. */
  resync: () => void;
  /** Leader: put a district or department in focus on walls (ack: ok or an error). */
  'focus:set': (
    f: { scope: 'district' | 'dept'; id: string; wall: string | null; seconds?: number },
    ack: (r: { ok: true } | { ok: false; error: string }) => void,
  ) => void;
  'focus:release': (f: { wall: string | null }, ack: (r: { ok: true } | { ok: false; error: string }) => void) => void;
}

/** The handshake's `auth` and `query`. */
export interface HandshakeAuth {
  token: string;
  /** A wall's name, from its URL, so a leader can focus one named wall. */
  wall?: string;
}
