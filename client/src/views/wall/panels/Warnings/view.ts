// The warning lists' view: rows with words for colour, reason and level (pure). The time left or
// overdue ticks in its own component (TimeLeft.vue), so a clock tick does not rebuild the rows.
import type { WarningItem } from '@shared/contract/snapshot.ts';
import { levelLabel, REASON_LABELS } from '../../../../lib/labels.ts';

export interface WarningRow {
  item: WarningItem;
  reasonText: string;
  levelText: string;
  districtName: string;
  category: string;
  urgent: boolean;
}

export function warningRows(items: WarningItem[], districtName: (code: string) => string): WarningRow[] {
  return items.map((item) => ({
    item,
    reasonText: REASON_LABELS[item.reason] ?? item.reason,
    levelText: levelLabel(item.level),
    districtName: districtName(item.district),
    category: item.category[0] ?? '',
    urgent: item.urgency === 'urgent',
  }));
}
