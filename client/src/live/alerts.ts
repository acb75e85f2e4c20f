// What deserves a brief highlight on the wall, from two consecutive snapshots (pure).
//   - a new red ticket (红牌),
//   - a ticket reaching supervision level 4 (约谈) or 5 (移交纪检监察),
//   - a new urgent ticket in the warning lists.
// The lists hold only the first N of each colour (sorted by dueAt), so "absent before" means "new"
// only when the earlier list was complete or would have shown the ticket; counters back this up
// with a summary alert when a rise is not visible in the lists.
import type { Snapshot, WarningItem } from '@shared/contract/snapshot.ts';

export type AlertKind = 'red' | 'level' | 'urgent';

export interface LiveAlert {
  /** Unique per alert (kind, ticket and time). */
  key: string;
  kind: AlertKind;
  ticketId: string | null;
  /** One short sentence for the toast. */
  text: string;
  level: number;
  /** Kiosk time the alert was raised, ms. */
  at: number;
}

/** At most this many alerts come out of one message (a reconnect after an hour must not flood). */
export const MAX_ALERTS_PER_MESSAGE = 6;

function wouldHaveListed(item: WarningItem, prevList: WarningItem[], prevCount: number): boolean {
  if (prevList.length >= prevCount) return true;
  const last = prevList[prevList.length - 1];
  return last !== undefined && item.dueAt < last.dueAt;
}

function describe(w: WarningItem): string {
  return `${w.ticketId} · ${w.deptName} · ${w.category[0] ?? ''}`;
}

export function detectAlerts(prev: Snapshot | null, next: Snapshot, at: number): LiveAlert[] {
  if (!prev) return [];
  const out: LiveAlert[] = [];
  const prevRed = new Map(prev.warnings.red.map((w) => [w.ticketId, w]));
  const prevYellow = new Map(prev.warnings.yellow.map((w) => [w.ticketId, w]));
  const push = (a: Omit<LiveAlert, 'key' | 'at'>) => out.push({ ...a, at, key: `${a.kind}:${a.ticketId ?? '*'}:${at}:${out.length}` });

  // New red tickets.
  let redShown = 0;
  for (const w of next.warnings.red) {
    if (prevRed.has(w.ticketId)) continue;
    if (!wouldHaveListed(w, prev.warnings.red, prev.warnings.redCount)) continue;
    redShown++;
    push({ kind: 'red', ticketId: w.ticketId, level: w.level, text: describe(w) });
  }
  const redRise = next.warnings.redCount - prev.warnings.redCount;
  if (redRise > 0 && redShown === 0) {
    push({ kind: 'red', ticketId: null, level: 0, text: `红牌工单增加 ${redRise} 件，共 ${next.warnings.redCount} 件` });
  }

  // Reaching level 4 or 5.
  let levelShown = 0;
  for (const w of [...next.warnings.red, ...next.warnings.yellow]) {
    if (w.level < 4) continue;
    const before = prevRed.get(w.ticketId) ?? prevYellow.get(w.ticketId);
    const prevLevel = before ? before.level : null;
    if (prevLevel === null) {
      const listed =
        wouldHaveListed(w, prev.warnings.red, prev.warnings.redCount) &&
        wouldHaveListed(w, prev.warnings.yellow, prev.warnings.yellowCount);
      if (!listed) continue;
    } else if (prevLevel >= w.level) continue;
    levelShown++;
    push({
      kind: 'level',
      ticketId: w.ticketId,
      level: w.level,
      text: `L${w.level} ${w.level === 5 ? '移交纪检监察' : '约谈'} · ${describe(w)}`,
    });
  }
  const highRise = next.supervision['4'] + next.supervision['5'] - (prev.supervision['4'] + prev.supervision['5']);
  if (levelShown === 0 && (next.supervision['5'] > prev.supervision['5'] || highRise > 0)) {
    const level = next.supervision['5'] > prev.supervision['5'] ? 5 : 4;
    push({
      kind: 'level',
      ticketId: null,
      level,
      text: `L4 约谈 ${next.supervision['4']} 件，L5 移交纪检监察 ${next.supervision['5']} 件`,
    });
  }

  // New urgent tickets in either list.
  for (const [list, prevMap, prevList, prevCount] of [
    [next.warnings.red, prevRed, prev.warnings.red, prev.warnings.redCount],
    [next.warnings.yellow, prevYellow, prev.warnings.yellow, prev.warnings.yellowCount],
  ] as const) {
    for (const w of list) {
      if (w.urgency !== 'urgent' || prevRed.has(w.ticketId) || prevYellow.has(w.ticketId)) continue;
      if (prevMap.has(w.ticketId) || !wouldHaveListed(w, prevList, prevCount)) continue;
      if (out.some((a) => a.ticketId === w.ticketId)) continue;
      push({ kind: 'urgent', ticketId: w.ticketId, level: w.level, text: describe(w) });
    }
  }
  return out.slice(0, MAX_ALERTS_PER_MESSAGE);
}
