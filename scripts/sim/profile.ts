// The shape of the traffic: how volume moves through the day and the week, how channels, districts
// and deadlines are distributed.
import type { Channel, TicketKind } from '../../shared/contract/events.ts';
import { localHour, localWeekday } from './clock.ts';

/** Relative volume per local hour: quiet at night, peaks 9-11 and 14-16. */
const HOUR_WEIGHTS = [0.8, 0.5, 0.3, 0.3, 0.3, 0.5, 1.2, 2.5, 5, 8, 8.5, 7, 4.5, 4.5, 7.5, 8, 7, 5.5, 4, 3.5, 3.2, 2.8, 2, 1.3];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

/** Share of a day's volume that falls in the hour starting at `hourStart`. */
export function hourShare(hourStart: number): number {
  return HOUR_WEIGHTS[localHour(hourStart)] / HOUR_TOTAL;
}

/** Busyness of the hour relative to the busiest one, 0-1. */
export function hourLoad(hourStart: number): number {
  return HOUR_WEIGHTS[localHour(hourStart)] / 8.5;
}

/** Weekends are quieter. */
export function weekdayFactor(ms: number): number {
  const d = localWeekday(ms);
  return d === 0 ? 0.7 : d === 6 ? 0.75 : 1;
}

export const CHANNEL_WEIGHTS: Record<Channel, number> = { phone: 62, wechat: 12, app: 11, web: 9, other: 6 };

/** Share of a district's tickets by adcode; configured zones not listed weigh 0.08. */
export const DISTRICT_WEIGHTS: Record<string, number> = {
  '370902': 0.24,
  '370911': 0.19,
  '370921': 0.12,
  '370923': 0.11,
  '370982': 0.18,
  '370983': 0.16,
};

/** Handling time the centre gives, days, by kind. */
export const DUE_DAYS: Record<TicketKind, number[]> = {
  consult: [3],
  help: [5, 5, 7],
  complaint: [7, 10, 10],
  suggestion: [15],
  report: [10, 15],
  praise: [3],
  other: [5],
};

/** Chance a ticket of that kind is answered on the spot by the hotline (直答直办). */
export const DIRECT_SHARE: Record<TicketKind, number> = {
  consult: 0.88,
  praise: 0.7,
  other: 0.4,
  suggestion: 0.3,
  help: 0.3,
  complaint: 0.2,
  report: 0.04,
};

/** Share of dispatched tickets that get one or two co-handlers (协办): about one ticket in ten. */
export const CO_HANDLING_SHARE = 0.14;

/** Share of dispatched tickets passed back and forth, returned two or three times (多次退回). */
export const PING_PONG_SHARE = 0.025;
