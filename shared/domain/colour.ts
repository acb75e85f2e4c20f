// Ticket warnings (三色亮牌, ticket level) and the five supervision levels (五级督办), metrics.md.
import type { Colour, WarningReason } from '../contract/snapshot.ts';
import { endOfNextWorkingDay, overdueWorkingDays } from './calendar.ts';
import type { Rules } from './rules.ts';
import type { CoPart, Ticket } from './state.ts';

/** What every colour of one moment shares: computed once per snapshot, not once per ticket. */
export interface Moment {
  asOf: number;
  today: number;
  endOfNextWorkingDay: number;
}

export function moment(rules: Rules, asOf: number): Moment {
  return { asOf, today: rules.zone.dayOf(asOf), endOfNextWorkingDay: endOfNextWorkingDay(rules.calendar, rules.zone, asOf) };
}

export interface TicketColour {
  colour: Colour;
  reason: WarningReason | null;
}

const GREEN: TicketColour = { colour: 'green', reason: null };
const RED: TicketColour = { colour: 'red', reason: 'overdue' };
const SIGN_OVERDUE: TicketColour = { colour: 'yellow', reason: 'sign-overdue' };
const DUE_SOON: TicketColour = { colour: 'yellow', reason: 'due-soon' };
const CO_OVERDUE: TicketColour = { colour: 'yellow', reason: 'co-overdue' };

/** A co-handling part open at `asOf` and past its own deadline. */
export function partOverdue(p: CoPart, asOf: number): boolean {
  return p.endAt === null && asOf > p.dueAt;
}

/** Some co-handling part of the ticket is open and past its deadline (the yellow reason co-overdue). */
export function hasOverduePart(t: Ticket, asOf: number): boolean {
  if (t.co === null) return false;
  for (const p of t.co) if (partOverdue(p, asOf)) return true;
  return false;
}

/** Colour of a ticket, or null when its state carries none (only assigned and signed do). */
export function ticketColour(rules: Rules, m: Moment, t: Ticket): TicketColour | null {
  if (t.state !== 'assigned' && t.state !== 'signed') return null;
  const dueAt = t.dueAt!;
  if (m.asOf > dueAt) return RED;
  if (t.state === 'assigned' && m.asOf > t.signDueAt!) return SIGN_OVERDUE;
  if (t.urgency === 'normal') {
    if (dueAt <= m.endOfNextWorkingDay) return DUE_SOON;
  } else if (dueAt - m.asOf <= rules.config.thresholds.urgentDueSoonShare * (dueAt - t.assignedAt!)) {
    return DUE_SOON;
  }
  if (hasOverduePart(t, m.asOf)) return CO_OVERDUE;
  return GREEN;
}

/** Automatic level: 1 when yellow; when red 2, or 3/4/5 at the configured overdue working days. */
export function autoLevel(rules: Rules, m: Moment, t: Ticket, c: TicketColour | null): number {
  if (!c || c.colour === 'green') return 0;
  if (c.colour === 'yellow') return 1;
  const th = rules.config.thresholds;
  const days = overdueWorkingDays(rules.calendar, rules.zone, t.dueAt!, m.today, th.level5Days);
  if (days >= th.level5Days) return 5;
  if (days >= th.level4Days) return 4;
  if (days >= th.level3Days) return 3;
  return 2;
}

export interface TicketWarning extends TicketColour {
  auto: number;
  level: number;
}

/** Colour, reason and supervision levels of a ticket at one moment. */
export function assess(rules: Rules, m: Moment, t: Ticket): TicketWarning {
  const c = ticketColour(rules, m, t);
  const auto = autoLevel(rules, m, t, c);
  return { colour: c?.colour ?? 'green', reason: c?.reason ?? null, auto, level: Math.max(auto, t.manualLevel) };
}
