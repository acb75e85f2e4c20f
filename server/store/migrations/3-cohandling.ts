// Step 3: co-handling and returns. Ticket records gain `co` (no co-handlers) and `route` (the
// departments that returned it), rollup days gain `returned`, `coEnded` and `coOnTime`. Returns were
// always accepted, so each ticket's route and each department-day's `returned` are rebuilt from the
// stored per-ticket timelines. Every value is set, never added to: a step killed half-way and run
// again gives the same records.
import { dateOfDay, returnsOfTimeline, upgradeRollupDay, upgradeTicketRecord } from '../../../shared/domain/index.ts';
import type { MigrationContext, MigrationStep } from './index.ts';

const BATCH = 500;

async function run({ conn, keys, rules }: MigrationContext): Promise<void> {
  /** date → deptId → returns that day. */
  const returned = new Map<string, Map<string, number>>();
  const count = (date: string, deptId: string) => {
    let byDept = returned.get(date);
    if (!byDept) returned.set(date, (byDept = new Map()));
    byDept.set(deptId, (byDept.get(deptId) ?? 0) + 1);
  };

  const upgradeTickets = async (batch: Array<[string, string]>) => {
    const timelines = await Promise.all(batch.map(([id]) => conn.lRange(keys.timeline(id), 0, -1)));
    const records = new Map<string, string>();
    batch.forEach(([id, json], i) => {
      const { route, returns } = returnsOfTimeline(rules, timelines[i] ?? []);
      for (const [day, deptId] of returns) count(dateOfDay(day), deptId);
      records.set(id, upgradeTicketRecord(json, route));
    });
    await conn.hSet(keys.tickets, records);
  };

  // HSCAN may hand a field over twice: each ticket's returns must be counted once.
  const seen = new Set<string>();
  let batch: Array<[string, string]> = [];
  for await (const entries of conn.hScanIterator(keys.tickets, { COUNT: BATCH })) {
    for (const { field, value } of entries) {
      const id = String(field);
      if (seen.has(id)) continue;
      seen.add(id);
      batch.push([id, String(value)]);
    }
    if (batch.length >= BATCH) {
      await upgradeTickets(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await upgradeTickets(batch);

  const days = new Map<string, string | null>();
  for await (const entries of conn.hScanIterator(keys.rollups, { COUNT: BATCH })) {
    for (const { field, value } of entries) days.set(String(field), String(value));
  }
  for (const date of returned.keys()) if (!days.has(date)) days.set(date, null);
  const upgraded = new Map<string, string>();
  for (const [date, json] of days) upgraded.set(date, upgradeRollupDay(json, returned.get(date) ?? new Map()));
  if (upgraded.size > 0) await conn.hSet(keys.rollups, upgraded);
}

export const cohandlingStep: MigrationStep = {
  to: 3,
  what: 'co-handling and returns: ticket routes and department-day returns rebuilt from the timelines',
  run,
};
