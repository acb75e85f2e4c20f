// Everything a figure depends on besides the events: the config's numbers, the time zone, the clock
// kind, the working-day calendar and the event schema for the configured city.
import type { Config } from '../config.ts';
import { makeEventSchema, type EventSchema } from '../contract/events.ts';
import { calendarNoticeFor, createCalendar, type Calendar } from './calendar.ts';
import { dayOfDate } from './time.ts';
import { makeZone, type Zone } from './time.ts';

export type ClockKind = 'wall' | 'event';

export interface Rules {
  readonly config: Config;
  readonly zone: Zone;
  readonly clock: ClockKind;
  readonly calendar: Calendar;
  readonly schema: EventSchema;
  readonly districtNames: ReadonlyMap<string, string>;
  /**
   * Splits a masked title into words, for the hot topics (topics.ts). Injected (the server passes
   * jieba, server/core/segmenter.ts) so the core stays pure; without it no keywords are counted.
   * Must be deterministic: a replay gives the same figures only with the same segmenter.
   */
  readonly segment?: (text: string) => string[];
  /**
   * A keyed hash (HMAC) of a citizen's phone, for repeat callers (analysis/facts.ts): injected (the
   * server keys it with HOTLINE_ANALYSIS_SECRET) so the core never holds the secret; without it no
   * caller is compared.
   */
  readonly hashPhone?: (normalisedPhone: string) => string;
}

export interface RulesOptions {
  tz: string;
  clock: ClockKind;
  segment?: (text: string) => string[];
  hashPhone?: (normalisedPhone: string) => string;
}

export function createRules(config: Config, opts: RulesOptions): Rules {
  const districts = config.city.districts;
  return {
    config,
    zone: makeZone(opts.tz),
    clock: opts.clock,
    calendar: createCalendar(config.calendar),
    schema: makeEventSchema(districts.map((d) => d.code)),
    districtNames: new Map(districts.map((d) => [d.code, d.name])),
    ...(opts.segment ? { segment: opts.segment } : {}),
    ...(opts.hashPhone ? { hashPhone: opts.hashPhone } : {}),
  };
}

/** The calendar notice for a local date 'YYYY-MM-DD' (the snapshot carries it by itself too). */
export function calendarNotice(rules: Rules, todayDate: string): string | null {
  const day = dayOfDate(todayDate);
  return day === null ? null : calendarNoticeFor(rules.calendar, day);
}

/** The configuration's name for a department id, if it has one (own keys only: an id may be `constructor`). */
export function configuredDeptName(rules: Rules, id: string): string | undefined {
  const names = rules.config.deptNames;
  return Object.hasOwn(names, id) ? names[id] : undefined;
}
