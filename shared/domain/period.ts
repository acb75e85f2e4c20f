// Periods of local dates [from, to], both included (metrics.md, "Department rates").
import type { Period } from '../contract/snapshot.ts';
import type { Rules } from './rules.ts';
import { dateOfDay, dayOfDate } from './time.ts';

/** The default period: the month of `asOf` up to today. */
export function defaultPeriod(rules: Rules, asOf: number): Period {
  const today = dateOfDay(rules.zone.dayOf(asOf));
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The period of equal length just before `p`. */
export function previousPeriod(p: Period): Period {
  const from = dayOfDate(p.from)!;
  const to = dayOfDate(p.to)!;
  return { from: dateOfDay(from - (to - from + 1)), to: dateOfDay(from - 1) };
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

/** Validates `from`/`to` query values; each defaults to the default period's. */
export function parsePeriod(rules: Rules, asOf: number, from?: string, to?: string): PeriodResult {
  const def = defaultPeriod(rules, asOf);
  const f = from ?? def.from;
  const t = to ?? def.to;
  const fd = dayOfDate(f);
  const td = dayOfDate(t);
  if (fd === null) return { ok: false, error: `from: ${JSON.stringify(f)} is not a date YYYY-MM-DD` };
  if (td === null) return { ok: false, error: `to: ${JSON.stringify(t)} is not a date YYYY-MM-DD` };
  if (td < fd) return { ok: false, error: `to (${t}) is before from (${f})` };
  const max = rules.config.limits.rankingDays;
  if (td - fd + 1 > max) return { ok: false, error: `the period has ${td - fd + 1} days, more than ${max}` };
  return { ok: true, period: { from: f, to: t } };
}
