// What the focus card shows: the district's or department's figures and its warnings from the
// snapshot's lists (pure).
import type { DepartmentRow, DistrictRow, Focus, Snapshot, WarningItem } from '@shared/contract/snapshot.ts';

export interface FocusView {
  scope: 'district' | 'dept';
  id: string;
  name: string;
  district: DistrictRow | null;
  dept: DepartmentRow | null;
  red: WarningItem[];
  yellow: WarningItem[];
  /** The lists are capped: the counts shown are of the listed tickets only. */
  listsComplete: boolean;
}

export function focusView(s: Snapshot | null, f: Focus | null): FocusView | null {
  if (!s || !f) return null;
  const match = (w: WarningItem) => (f.scope === 'district' ? w.district === f.id : w.deptId === f.id);
  const district = f.scope === 'district' ? (s.districts.find((d) => d.code === f.id) ?? null) : null;
  const dept = f.scope === 'dept' ? (s.departments.find((d) => d.id === f.id) ?? null) : null;
  const fallbackName = f.scope === 'dept' ? (s.warnings.red.concat(s.warnings.yellow).find(match)?.deptName ?? f.id) : f.id;
  return {
    scope: f.scope,
    id: f.id,
    name: district?.name ?? dept?.name ?? fallbackName,
    district,
    dept,
    red: s.warnings.red.filter(match),
    yellow: s.warnings.yellow.filter(match),
    listsComplete: s.warnings.red.length >= s.warnings.redCount && s.warnings.yellow.length >= s.warnings.yellowCount,
  };
}
