// One ticket's whole life, decided when it is created: dispatch, sign-for, returns (now and then
// back and forth between units), co-handling, extensions, supervision, reply, return visit, close
// and the odd reopen, each at a plausible time. The events
// are valid per the contract when applied in order; a few deliberately bad ones are slipped in.
import type { Channel, HotlineEvent, RejectCode, TicketKind, Urgency } from '../../shared/contract/events.ts';
import type { District } from '../../shared/config.ts';
import { DAY, HOUR, MINUTE, isoLocal, officeTime } from './clock.ts';
import { planCoHandling, type CoPlan } from './cohandling.ts';
import type { Dept, DeptDirectory } from './departments.ts';
import { randomMobile, randomName } from './people.ts';
import { randomAddress } from './places.ts';
import { CHANNEL_WEIGHTS, CO_HANDLING_SHARE, DIRECT_SHARE, DISTRICT_WEIGHTS, DUE_DAYS, PING_PONG_SHARE } from './profile.ts';
import type { Rng } from './random.ts';
import { ticketText } from './text.ts';
import { TOPICS, type Topic } from './topics.ts';
import type { SimItem } from './types.ts';

export interface TicketContext {
  dirs: DeptDirectory;
  districts: readonly District[];
  /** Chance that a ticket carries one deliberately bad entry. */
  badPerTicket: number;
  /** How well a unit works, 0 (poorly) to 1 (very well): late sign-fors, late replies, unhappy callers. */
  quality: (deptId: string) => number;
}

type Body = Record<string, unknown>;

const RETURN_REASONS = ['不属于本单位职责范围', '诉求地址不在本辖区', '该事项已由其他部门办理', '派单信息不全，无法办理'];
const EXTEND_REASONS = ['需协调多个部门联合处置', '涉及资金审批，需延长办理时限', '天气原因无法施工', '需等待司法鉴定结果'];
const REOPEN_REASONS = ['群众对办理结果不满意，重新办理', '回访核实问题未解决', '群众再次来电反映问题依旧'];
const SUPERVISE_NOTES = ['请加快办理进度', '群众多次来电，请高度重视', '已超期，请说明原因并限期办结', '请主要负责同志督办'];
const CO_SUMMARIES = ['已配合现场核查并反馈主办单位', '已按职责完成协办事项', '协办意见已书面反馈主办单位', '已派员配合联合处置'];
const REPLY_SUMMARIES = [
  '已安排工作人员现场核实，问题已处理完毕',
  '经协调，相关单位已于当日整改到位',
  '已联系来电人说明情况，来电人表示理解',
  '已列入维修计划，预计近期完成',
  '经调查情况属实，已依法责令整改',
  '已向来电人解释相关政策',
];

function pickDistrict(rng: Rng, districts: readonly District[]): string {
  return rng.weighted(districts, (d) => DISTRICT_WEIGHTS[d.code] ?? 0.08).code;
}

class Life {
  readonly items: SimItem[] = [];
  private t: number;
  private n = 0;
  dept: Dept | null = null;
  dueAt = 0;
  /** The last applied event, for a deliberate duplicate. */
  private last: HotlineEvent | null = null;

  constructor(
    readonly rng: Rng,
    readonly ticketId: string,
    t0: number,
  ) {
    this.t = t0 - 1000;
  }

  get now(): number {
    return this.t;
  }

  /** The time the next event at `at` will get: whole seconds, after the previous one. */
  when(at: number): number {
    return Math.max(Math.floor(at / 1000) * 1000, this.t + 1000);
  }

  /** The next event, at `at` or a second after the previous one, whichever is later. */
  emit(type: HotlineEvent['type'], body: Body, at: number): number {
    at = this.when(at);
    this.t = at;
    const event = { v: 1, id: `${this.ticketId}-${++this.n}`, type, at: isoLocal(at), ticketId: this.ticketId, ...body } as HotlineEvent;
    this.items.push({ atMs: at, expect: 'applied', event });
    this.last = event;
    return at;
  }

  /** A deliberately bad entry, right after the previous event. */
  bad(expect: RejectCode, type: string, body: Body): void {
    const at = this.t + 1000;
    this.t = at;
    const event = { v: 1, id: `${this.ticketId}-x${++this.n}`, type, at: isoLocal(at), ticketId: this.ticketId, ...body };
    this.items.push({ atMs: at, expect, fields: { event: JSON.stringify(event) } });
  }

  /** The previous event again, same id: a producer's retry. */
  duplicate(): void {
    if (!this.last) return;
    this.t += 1000;
    this.items.push({ atMs: this.t, expect: 'duplicate', event: this.last });
  }
}

export function buildTicket(rng: Rng, ticketId: string, createdAt: number, ctx: TicketContext): SimItem[] {
  const topic = rng.weighted(TOPICS, (t) => t.weight);
  const kind = rng.choose(topic.kinds as Record<TicketKind, number>);
  const channel = rng.choose(CHANNEL_WEIGHTS) as Channel;
  const district = pickDistrict(rng, ctx.districts);
  const urgency: Urgency = rng.chance(topic.urgent ?? 0.035) ? 'urgent' : 'normal';
  const addr = randomAddress(rng, district);
  const road2 = randomAddress(rng, district).road;
  const text = ticketText(rng, topic, addr, road2, channel, district, kind);
  const life = new Life(rng, ticketId, createdAt);

  const created: Body = { channel, kind, category: topic.category, district, urgency, title: text.title, content: text.content };
  if (rng.chance(0.85)) created.street = addr.street;
  if (channel !== 'phone' || rng.chance(0.4)) created.location = addr.location;
  const c = rng.next();
  if (c < 0.6) created.citizen = { name: randomName(rng), phone: randomMobile(rng) };
  else if (c < 0.7) created.citizen = { phone: randomMobile(rng) };
  else if (c < 0.75) created.citizen = { name: randomName(rng), phone: null };
  life.emit('ticket.created', created, createdAt);

  // The one deliberately bad entry some tickets carry, and where in the life it goes.
  const badKind = rng.chance(ctx.badPerTicket)
    ? rng.pick(['exists', 'wrong-dept', 'bad-state', 'bad-deadline', 'duplicate'] as const)
    : null;
  if (badKind === 'exists') life.bad('ticket-exists', 'ticket.created', created);
  if (badKind === 'duplicate') life.duplicate();

  if (rng.chance(DIRECT_SHARE[kind] * (urgency === 'urgent' ? 0.2 : 1))) {
    directAnswer(life, createdAt);
    return life.items;
  }
  handle(life, ctx, topic, kind, urgency, district, createdAt, badKind, true);
  return life.items;
}

/** 直答直办: the operator answers on the call; some get a return visit. */
function directAnswer(life: Life, createdAt: number): void {
  const { rng } = life;
  const closedAt = life.emit('ticket.closed', { direct: true }, createdAt + (1 + rng.exp(6)) * MINUTE);
  if (rng.chance(0.2)) {
    life.emit('ticket.visited', visitOutcome(rng, 0.92), closedAt + rng.between(1, 30) * HOUR);
  }
}

function visitOutcome(rng: Rng, good: number): Body {
  const r = rng.next();
  const resolved = r < good ? 'yes' : r < good + (1 - good) * 0.6 ? 'partly' : 'no';
  const s = rng.next();
  const satisfaction =
    s < 0.07
      ? 'none'
      : resolved === 'yes'
        ? s < 0.8
          ? 'satisfied'
          : s < 0.96
            ? 'basic'
            : 'dissatisfied'
        : resolved === 'partly'
          ? s < 0.35
            ? 'satisfied'
            : s < 0.75
              ? 'basic'
              : 'dissatisfied'
          : s < 0.3
            ? 'basic'
            : 'dissatisfied';
  return { resolved, satisfaction };
}

type BadKind = 'exists' | 'wrong-dept' | 'bad-state' | 'bad-deadline' | 'duplicate' | null;

/** Who gets it next after a return: another unit for the topic, else the district, else anyone. */
function nextDept(rng: Rng, ctx: TicketContext, topic: Topic, district: string, tried: string[]): Dept {
  const fresh = (d: Dept) => !tried.includes(d.id);
  const forTopic = topic.depts.map((ref) => ctx.dirs.resolve(ref, district)).filter(fresh);
  if (forTopic.length > 0) return rng.pick(forTopic);
  const county = ctx.dirs.counties.get(district);
  if (county && fresh(county)) return county;
  return rng.pick(ctx.dirs.all().filter((d) => fresh(d) && d.kind !== 'county'));
}

/** A co-handling entry that breaks the contract, slipped into some co-handled tickets. */
type CoBad = 'lead' | 'deadline' | 'twice' | 'stranger' | null;

/** Co-assign the planned co-handlers, co-reply as planned, in time order with `others` (extension, supervision). */
function coHandle(life: Life, ctx: TicketContext, lead: Dept, plans: CoPlan[], others: Array<[number, () => number]>, bad: CoBad): void {
  const { rng } = life;
  const steps: Array<[number, () => void]> = others.map(([at, run]) => [at, run]);
  plans.forEach((p, i) => {
    steps.push([
      p.at,
      () => {
        life.emit('ticket.coassigned', { dept: deptBody(rng, p.dept), dueAt: isoLocal(p.dueAt) }, p.at);
        if (i > 0) return;
        if (bad === 'lead') life.bad('bad-state', 'ticket.coassigned', { dept: deptBody(rng, lead), dueAt: isoLocal(p.dueAt) });
        if (bad === 'stranger') life.bad('wrong-dept', 'ticket.coreplied', { deptId: lead.id });
        if (bad === 'deadline') {
          const other = rng.pick(ctx.dirs.all().filter((d) => d.id !== lead.id && !plans.some((q) => q.dept.id === d.id)));
          // Due the very second it is sent: not later than its `at`.
          life.bad('bad-deadline', 'ticket.coassigned', { dept: deptBody(rng, other), dueAt: isoLocal(life.now + 1000) });
        }
      },
    ]);
    if (p.replyAt === null) return;
    steps.push([
      p.replyAt,
      () => {
        life.emit('ticket.coreplied', coReply(rng, p.dept), p.replyAt!);
        if (bad === 'twice' && i === 0) life.bad('bad-state', 'ticket.coreplied', { deptId: p.dept.id });
      },
    ]);
  });
  for (const [, run] of steps.sort((a, b) => a[0] - b[0])) run();
}

function deptBody(rng: Rng, d: Dept): Body {
  return { id: d.id, name: d.name, kind: rng.chance(0.1) ? null : d.kind };
}

function coReply(rng: Rng, d: Dept): Body {
  return rng.chance(0.8) ? { deptId: d.id, summary: rng.pick(CO_SUMMARIES) } : { deptId: d.id };
}

/** Dispatch until someone signs for it, then handle, reply, visit, close; maybe reopen once. */
function handle(
  life: Life,
  ctx: TicketContext,
  topic: Topic,
  kind: TicketKind,
  urgency: Urgency,
  district: string,
  from: number,
  badKind: BadKind,
  mayReopen: boolean,
): void {
  const { rng } = life;
  const urgent = urgency === 'urgent';
  const tried: string[] = [];
  // A reopened ticket goes back to the unit that had it.
  let dept: Dept = life.dept ?? ctx.dirs.resolve(rng.pick(topic.depts), district);
  // Passing the buck (工单在天上飞): two or three returns, back and forth between two or three units.
  const bounces = rng.chance(PING_PONG_SHARE) ? rng.int(2, 3) : 0;
  const pool: Dept[] = [dept];
  let at = life.when(urgent ? from + rng.between(3, 15) * MINUTE : officeTime(rng, from + rng.between(5, 90) * MINUTE));

  for (let attempt = 0; ; attempt++) {
    const days = urgent ? rng.int(1, 2) : rng.pick(DUE_DAYS[kind]);
    const dueAt = at + days * DAY;
    const body: Body = { dept: deptBody(rng, dept), dueAt: isoLocal(dueAt) };
    let signWindow = urgent ? 30 * MINUTE : 20 * HOUR;
    if (!urgent && rng.chance(0.15)) {
      // A producer that counts sign-for time in working hours sends its own deadline.
      signWindow = rng.int(4, 8) * HOUR;
      body.signDueAt = isoLocal(at + signWindow);
    }
    life.emit('ticket.assigned', body, at);
    life.dept = dept;
    life.dueAt = dueAt;
    tried.push(dept.id);
    if (attempt === 0 && badKind === 'wrong-dept') {
      const other = rng.pick(ctx.dirs.all().filter((d) => d.id !== dept.id));
      life.bad('wrong-dept', 'ticket.signed', { deptId: other.id });
    }
    if (attempt === 0 && badKind === 'bad-state') life.bad('bad-state', 'ticket.replied', { deptId: dept.id, summary: '已办结' });

    const q = ctx.quality(dept.id);
    if (rng.chance(0.0005 + 0.003 * (1 - q))) {
      // Never signed for: it goes yellow, then red; the centre supervises it.
      superviseLate(life, 2);
      return;
    }
    const late = rng.chance((urgent ? 0.04 : 0.02) + 0.14 * (1 - q));
    const signDelay = late ? signWindow * rng.between(1.2, 3.5) : signWindow * Math.min(0.95, 0.03 + rng.exp(0.2));
    const returns = bounces > 0 ? attempt < bounces : attempt < 2 && rng.chance(attempt === 0 ? 0.07 : 0.03);
    let t = urgent || late ? at + signDelay : Math.min(at + signWindow - MINUTE, officeTime(rng, at + signDelay));
    if (!returns || rng.chance(0.35)) {
      t = life.emit('ticket.signed', { deptId: dept.id }, t);
    }
    if (!returns) break;
    // Now and then a co-handler was asked in before the return: its part is dropped with it.
    if (rng.chance(0.1)) {
      const [co] = planCoHandling(rng, ctx, topic, district, dept, t, life.dueAt);
      life.emit('ticket.coassigned', { dept: deptBody(rng, co.dept), dueAt: isoLocal(co.dueAt) }, t + rng.between(2, 9) * MINUTE);
    }
    t = life.emit('ticket.returned', { deptId: dept.id, reason: rng.pick(RETURN_REASONS) }, t + rng.between(10, 180) * MINUTE);
    life.dept = null;
    if (bounces === 0) dept = nextDept(rng, ctx, topic, district, tried);
    else {
      if (pool.length === 1) pool.push(nextDept(rng, ctx, topic, district, tried));
      if (pool.length === 2 && bounces === 3 && rng.chance(0.4)) pool.push(nextDept(rng, ctx, topic, district, [...tried, pool[1].id]));
      dept = pool[(attempt + 1) % pool.length];
    }
    at = life.when(t + rng.between(10, 120) * MINUTE);
  }

  let t = life.now;
  const lead = dept;
  if (badKind === 'bad-deadline') {
    life.bad('bad-deadline', 'ticket.extended', { deptId: lead.id, dueAt: isoLocal(life.dueAt - DAY), reason: '申请延期' });
  }
  // Between the sign-for and the reply, in time order: an extension, a supervision, co-handling.
  const others: Array<[number, () => number]> = [];
  if (!urgent && rng.chance(0.06)) {
    const newDue = life.dueAt + rng.int(3, 10) * DAY;
    const at = t + (life.dueAt - t) * rng.between(0.2, 0.7);
    others.push([
      at,
      () => life.emit('ticket.extended', { deptId: lead.id, dueAt: isoLocal(newDue), reason: rng.pick(EXTEND_REASONS) }, at),
    ]);
    life.dueAt = newDue;
    t = at;
  }
  if (rng.chance(0.03)) {
    const at = t + (life.dueAt - t) * rng.between(0.3, 0.8);
    const body = supervision(rng, rng.chance(0.7) ? 1 : 2);
    others.push([at, () => life.emit('ticket.supervised', body, at)]);
  }
  const plans = rng.chance(CO_HANDLING_SHARE) ? planCoHandling(rng, ctx, topic, district, lead, life.now, life.dueAt) : [];
  const coBad: CoBad = plans.length > 0 && rng.chance(0.04) ? rng.pick(['lead', 'deadline', 'twice', 'stranger'] as const) : null;
  coHandle(life, ctx, lead, plans, others, coBad);
  // The lead replies after the co-replies it waited for (a late co-handler makes a late lead).
  t = life.now;

  const q = ctx.quality(dept.id);
  const never = 0.0005 + 0.004 * (1 - q);
  const r = rng.next();
  if (r < never) {
    superviseLate(life, 3);
    return;
  }
  let repliedAt: number;
  if (r < never + 0.02 + 0.12 * (1 - q)) {
    // Late: mostly by hours or a day or two, sometimes by a week or more.
    const lateBy = rng.chance(0.7) ? rng.between(2, 48) : rng.chance(0.85) ? rng.between(48, 144) : rng.between(144, 360);
    if (lateBy > 24 && rng.chance(0.5))
      life.emit('ticket.supervised', supervision(rng, lateBy > 96 ? 3 : 2), life.dueAt + rng.between(2, 20) * HOUR);
    repliedAt = life.emit('ticket.replied', reply(rng, dept), officeTime(rng, life.dueAt + lateBy * HOUR));
  } else {
    const planned = officeTime(rng, t + (life.dueAt - t) * Math.min(0.95, 0.05 + rng.exp(0.3)));
    repliedAt = life.emit('ticket.replied', reply(rng, dept), Math.min(life.dueAt - MINUTE, planned));
  }
  // A co-handler that had not co-replied by the lead's reply sometimes does soon after.
  for (const p of plans) {
    if (p.replyAt === null && p.afterLead) life.emit('ticket.coreplied', coReply(rng, p.dept), repliedAt + rng.between(0.5, 6) * HOUR);
  }

  let closedAt: number;
  let visit: Body | null = null;
  if (rng.chance(0.85)) {
    visit = visitOutcome(rng, 0.55 + 0.35 * q);
    const visitAt = officeTime(rng, repliedAt + rng.between(2, 48) * HOUR);
    if (rng.chance(0.1)) {
      closedAt = life.emit('ticket.closed', {}, visitAt - rng.between(1, 120) * MINUTE);
      life.emit('ticket.visited', visit, visitAt);
    } else {
      life.emit('ticket.visited', visit, visitAt);
      closedAt = life.emit('ticket.closed', {}, visitAt + rng.between(10, 600) * MINUTE);
    }
  } else {
    closedAt = life.emit('ticket.closed', {}, repliedAt + rng.between(24, 72) * HOUR);
  }

  const unhappy = visit !== null && (visit.satisfaction === 'dissatisfied' || visit.resolved === 'no');
  if (mayReopen && rng.chance(unhappy ? 0.2 : 0.004)) {
    const reopenedAt = life.emit('ticket.reopened', { reason: rng.pick(REOPEN_REASONS) }, closedAt + rng.between(4, 96) * HOUR);
    handle(life, ctx, topic, kind, urgency, district, reopenedAt, null, false);
  }
}

function supervision(rng: Rng, level: number): Body {
  const body: Body = { level, by: '市热线办' };
  if (rng.chance(0.7)) body.note = rng.pick(SUPERVISE_NOTES);
  return body;
}

/** Nobody replies: after the deadline the centre supervises it, level by level. */
function superviseLate(life: Life, maxLevel: number): void {
  const { rng } = life;
  let t = life.dueAt + rng.between(2, 30) * HOUR;
  for (let level = 1; level <= maxLevel; level++) {
    if (!rng.chance(0.6)) return;
    t = life.emit('ticket.supervised', supervision(rng, level), t);
    t += rng.between(1, 4) * DAY;
  }
}

function reply(rng: Rng, dept: Dept): Body {
  return rng.chance(0.9) ? { deptId: dept.id, summary: rng.pick(REPLY_SUMMARIES) } : { deptId: dept.id };
}
