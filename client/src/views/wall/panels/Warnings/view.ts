// The warning lists' view: rows with words for colour, reason and level, and the time left or
// overdue on the screen's clock (pure).
import type { WarningItem } from '@shared/contract/snapshot.ts';
import { formatTimeLeft, type TimeLeft } from '../../../../lib/format.ts';
import { levelLabel, REASON_LABELS } from '../../../../lib/labels.ts';

export interface WarningRow {
  item: WarningItem;
  reasonText: string;
  levelText: string;
  districtName: string;
  category: string;
  time: TimeLeft;
  urgent: boolean;
}

export function warningRows(items: WarningItem[], nowMs: number, districtName: (code: string) => string): WarningRow[] {
  return items.map((item) => ({
    item,
    reasonText: REASON_LABELS[item.reason] ?? item.reason,
    levelText: levelLabel(item.level),
    districtName: districtName(item.district),
    category: item.category[0] ?? '',
    time: formatTimeLeft(Date.parse(item.dueAt), nowMs),
    urgent: item.urgency === 'urgent',
  }));
}
