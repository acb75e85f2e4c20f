// The snapshot (metrics.md): every figure of the screen at one moment. O(open tickets + departments
// + districts): the open tickets are scanned once, the rest are keyed per day.
import { CHANNELS, TICKET_KINDS } from '../contract/events.ts';
import type { RankingsAnswer, Snapshot, SupervisionCounts } from '../contract/snapshot.ts';
import { calendarNoticeFor } from './calendar.ts';
import { bouncedTickets, coPartsNow } from './cohandling.ts';
import { maskText } from './privacy.ts';
import { moment } from './colour.ts';
import { departmentRows } from './departments.ts';
import { previousPeriod } from './period.ts';
import type { Rules } from './rules.ts';
import { ruleNumbers } from '../rules-text.ts';
import type { Period } from '../contract/snapshot.ts';
import { counts, emptyDay, type CoreState, type TopicDay } from './state.ts';
import { dateOfDay } from './time.ts';
import { clusters, hotTopics } from './topics.ts';
import { assessOpen, sortedOfColour, warningItem } from './warnings.ts';
import { defaultPeriod } from './period.ts';

/** The centre's "now": the wall clock, or under HOTLINE_CLOCK=event the largest `at` applied. */
export function asOfMs(state: CoreState, rules: Rules, wallNow: number): number | null {
  return rules.clock === 'event' ? state.maxAt : wallNow;
}

export interface SnapshotInput {
  asOf: number | null;
  builtAt: number;
  /** The wall clock: "today" before any event under the event clock. */
  wallNow: number;
  seq: number;
  /** Operators' notices besides the calendar's. */
  notices?: string[];
}

const NO_TOPICS: TopicDay = { keywords: counts(), keywordDistricts: counts() };
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildSnapshot(state: CoreState, rules: Rules, input: SnapshotInput): Snapshot {
  const { zone, config } = rules;
  const now = input.asOf ?? input.wallNow;
  const m = moment(rules, now);
  const todayStats = state.days.get(m.today) ?? emptyDay();
  const yesterday = state.days.get(m.today - 1) ?? emptyDay();

  const assessed = assessOpen(state, rules, m);
  const supervision: SupervisionCounts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  const openBy = new Map<string, number>();
  const overdueBy = new Map<string, number>();
  let overdue = 0;
  for (const a of assessed) {
    const d = a.ticket.district;
    openBy.set(d, (openBy.get(d) ?? 0) + 1);
    if (a.colour === 'red') {
      overdue++;
      overdueBy.set(d, (overdueBy.get(d) ?? 0) + 1);
    }
    if (a.level > 0) supervision[String(a.level) as keyof SupervisionCounts]++;
  }
  const red = sortedOfColour(assessed, 'red');
  const yellow = sortedOfColour(assessed, 'yellow');
  const limit = config.limits.snapshotWarnings;
  const period = defaultPeriod(rules, now);
  const calls = todayStats.calls;
  const notice = calendarNoticeFor(rules.calendar, m.today);
  const co = coPartsNow(state, now);

  return {
    v: 1,
    seq: input.seq,
    city: { name: config.city.name, adcode: config.city.adcode },
    asOf: input.asOf === null ? null : zone.format(input.asOf),
    builtAt: zone.format(input.builtAt),
    period,
    lastEntryId: state.lastEntryId,
    lastEntryAt: state.lastEntryAt === null ? null : zone.format(state.lastEntryAt),
    // Shown as written, through the masker like all screen text (its dates read 2026年12月31日).
    notices: [...new Set([...(notice ? [notice] : []), ...(input.notices ?? [])].map((n) => maskText(n)))],
    today: {
      date: dateOfDay(m.today),
      created: todayStats.created,
      dispatched: todayStats.dispatched,
      closed: todayStats.closed,
      direct: todayStats.direct,
    },
    open: state.open.size,
    overdue,
    calls: {
      offered: calls.offered,
      answered: calls.answered,
      abandoned: calls.abandoned,
      answerRate: calls.offered === 0 ? null : Math.min(1, calls.answered / calls.offered),
      agentsOnline: state.agents?.online ?? null,
      agentsBusy: state.agents?.busy ?? null,
    },
    districts: config.city.districts.map((d) => ({
      code: d.code,
      name: d.name,
      created: todayStats.districtCreated[d.code] ?? 0,
      open: openBy.get(d.code) ?? 0,
      overdue: overdueBy.get(d.code) ?? 0,
    })),
    departments: departmentRows(state, rules, period, now),
    warnings: {
      redCount: red.length,
      yellowCount: yellow.length,
      red: red.slice(0, limit).map((a) => warningItem(state, rules, a)),
      yellow: yellow.slice(0, limit).map((a) => warningItem(state, rules, a)),
    },
    coHandling: { open: co.open, overdue: co.overdue },
    bounced: bouncedTickets(state, rules),
    supervision,
    byChannel: Object.fromEntries(CHANNELS.map((c) => [c, todayStats.byChannel[c]])) as Snapshot['byChannel'],
    byKind: Object.fromEntries(TICKET_KINDS.map((k) => [k, todayStats.byKind[k]])) as Snapshot['byKind'],
    topCategories: Object.entries(todayStats.categories)
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || byCodeUnit(a.name, b.name))
      .slice(0, config.limits.topCategories),
    hourly: {
      today: { created: [...todayStats.hourlyCreated], closed: [...todayStats.hourlyClosed] },
      yesterday: { created: [...yesterday.hourlyCreated], closed: [...yesterday.hourlyClosed] },
    },
    hotTopics: hotTopics(
      state.topics.get(m.today) ?? NO_TOPICS,
      state.topics.get(m.today - 1) ?? NO_TOPICS,
      config.city.districts.map((d) => d.code),
    ),
    clusters: clusters(state, rules, m.today),
    ingest: { ...state.ingest },
    rules: rulesInForce(rules),
  };
}

/** snapshot.rules: the weights and thresholds in force, the numbers the words of the rules are written from. */
export function rulesInForce(rules: Rules): Snapshot['rules'] {
  return { ...ruleNumbers(rules.config), clock: rules.clock, timeZone: rules.zone.tz, heartbeatMs: rules.config.limits.heartbeatMs };
}

/** Rankings for a period and for the period of equal length just before it. */
export function rankings(state: CoreState, rules: Rules, period: Period, asOf: number): RankingsAnswer {
  const prev = previousPeriod(period);
  return {
    ...period,
    departments: departmentRows(state, rules, period, asOf),
    previous: { ...prev, departments: departmentRows(state, rules, prev, asOf) },
  };
}
