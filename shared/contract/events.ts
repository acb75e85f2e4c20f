// The event stream contract (spec: events.md, version 1), declared once for the server, the
// simulator, the benchmark and the tests. Every entry is validated with these schemas; nothing
// checks fields by hand.
import { z } from 'zod';

export const CHANNELS = ['phone', 'web', 'wechat', 'app', 'other'] as const;
export const TICKET_KINDS = ['consult', 'help', 'complaint', 'suggestion', 'report', 'praise', 'other'] as const;
export const DEPT_KINDS = ['county', 'department', 'enterprise'] as const;
export const URGENCIES = ['normal', 'urgent'] as const;
export const RESOLVED = ['yes', 'partly', 'no'] as const;
export const SATISFACTION = ['satisfied', 'basic', 'dissatisfied', 'none'] as const;
export const TICKET_STATES = ['new', 'assigned', 'signed', 'replied', 'closed'] as const;

export type Channel = (typeof CHANNELS)[number];
export type TicketKind = (typeof TICKET_KINDS)[number];
export type DeptKind = (typeof DEPT_KINDS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type Resolved = (typeof RESOLVED)[number];
export type Satisfaction = (typeof SATISFACTION)[number];
export type TicketState = (typeof TICKET_STATES)[number];

/** Rejection codes, in the order the checks run (events.md, "What is rejected"). */
export const REJECT_CODES = [
  'no-event',
  'not-json',
  'schema',
  'unknown-ticket',
  'ticket-exists',
  'bad-state',
  'wrong-dept',
  'bad-deadline',
  /** The product itself failed on the entry (a defect, not the entry's fault), 3 attempts in all. */
  'internal',
] as const;
export type RejectCode = (typeof REJECT_CODES)[number];

/** ISO 8601 with an offset or Z; parsed later with Date.parse, which accepts exactly these forms. */
const isoTime = z.iso.datetime({ offset: true, local: false });
/** Optional fields may be absent or null: the same thing. */
const opt = <T extends z.ZodType>(t: T) => t.nullish();

const base = {
  v: z.literal(1),
  id: z.string().min(1).max(128),
  at: isoTime,
};
const ticketBase = { ...base, ticketId: z.string().min(1).max(64) };
const deptId = z.string().min(1);
const dept = z.object({ id: deptId, name: z.string().min(1), kind: opt(z.enum(DEPT_KINDS)) });

/**
 * Build the schema for one city: `district` must be one of the configured district codes.
 * Unknown fields are stripped (zod's default), so producers can add their own.
 */
export function makeEventSchema(districtCodes: readonly string[]) {
  const district = z.enum(districtCodes as [string, ...string[]]);
  return z.discriminatedUnion('type', [
    z.object({
      ...ticketBase,
      type: z.literal('ticket.created'),
      channel: z.enum(CHANNELS),
      kind: z.enum(TICKET_KINDS),
      category: z.array(z.string().min(1)).min(1).max(3),
      district,
      urgency: z.enum(URGENCIES),
      title: z.string().max(200),
      content: z.string().max(4000),
      street: opt(z.string()),
      location: opt(z.tuple([z.number(), z.number()])),
      citizen: opt(z.object({ name: opt(z.string()), phone: opt(z.string()) })),
    }),
    z.object({
      ...ticketBase,
      type: z.literal('ticket.assigned'),
      dept,
      dueAt: isoTime,
      signDueAt: opt(isoTime),
    }),
    z.object({ ...ticketBase, type: z.literal('ticket.signed'), deptId }),
    z.object({ ...ticketBase, type: z.literal('ticket.returned'), deptId, reason: z.string() }),
    z.object({ ...ticketBase, type: z.literal('ticket.extended'), deptId, dueAt: isoTime, reason: z.string() }),
    z.object({ ...ticketBase, type: z.literal('ticket.replied'), deptId, summary: opt(z.string()) }),
    z.object({
      ...ticketBase,
      type: z.literal('ticket.visited'),
      resolved: z.enum(RESOLVED),
      satisfaction: z.enum(SATISFACTION),
    }),
    z.object({ ...ticketBase, type: z.literal('ticket.closed'), direct: opt(z.boolean()) }),
    z.object({ ...ticketBase, type: z.literal('ticket.reopened'), reason: z.string() }),
    z.object({
      ...ticketBase,
      type: z.literal('ticket.supervised'),
      level: z.number().int().min(1).max(5),
      by: z.string(),
      note: opt(z.string()),
    }),
    // 协办: a co-handling department with a deadline for its part, and that part's reply.
    z.object({ ...ticketBase, type: z.literal('ticket.coassigned'), dept, dueAt: isoTime }),
    z.object({ ...ticketBase, type: z.literal('ticket.coreplied'), deptId, summary: opt(z.string()) }),
    z.object({ ...base, type: z.literal('call.offered'), callId: z.string().min(1) }),
    z.object({ ...base, type: z.literal('call.answered'), callId: z.string().min(1), waitSec: z.number().min(0) }),
    z.object({ ...base, type: z.literal('call.abandoned'), callId: z.string().min(1), waitSec: z.number().min(0) }),
    z.object({
      ...base,
      type: z.literal('agents.status'),
      online: z.number().int().min(0),
      busy: z.number().int().min(0),
    }),
  ]);
}

export type EventSchema = ReturnType<typeof makeEventSchema>;
export type HotlineEvent = z.infer<EventSchema>;
export type EventType = HotlineEvent['type'];
export type EventOf<T extends EventType> = Extract<HotlineEvent, { type: T }>;
export type TicketEvent = Extract<HotlineEvent, { ticketId: string }>;

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.assigned',
  'ticket.signed',
  'ticket.returned',
  'ticket.extended',
  'ticket.replied',
  'ticket.visited',
  'ticket.closed',
  'ticket.reopened',
  'ticket.supervised',
  'ticket.coassigned',
  'ticket.coreplied',
  'call.offered',
  'call.answered',
  'call.abandoned',
  'agents.status',
] as const satisfies readonly EventType[];
/** Fails to compile when a type of the schema is missing from EVENT_TYPES. */
export const EVENT_TYPES_COMPLETE: [Exclude<EventType, (typeof EVENT_TYPES)[number]>] extends [never] ? true : never = true;

/** One entry as read from the stream: its id and its fields. */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

/** What the consumer writes to `<stream>:rejected`. */
export interface RejectedEntry {
  entryId: string;
  reason: string;
  raw: string;
}
