// Citizens' data kept no longer than needed (metrics.md, Personal data): for a ticket closed more
// than limits.personalDataDays ago, the content, name and phone are deleted from its details (the
// title kept in its masked form), and the free text of its timeline is masked with the name before
// the name goes. The tickets due are found through the `closed` sorted set (close time as score),
// which every batch keeps up (commit.ts), so a sweep reads only what is due, never the whole store.
// Each ticket is purged by one script that first checks, in Redis, that the ticket is still closed
// and since long enough: a reopen or a new close written meanwhile by the consumer wins, and any
// process may sweep (the work is idempotent).
import {
  DAY,
  detailsWithoutPersonalData,
  maskedTimelineRecord,
  strippedTimelineRecord,
  type Rules,
  type StoredDetails,
} from '../../shared/domain/index.ts';
import { throttled, type Logger } from '../util/log.ts';
import type { Keys } from './keys.ts';
import type { RedisClient } from './redis.ts';

/** Tickets read per round trip, and rounds per sweep (the next sweep goes on where this one stopped). */
const CHUNK = 200;
const CHUNKS_PER_SWEEP = 10;

/**
 * KEYS: tickets, details, closed, the ticket's timeline. ARGV: ticketId, cutoff (ms), its score in
 * `closed`, the new details JSON (or ''), then timeline index / new value pairs. Answers 1 when it
 * purged, 0 when the ticket is not (or no longer) due.
 */
const PURGE = `
local rec = redis.call('HGET', KEYS[1], ARGV[1])
if not rec then
  redis.call('ZREM', KEYS[3], ARGV[1])
  return 0
end
local t = cjson.decode(rec)
if t.state ~= 'closed' then
  redis.call('ZREM', KEYS[3], ARGV[1])
  return 0
end
local closedAt = tonumber(t.closedAt) or tonumber(ARGV[3])
if closedAt > tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[3], closedAt, ARGV[1])
  return 0
end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[1], ARGV[4]) end
for i = 5, #ARGV, 2 do redis.call('LSET', KEYS[4], tonumber(ARGV[i]), ARGV[i + 1]) end
redis.call('ZREM', KEYS[3], ARGV[1])
return 1`;

export interface SweepResult {
  /** Tickets whose personal data was deleted. */
  purged: number;
  /** Index entries dropped or moved (reopened tickets, closed again later). */
  skipped: number;
}

/** The timeline rewrites for one ticket: old created records stripped, free text masked with the citizen. */
function timelineRewrites(records: string[], details: StoredDetails | null): string[] {
  const args: string[] = [];
  records.forEach((json, i) => {
    const stripped = strippedTimelineRecord(json) ?? json;
    const masked = maskedTimelineRecord(stripped, details?.citizen) ?? stripped;
    if (masked !== json) args.push(String(i), masked);
  });
  return args;
}

/** The details without personal data; unreadable ones are replaced whole (nothing of them can be shown anyway). */
function purgedDetails(json: string | null, now: number, days: number): { details: StoredDetails | null; newDetails: string } {
  if (json === null) return { details: null, newDetails: '' };
  try {
    return { details: JSON.parse(json) as StoredDetails, newDetails: detailsWithoutPersonalData(json, now, days) };
  } catch {
    return { details: null, newDetails: JSON.stringify({ personalDataDeleted: { at: now, days } } satisfies StoredDetails) };
  }
}

/** Deletes the personal data of tickets closed before `now` − personalDataDays. */
export async function sweepPersonalData(o: { conn: RedisClient; keys: Keys; rules: Rules; now: number }): Promise<SweepResult> {
  const { conn, keys, rules, now } = o;
  const days = rules.config.limits.personalDataDays;
  const cutoff = now - days * DAY;
  const result: SweepResult = { purged: 0, skipped: 0 };
  for (let round = 0; round < CHUNKS_PER_SWEEP; round++) {
    const due = await conn.zRangeByScoreWithScores(keys.closed, '-inf', cutoff, { LIMIT: { offset: 0, count: CHUNK } });
    if (due.length === 0) break;
    const ids = due.map((d) => String(d.value));
    const [detailsJson, timelines] = await Promise.all([
      conn.hmGet(keys.details, ids),
      Promise.all(ids.map((id) => conn.lRange(keys.timeline(id), 0, -1))),
    ]);
    const answers = await Promise.all(
      ids.map((id, i) => {
        const json = (detailsJson[i] as string | null) ?? null;
        const { details, newDetails } = purgedDetails(json, now, days);
        return conn.eval(PURGE, {
          keys: [keys.tickets, keys.details, keys.closed, keys.timeline(id)],
          arguments: [
            id,
            String(cutoff),
            String(due[i].score),
            newDetails === json ? '' : newDetails,
            ...timelineRewrites(timelines[i], details),
          ],
        });
      }),
    );
    for (const a of answers) result[a === 1 ? 'purged' : 'skipped']++;
    if (due.length < CHUNK) break;
  }
  return result;
}

export interface PersonalDataSweep {
  /** Resolves once a running sweep has finished; no new one starts. */
  stop(): Promise<void>;
}

/**
 * Sweeps every `everyMs` while `active()` (this process consumes the stream) and `now()` knows the
 * time (under the event clock, once an event was applied). A sweep that fails is logged and tried
 * again at the next tick.
 */
export function schedulePersonalDataSweep(o: {
  conn: RedisClient;
  keys: Keys;
  rules: Rules;
  now: () => number | null;
  active: () => boolean;
  log: Logger;
  everyMs: number;
}): PersonalDataSweep {
  const warn = throttled(o.log.warn, 60_000);
  let running: Promise<void> | null = null;
  const tick = () => {
    const now = o.now();
    if (running || now === null || !o.active() || !o.conn.isReady) return;
    running = sweepPersonalData({ conn: o.conn, keys: o.keys, rules: o.rules, now })
      .then((r) => {
        if (r.purged > 0) {
          o.log.info(
            `deleted the personal data of ${r.purged} tickets closed more than ${o.rules.config.limits.personalDataDays} days ago`,
          );
        }
      })
      .catch((err: unknown) => warn(`deleting old personal data failed (${(err as Error).message}); trying again later`))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, o.everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
