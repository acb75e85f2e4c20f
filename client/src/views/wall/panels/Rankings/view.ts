// The rankings' view: department rows grouped by kind (in the snapshot's order), and the
// definitions (口径说明) written from snapshot.rules by shared/rules-text.ts (pure).
import { DEPT_KINDS, type DeptKind } from '@shared/contract/events.ts';
import type { DepartmentRow, Snapshot } from '@shared/contract/snapshot.ts';
import { DEPT_KIND_LABELS, wallDefinitions } from '@shared/rules-text.ts';

export interface KindGroup {
  kind: DeptKind;
  label: string;
  rows: DepartmentRow[];
}

export function groupByKind(rows: DepartmentRow[]): KindGroup[] {
  return DEPT_KINDS.map((kind) => ({ kind, label: DEPT_KIND_LABELS[kind], rows: rows.filter((r) => r.kind === kind) }));
}

/** The formula, the card thresholds, the ranking and the rates in words, from the rules the server applies. */
export function definitions(rules: Snapshot['rules'] | undefined | null): string[] {
  return rules ? wallDefinitions(rules) : [];
}

/** Some unit co-handled in the period (a 协办按时率 to show): the wall gives the rate its column. */
export function hasCoHandling(rows: readonly DepartmentRow[]): boolean {
  return rows.some((r) => r.coOnTimeRate !== null && r.coOnTimeRate !== undefined);
}
