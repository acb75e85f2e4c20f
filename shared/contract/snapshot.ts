// The read interface (spec: metrics.md): the snapshot, the HTTP answers and the Socket.IO
// messages, declared once and imported by the server and the client.
import type { Operation } from 'rfc6902';
import type { Channel, DeptKind, TicketKind, TicketState, Urgency } from './events.ts';

export type Colour = 'red' | 'yellow' | 'green';
/** Why a ticket is red or yellow; yellow reasons in the order they are tried. */
export type WarningReason = 'overdue' | 'sign-overdue' | 'due-soon' | 'co-overdue';
export type Role = 'wall' | 'leader' | 'admin';
export type SupervisionCounts = { '1': number; '2': number; '3': number; '4': number; '5': number };

/** The score's weights (metrics.md): the fifth, coOnTime, counts only where a unit co-handled. */
export interface Weights {
  response: number;
  onTime: number;
  resolution: number;
  satisfaction: number;
  coOnTime: number;
}

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
  /** 协办按时率: of its co-handling parts ended in the period, the share it co-replied by the part's deadline. */
  coOnTimeRate: number | null;
  score: number | null;
  rank: number | null;
  card: Colour;
  /** Red tickets of the department now (0 when the period does not include today). */
  redNow: number;
  /** 退单数: its ticket.returned events in the period; shown beside the score, not in it. */
  returned: number;
  /** 退单率: returned / assigned; null when assigned is 0. */
  returnRate: number | null;
  /** Its co-handling parts open now and past their deadline (now, whatever the period). */
  coOverdueNow: number;
}

/** Co-handling parts (协办) now. */
export interface CoHandlingCounts {
  /** Parts open now (co-assigned, not yet ended nor dropped). */
  open: number;
  /** Of those, the ones past their deadline. */
  overdue: number;
}

/** 多次退回: a ticket not closed that was returned twice or more. */
export interface BouncedItem {
  ticketId: string;
  returns: number;
  /** Ids of the departments that returned it, in order (their names: the snapshot's `departments`). */
  route: string[];
  district: string;
  category: string[];
  /** Masked title; a 举报 ticket's first-level category instead. */
  title: string;
}

/** One open co-handling part, for a department's list (GET /api/v1/cohandling). */
export interface CoPartItem {
  ticketId: string;
  /** The co-handler (协办单位). */
  deptId: string;
  deptName: string;
  /** The ticket's lead (主办单位). */
  leadId: string;
  leadName: string;
  district: string;
  category: string[];
  /** Masked title; a 举报 ticket's first-level category instead. */
  title: string;
  /** The co-assignment's `at`. */
  assignedAt: string;
  dueAt: string;
  overdue: boolean;
}

export interface CoPartsAnswer {
  total: number;
  items: CoPartItem[];
}

/** Tickets not closed that were returned, for a department's list (GET /api/v1/returns). */
export interface ReturnsAnswer {
  total: number;
  items: BouncedItem[];
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
  coHandling: CoHandlingCounts;
  /** At most 20, by returns descending, then ticketId by code unit. */
  bounced: BouncedItem[];
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
    weights: Weights;
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

/** How a co-handling part ended: its co-reply, the lead's reply, a return or a reopen. */
export type CoPartEnd = 'ticket.coreplied' | 'ticket.replied' | 'ticket.returned' | 'ticket.reopened';

/** One co-handling part of a ticket, over its whole life (parts dropped by a return included). */
export interface CoHandler {
  deptId: string;
  name: string;
  /** The co-assignment's `at`. */
  assignedAt: string;
  dueAt: string;
  /** open; done (ended by its co-reply or the lead's reply); dropped (by a return or a reopen). */
  state: 'open' | 'done' | 'dropped';
  /** `at` of the event that ended it; null while open. */
  at: string | null;
  endedBy: CoPartEnd | null;
  /** Done by its own co-reply by its deadline (协办按时); null unless done. */
  onTime: boolean | null;
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
  /** Every co-handling part, in the order of the co-assignments. */
  coHandlers: CoHandler[];
  /** Ids of the departments that returned it, in order. */
  route: string[];
}

export interface TicketAnswer {
  ticket: TicketDetail;
  timeline: TimelineItem[];
}

export interface MeAnswer {
  role: Role;
  label: string | null;
  /** A paired wall's name (only for a paired wall). */
  wall?: string;
}

// ---- access: sessions, paired walls, people, audit (README "Access") ----

/** POST /api/v1/session: the token's person, now signed in by cookie. */
export interface SessionAnswer {
  role: Role;
  label: string | null;
  expiresInSeconds: number;
}

/** POST and GET /api/v1/pair: a wall's pairing. `expiresAt` in ms. */
export type PairAnswer = { status: 'none' } | { status: 'pending'; code: string; expiresAt: number } | { status: 'paired'; wall: string };

/** GET /api/v1/admin/pairings: codes waiting for an admin (times in ms). */
export interface PendingPairing {
  code: string;
  address: string;
  build: string | null;
  createdAt: number;
  expiresAt: number;
}

/** GET /api/v1/admin/walls (times in ms). */
export interface WallListItem {
  id: string;
  name: string;
  pairedAt: number;
  pairedBy: string;
  lastSeen: number | null;
  address: string | null;
  build: string | null;
  /** Sockets open now on the answering process. */
  online: number;
}

/** GET /api/v1/admin/people (times in ms). */
export interface PersonListItem {
  id: string;
  role: Role;
  label: string | null;
  expiresAt: number | null;
  source: 'env' | 'file' | 'admin';
  revoked: { at: number; by: string } | null;
  expired: boolean;
}

/** GET /api/v1/admin/audit: newest first; `next` is the `before` of the following page. */
export interface AuditAnswer {
  items: AuditItem[];
  next: string | null;
}

export interface AuditItem {
  id: string;
  at: string;
  label: string;
  role: Role | '';
  address: string;
  action: string;
  target: string;
  detail: string;
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
  /** Programs, and a page's first look; a browser with a session or a paired wall's cookie sends none. */
  token?: string;
  /** A wall's name, from its URL, so a leader can focus one named wall. */
  wall?: string;
  /** The client's build, shown on the admin page's list of walls. */
  build?: string;
}
